package io.inquest.investigation.engine.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Containers the kubelet kills because their liveness probe fails. When they are killed before
 * they ever became Ready (a slow start: JVM warm-up, cache load, migrations), the probe is
 * configured too tight for the start-up: a configuration error.
 */
@ApplicationScoped
public class LivenessProbeRule implements DiagnosisRule {

    @Override
    public String family() {
        return "liveness-probe";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        List<Observation> failures = incident.list(Signal.EVENT, o -> incident.recent(o)
                && Facts.contains(o.attr("message"), "Liveness probe failed", "failed liveness probe"));
        if (failures.isEmpty()) {
            return Optional.empty();
        }
        List<Observation> kills = Facts.terminations(incident, null).stream().filter(CrashLoopRule::killedBySignal).toList();
        Optional<Observation> spec = incident.first(Signal.CONTAINER_SPEC, o -> o.attr("livenessProbe") != null);
        boolean noStartupProbe = spec.map(s -> s.attr("startupProbe") == null).orElse(true);
        boolean neverReady = Facts.pods(incident).stream().anyMatch(p -> p.is("ready", "false"));
        List<Observation> startupLogs = incident.list(Signal.LOG_PATTERN, o -> Facts.contains(o.attr("sample"), "start", "migrat",
                "warm", "loading", "initializ"));
        boolean slowStart = neverReady || !startupLogs.isEmpty();
        double confidence = slowStart ? 0.8 : 0.55;
        if (kills.isEmpty()) {
            confidence -= 0.15;
        }
        Observation failure = failures.get(0);
        String probe = spec.map(s -> s.attr("livenessProbe")).orElse(null);
        StringBuilder cause = new StringBuilder("The liveness probe of " + Facts.workload(incident)
                + " kills its containers" + (slowStart ? " before they finish starting" : "") + ": \"" + failure.attr("message", failure.text())
                + "\"");
        if (!kills.isEmpty()) {
            cause.append("; ").append(Facts.where(kills.get(0))).append(" was killed with exit code ")
                    .append(kills.get(0).attr("exitCode"));
        }
        if (probe != null) {
            cause.append("; its liveness probe is ").append(probe).append(noStartupProbe ? " with no startupProbe" : "");
        }
        List<String> steps = new ArrayList<>();
        steps.add("Give " + Facts.workload(incident) + " time to start: add a startupProbe (or raise the liveness probe's "
                + "initialDelaySeconds/failureThreshold) longer than its slowest start");
        steps.add("Keep the liveness probe cheap and independent of dependencies; use the readiness probe to hold traffic");
        List<Observation> evidence = new ArrayList<>(Facts.join(failures, kills, spec.stream().toList(), startupLogs));
        return Optional.of(new Hypothesis(family(), RootCauseCategory.CONFIGURATION_ERROR, confidence, cause.toString(),
                evidence, steps, Facts.onset(evidence), true));
    }
}
