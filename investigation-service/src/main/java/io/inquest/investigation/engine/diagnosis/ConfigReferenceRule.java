package io.inquest.investigation.engine.diagnosis;

import java.util.List;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Containers that cannot be created because what their spec refers to is missing: a Secret or
 * ConfigMap (or one of its keys) that does not exist, a volume that cannot be mounted.
 */
@ApplicationScoped
public class ConfigReferenceRule implements DiagnosisRule {

    @Override
    public String family() {
        return "config-reference";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        List<Observation> waiting = Facts.waiting(incident, "CreateContainerConfigError", "CreateContainerError",
                "RunContainerError");
        List<Observation> mounts = Facts.events(incident, "FailedMount", "FailedAttachVolume").stream()
                .filter(o -> Facts.contains(o.attr("message"), "not found", "couldn't find", "does not exist"))
                .toList();
        if (waiting.isEmpty() && mounts.isEmpty()) {
            return Optional.empty();
        }
        Observation first = !waiting.isEmpty() ? waiting.get(0) : mounts.get(0);
        String message = first.attr("message", first.text());
        String cause = OomKillRule.capital(Facts.where(first)) + " cannot start ("
                + (waiting.isEmpty() ? "FailedMount" : first.attr("reason")) + "): " + message;
        // What the application itself says is missing, when it got far enough to say it.
        List<Observation> said = Facts.logs(incident, "missing_config");
        String named = said.isEmpty() ? "" : "; its log names what is missing: \"" + said.get(0).attr("sample") + "\"";
        cause = cause + named;
        List<Observation> evidence = Facts.join(waiting, mounts, said.stream().limit(1).toList());
        return Optional.of(new Hypothesis(family(), RootCauseCategory.CONFIGURATION_ERROR, 0.85, cause, evidence,
                List.of("Create the missing Secret/ConfigMap or key named in the error in namespace "
                        + first.attr("namespace", "of the workload") + ", or fix the reference in "
                        + Facts.workload(incident) + "'s pod spec"),
                Facts.onset(evidence), true));
    }
}
