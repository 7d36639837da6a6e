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
        String probe = spec.map(s -> s.attr("livenessProbe")).orElse(null);
        Integer budget = budget(probe);
        // How long start-up takes (the slowest completed one the logs show) and a container cut short before it finished.
        Optional<Observation> slowest = incident.all(Signal.STARTUP, o -> o.is("completed", "true"))
                .max(java.util.Comparator.comparingDouble(o -> o.number("seconds").orElse(0.0)));
        Optional<Observation> cutShort = incident.first(Signal.STARTUP, o -> o.is("completed", "false"));
        boolean outgrows = slowest.flatMap(o -> o.number("seconds")).map(s -> budget != null && s > budget).orElse(false);
        boolean slowStart = neverReady || !startupLogs.isEmpty() || outgrows || cutShort.isPresent();
        double confidence = slowStart ? 0.8 : 0.55;
        if (kills.isEmpty()) {
            confidence -= 0.15;
        }
        Observation failure = failures.get(0);
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
        slowest.ifPresent(o -> {
            cause.append("; start-up takes ").append(o.attr("seconds")).append(" s (").append(Facts.where(o)).append(": \"")
                    .append(o.attr("completion")).append("\")");
            if (budget != null) {
                cause.append(", the liveness probe allows ").append(allowance(probe, budget));
            }
        });
        if (slowest.isEmpty() && budget != null) {
            cause.append("; the liveness probe allows ").append(allowance(probe, budget)).append(" for start-up");
        }
        cutShort.ifPresent(o -> cause.append("; when it was killed, ").append(Facts.where(o)).append(" was still starting after ")
                .append(o.attr("seconds")).append(" s")
                .append(o.attr("step") == null ? "" : ", in \"" + o.attr("step") + "\"")
                .append(", last \"").append(o.attr("lastLine")).append("\""));
        List<String> steps = new ArrayList<>();
        steps.add("Give " + Facts.workload(incident) + " time to start: add a startupProbe (or raise the liveness probe's "
                + "initialDelaySeconds/failureThreshold) longer than its slowest start");
        steps.add("Keep the liveness probe cheap and independent of dependencies; use the readiness probe to hold traffic");
        List<Observation> evidence = new ArrayList<>(Facts.join(failures.stream().limit(2).toList(), kills.stream().limit(1).toList(),
                spec.stream().toList(), slowest.stream().toList(), cutShort.stream().toList(), failures, kills, startupLogs));
        return Optional.of(new Hypothesis(family(), RootCauseCategory.CONFIGURATION_ERROR, confidence, cause.toString(),
                evidence, steps, Facts.onset(evidence), true));
    }

    private static final java.util.regex.Pattern SETTING = java.util.regex.Pattern.compile("\\b(initialDelaySeconds|periodSeconds|failureThreshold)=(\\d+)");

    /** How long a start-up may take before the probe kills it: initialDelaySeconds + failureThreshold × periodSeconds (Kubernetes' defaults 0, 3, 10). */
    static Integer budget(String probe) {
        if (probe == null) {
            return null;
        }
        int[] v = settings(probe);
        return v[0] + v[2] * v[1];
    }

    private static int[] settings(String probe) {
        int[] v = {0, 10, 3};
        java.util.regex.Matcher m = SETTING.matcher(probe);
        while (m.find()) {
            int value = Integer.parseInt(m.group(2));
            switch (m.group(1)) {
                case "initialDelaySeconds" -> v[0] = value;
                case "periodSeconds" -> v[1] = value;
                default -> v[2] = value;
            }
        }
        return v;
    }

    /** "initialDelaySeconds + failureThreshold × periodSeconds = 60 + 3 × 10 = 90 s". */
    private static String allowance(String probe, int budget) {
        int[] v = settings(probe);
        return "initialDelaySeconds + failureThreshold × periodSeconds = " + v[0] + " + " + v[2] + " × " + v[1] + " = " + budget + " s";
    }
}
