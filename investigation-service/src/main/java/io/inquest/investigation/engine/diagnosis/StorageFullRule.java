package io.inquest.investigation.engine.diagnosis;

import java.util.List;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import jakarta.enterprise.context.ApplicationScoped;

/** A volume or database out of disk space: writes fail with "No space left on device". */
@ApplicationScoped
public class StorageFullRule implements DiagnosisRule {

    @Override
    public String family() {
        return "storage-full";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        List<Observation> volumes = incident.list(Signal.VOLUME_USAGE, o -> o.number("ratio").orElse(0.0) >= 0.9);
        Optional<Observation> dbStorage = Facts.database(incident, "storage").filter(o -> o.number("ratio").orElse(0.0) >= 0.9);
        List<Observation> diskFull = Facts.logs(incident, "disk_full");
        if (volumes.isEmpty() && dbStorage.isEmpty() && diskFull.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder cause = new StringBuilder("Out of disk space");
        volumes.stream().findFirst().ifPresent(v -> cause.append(": ").append(v.text()));
        dbStorage.ifPresent(d -> cause.append(volumes.isEmpty() ? ": " : "; ").append(d.text()));
        if (!diskFull.isEmpty()) {
            cause.append(volumes.isEmpty() && dbStorage.isEmpty() ? ": " : "; ").append(Facts.count(diskFull))
                    .append(" writes failed, e.g. \"").append(diskFull.get(0).attr("sample")).append('"');
        }
        String where = volumes.stream().map(v -> v.attr("of")).findFirst().orElse("the volume of " + Facts.workload(incident));
        double confidence = (!volumes.isEmpty() || dbStorage.isPresent()) && !diskFull.isEmpty() ? 0.9 : 0.75;
        List<Observation> evidence = Facts.join(volumes, dbStorage.stream().toList(), diskFull);
        return Optional.of(new Hypothesis(family(), RootCauseCategory.RESOURCE_EXHAUSTION, confidence, cause.toString(), evidence,
                List.of("Free space on " + where + " now (old WAL or logs, a stuck replication slot, temporary files) or expand "
                        + "the volume (PVC resize)", "Find what grew and alert on the fill rate before it is full again"),
                Facts.onset(evidence), true));
    }

    @Override
    public List<String> ruledOut(Case incident) {
        List<Observation> volumes = incident.list(Signal.VOLUME_USAGE, o -> true);
        if (!volumes.isEmpty() && volumes.stream().allMatch(o -> o.number("ratio").orElse(1.0) < 0.8)) {
            return List.of("not disk space: " + volumes.get(0).text());
        }
        return List.of();
    }
}
