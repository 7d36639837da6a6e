package io.inquest.investigation.engine.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Containers that exit on their own and are restarted (CrashLoopBackOff, exit codes other than a
 * kill). What they die of is in the previous container's logs: a panic or an exception is a code
 * defect, a missing setting a configuration error. Without it, a change just before is the
 * suspect, and otherwise the cause is unknown.
 */
@ApplicationScoped
public class CrashLoopRule implements DiagnosisRule {

    @Override
    public String family() {
        return "crash-loop";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        List<Observation> backOff = Facts.waiting(incident, "CrashLoopBackOff");
        List<Observation> exits = Facts.terminations(incident, null).stream()
                .filter(o -> !o.is("reason", "OOMKilled") && !o.is("reason", "Completed") && !"0".equals(o.attr("exitCode")))
                .toList();
        List<Observation> backOffEvents = Facts.events(incident, "BackOff");
        if (backOff.isEmpty() && exits.isEmpty()) {
            return Optional.empty();
        }
        if (!Facts.terminations(incident, "OOMKilled").isEmpty()) {
            return Optional.empty();
        }
        if (!Facts.events(incident, "Unhealthy").isEmpty() && Facts.eventsMentioning(incident, "liveness").size() > 0
                && exits.stream().allMatch(o -> killedBySignal(o))) {
            return Optional.empty();
        }
        Observation crash = !exits.isEmpty() ? exits.get(0) : backOff.get(0);
        List<Observation> missingConfig = Facts.logs(incident, "missing_config");
        List<Observation> defect = Facts.logs(incident, "panic", "exception");
        List<Observation> unreachable = Facts.logs(incident, "connection_refused", "dns", "too_many_connections", "tls");
        String exit = crash.attr("exitCode") == null ? "" : " (exit code " + crash.attr("exitCode") + ")";
        String head = OomKillRule.capital(Facts.where(crash)) + " is crash-looping" + exit
                + (restarts(backOff, exits) > 0 ? " with " + restarts(backOff, exits) + " restarts" : "");
        List<Observation> restartCounts = incident.list(Signal.METRIC, o -> "restarts".equals(o.attr("metric")));
        List<Observation> evidence = new ArrayList<>(Facts.join(exits, backOff, backOffEvents, restartCounts));
        String container = crash.attr("container", Facts.workload(incident));

        if (!missingConfig.isEmpty()) {
            Observation line = missingConfig.get(0);
            evidence.add(0, line);
            return Optional.of(new Hypothesis(family(), RootCauseCategory.CONFIGURATION_ERROR, 0.8,
                    head + ": it exits at start-up on missing or invalid configuration: \"" + line.attr("sample", line.text()) + "\"",
                    evidence, List.of("Provide the setting the log names to container " + container
                            + " (env var, ConfigMap or Secret key), or roll back to the version that did not need it"),
                    Facts.onset(evidence), true));
        }
        if (!defect.isEmpty()) {
            Observation line = defect.get(0);
            evidence.add(0, line);
            return Optional.of(new Hypothesis(family(), RootCauseCategory.CODE_DEFECT, 0.75,
                    head + ": the application crashes with \"" + line.attr("sample", line.text()) + "\"",
                    evidence, List.of("Fix the crash in " + container + " named by the stack trace (" + line.attr("signature")
                            + ") and ship it; read the previous container's log: kubectl logs --previous"),
                    Facts.onset(evidence), true));
        }
        if (!unreachable.isEmpty()) {
            // A start-up that cannot reach what it needs: the dependency rules explain it better.
            return Optional.empty();
        }
        Optional<Observation> change = Triggers.find(incident, Facts.onset(evidence));
        String readLog = "Read the previous container's log of " + container + " (kubectl logs --previous) for why it exits";
        if (change.isPresent()) {
            return Optional.of(new Hypothesis(family(), RootCauseCategory.CHANGE, 0.62,
                    head + " since " + change.get().text() + "; its logs do not show why it exits", evidence,
                    List.of("Roll back " + Triggers.label(change.get()) + " and compare the two versions' start-up", readLog),
                    Facts.onset(evidence), true));
        }
        return Optional.of(new Hypothesis(family(), RootCauseCategory.UNKNOWN, 0.35,
                head + "; its logs do not show why it exits", evidence,
                List.of(readLog, "Check the container's command, arguments and dependencies at start-up"),
                Facts.onset(evidence), true));
    }

    static boolean killedBySignal(Observation o) {
        return "137".equals(o.attr("exitCode")) || "143".equals(o.attr("exitCode"));
    }

    private static int restarts(List<Observation> a, List<Observation> b) {
        return Facts.join(a, b).stream().mapToInt(o -> o.number("restarts").orElse(0.0).intValue()).max().orElse(0);
    }

    @Override
    public List<String> ruledOut(Case incident) {
        if (incident.kubernetesRead() && !Facts.pods(incident).isEmpty() && Facts.waiting(incident, "CrashLoopBackOff").isEmpty()
                && Facts.terminations(incident, null).isEmpty()) {
            return List.of("not a crash loop: no container of " + Facts.workload(incident) + " terminated or is in CrashLoopBackOff");
        }
        return List.of();
    }
}
