package io.inquest.investigation.engine.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import jakarta.enterprise.context.ApplicationScoped;

/** A volume or database out of disk space: writes fail with "No space left on device". */
@ApplicationScoped
public class StorageFullRule implements DiagnosisRule {

    /** A log whose lines are this much DEBUG/TRACE is left at a verbose level. */
    static final double VERBOSE_SHARE = 0.3;
    static final double LOUD_LINES_PER_MINUTE = 1000;

    @Override
    public String family() {
        return "storage-full";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        List<Observation> volumes = incident.list(Signal.VOLUME_USAGE, o -> o.number("ratio").orElse(0.0) >= 0.9);
        Optional<Observation> dbStorage = Facts.database(incident, "storage").filter(o -> o.number("ratio").orElse(0.0) >= 0.9);
        List<Observation> diskFull = Facts.logs(incident, "disk_full");
        List<Observation> serverFull = serverLog(incident, "disk_full");
        if (volumes.isEmpty() && dbStorage.isEmpty() && diskFull.isEmpty() && serverFull.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder cause = new StringBuilder("Out of disk space");
        volumes.stream().findFirst().ifPresent(v -> cause.append(": ").append(v.text()));
        dbStorage.ifPresent(d -> cause.append(volumes.isEmpty() ? ": " : "; ").append(d.text()));
        if (!diskFull.isEmpty()) {
            cause.append(volumes.isEmpty() && dbStorage.isEmpty() ? ": " : "; ").append(Facts.count(diskFull))
                    .append(" writes failed, e.g. \"").append(diskFull.get(0).attr("sample")).append('"');
        }
        serverFull.stream().findFirst().ifPresent(d -> cause.append(volumes.isEmpty() && dbStorage.isEmpty() && diskFull.isEmpty() ? ": " : "; ")
                .append(d.text()));
        // What fills it: a replication slot holding WAL, or a workload writing a large log.
        List<Observation> slots = serverLog(incident, "replication_slot");
        slots.stream().findFirst().ifPresent(d -> cause.append("; ").append(d.text()));
        List<Observation> verbose = incident.list(Signal.LOG_VOLUME, o -> o.number("debugShare").orElse(0.0) >= VERBOSE_SHARE
                || o.number("linesPerMinute").orElse(0.0) >= LOUD_LINES_PER_MINUTE).stream()
                .sorted(Comparator.comparingDouble((Observation o) -> o.number("linesPerMinute").orElse(0.0)).reversed()).limit(1).toList();
        verbose.forEach(v -> cause.append("; what writes the most: ").append(v.text()));
        List<Observation> bulk = slots.isEmpty() && verbose.isEmpty()
                ? Triggers.bulkWork(incident, Facts.onset(Facts.join(volumes, dbStorage.stream().toList(), diskFull, serverFull))).stream()
                        .limit(1).toList()
                : List.of();
        bulk.forEach(b -> cause.append("; the bulk write that began ").append(incident.relative(b.at())).append(": ")
                .append(Triggers.label(b)).append(b.attr("description") == null ? "" : " (\"" + b.attr("description") + "\")"));
        String where = volumes.stream().map(v -> v.attr("of")).findFirst().orElse("the volume of " + Facts.workload(incident));
        double confidence = (!volumes.isEmpty() || dbStorage.isPresent()) && !(diskFull.isEmpty() && serverFull.isEmpty()) ? 0.9 : 0.75;
        List<Observation> evidence = Facts.join(volumes, dbStorage.stream().toList(), diskFull, serverFull, slots, verbose, bulk);
        List<String> steps = new ArrayList<>();
        steps.add("Free space on " + where + " now (old WAL or logs, a stuck replication slot, temporary files) or expand "
                + "the volume (PVC resize)");
        if (!slots.isEmpty()) {
            steps.add("Drop or advance the inactive replication slot that holds the WAL (pg_replication_slots), and set "
                    + "max_slot_wal_keep_size so a slot cannot fill the disk again");
        }
        verbose.stream().filter(v -> v.number("debugShare").orElse(0.0) >= VERBOSE_SHARE).findFirst().ifPresent(v -> steps.add(
                "Set " + v.attr("of") + "'s log level back from DEBUG and rotate or ship its log files instead of keeping them on the volume"));
        steps.add("Find what grew and alert on the fill rate before it is full again");
        return Optional.of(new Hypothesis(family(), RootCauseCategory.RESOURCE_EXHAUSTION, confidence, cause.toString(), evidence,
                steps, Facts.onset(evidence), true));
    }

    /** A database server's own log lines of one signature, the most frequent first. */
    static List<Observation> serverLog(Case incident, String signature) {
        return incident.list(Signal.DATABASE_LOG, o -> signature.equals(o.attr("signature"))).stream()
                .sorted(Comparator.comparingDouble((Observation o) -> o.number("count").orElse(1.0)).reversed()).toList();
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
