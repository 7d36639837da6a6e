package io.inquest.investigation.engine.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A rollout that does not complete (ProgressDeadlineExceeded, new pods never Ready while the old
 * ones keep serving). What holds the new pods is the mechanism when their logs show it; the
 * image-pull, crash-loop and scheduling rules explain the other cases more strongly. Otherwise
 * the rollout itself is the cause, mechanism unknown: {@code change}.
 */
@ApplicationScoped
public class StuckRolloutRule implements DiagnosisRule {

    @Override
    public String family() {
        return "stuck-rollout";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        List<Observation> stuck = incident.list(Signal.WORKLOAD_STATUS, o -> Facts.contains(o.attr("progressingReason"),
                "ProgressDeadlineExceeded"));
        Optional<Observation> rollout = incident.first(Signal.ROLLOUT, o -> o.is("current", "true"));
        List<Observation> readiness = incident.list(Signal.EVENT, o -> incident.recent(o)
                && Facts.contains(o.attr("message"), "Readiness probe failed"));
        boolean newPodsNotReady = rollout.map(r -> r.number("readyReplicas").orElse(0.0) < r.number("replicas").orElse(1.0))
                .orElse(false) && !readiness.isEmpty();
        if (stuck.isEmpty() && !newPodsNotReady) {
            return Optional.empty();
        }
        List<Observation> evidence = new ArrayList<>(Facts.join(stuck, rollout.stream().toList(), readiness));
        String deployment = stuck.isEmpty() ? rollout.map(r -> r.attr("deployment")).orElse(Facts.workload(incident))
                : stuck.get(0).attr("name");
        StringBuilder cause = new StringBuilder("The rollout of deployment " + deployment + " is stuck");
        stuck.stream().findFirst().ifPresent(s -> cause.append(" (").append(s.attr("progressingReason")).append(": ")
                .append(s.attr("progressingMessage", "")).append(')'));
        rollout.ifPresent(r -> cause.append(": its new ReplicaSet ").append(r.attr("replicaSet"))
                .append(r.attr("image") == null ? "" : " (" + r.attr("image") + ")").append(" has ")
                .append(r.attr("readyReplicas", "0")).append(" of ").append(r.attr("replicas", "?")).append(" pods Ready"));
        readiness.stream().findFirst().ifPresent(e -> cause.append("; \"").append(e.attr("message")).append('"'));

        List<Observation> config = Facts.logs(incident, "missing_config");
        List<Observation> defect = Facts.logs(incident, "panic", "exception");
        RootCauseCategory category = RootCauseCategory.CHANGE;
        double confidence = 0.65;
        String rollback = "Roll back deployment " + deployment + " (kubectl rollout undo deployment/" + deployment
                + ") so the old ReplicaSet serves again";
        List<String> steps = new ArrayList<>();
        if (!config.isEmpty()) {
            category = RootCauseCategory.CONFIGURATION_ERROR;
            confidence = 0.78;
            evidence.add(0, config.get(0));
            cause.append("; the new pods log \"").append(config.get(0).attr("sample")).append('"');
            steps.add("Provide the configuration the new version needs (the setting its log names) before rolling it out again");
        } else if (!defect.isEmpty()) {
            category = RootCauseCategory.CODE_DEFECT;
            confidence = 0.72;
            evidence.add(0, defect.get(0));
            cause.append("; the new pods fail with \"").append(defect.get(0).attr("sample")).append('"');
            steps.add("Fix the failure of the new version named in its log before rolling it out again");
        } else {
            steps.add("Compare the new ReplicaSet's pod template with the previous one ("
                    + rollout.map(r -> r.attr("diff", "image, env, probes")).orElse("image, env, probes")
                    + ") and read the new pods' logs and readiness probe failures");
        }
        steps.add(0, rollback);
        return Optional.of(new Hypothesis(family(), category, confidence, cause.toString(), evidence, steps,
                rollout.map(Observation::at).orElse(Facts.onset(evidence)), true));
    }

    @Override
    public List<String> ruledOut(Case incident) {
        List<Observation> workloads = incident.list(Signal.WORKLOAD_STATUS, o -> true);
        if (!workloads.isEmpty() && workloads.stream().noneMatch(o -> Facts.contains(o.attr("progressingReason"),
                "ProgressDeadlineExceeded"))) {
            return List.of("not a stuck rollout: deployment " + workloads.get(0).attr("name") + " is "
                    + workloads.get(0).attr("progressingReason", "progressing"));
        }
        return List.of();
    }
}
