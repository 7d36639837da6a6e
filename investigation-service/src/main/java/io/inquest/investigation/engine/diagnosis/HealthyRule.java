package io.inquest.investigation.engine.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An alert with nothing wrong behind it: its signal already went back (recovered), crosses its
 * threshold back and forth (flapping), or it counts old events (restarts hours ago) while every
 * pod has been Ready since. Never chosen while something is failing now.
 */
@ApplicationScoped
public class HealthyRule implements DiagnosisRule {

    @Override
    public String family() {
        return "healthy";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        if (troubleNow(incident)) {
            return Optional.empty();
        }
        Optional<Observation> signal = incident.first(Signal.ALERT_SIGNAL, o -> true);
        boolean recovered = signal.map(s -> s.is("firing", "false") && s.attr("recoveredAt") != null).orElse(false);
        int crossings = signal.flatMap(s -> s.number("crossings")).orElse(0.0).intValue();
        boolean flapping = crossings >= 3 || signal.map(o -> o.is("flapping", "true")).orElse(false);
        boolean podsFine = incident.kubernetesRead() && Facts.allPodsReady(incident);
        List<Observation> oldRestarts = incident.list(Signal.CONTAINER_TERMINATED, o -> !incident.recent(o));
        List<Observation> evidence = new ArrayList<>();
        signal.ifPresent(evidence::add);
        StringBuilder cause = new StringBuilder();
        double confidence;
        boolean onlyOldRestarts = !oldRestarts.isEmpty() && Facts.terminations(incident, null).isEmpty();
        if (flapping) {
            cause.append("The alert is flapping, not an incident: its signal crossed the threshold ").append(crossings)
                    .append(" times around the alert and ").append(signal.get().is("firing", "false") ? "is back under it" : "hovers at it");
            confidence = 0.6;
        } else if (recovered) {
            cause.append("Already recovered: ").append(signal.get().text());
            confidence = 0.58;
        } else if (podsFine && onlyOldRestarts) {
            cause.append("The alert counts old restarts, not a current failure: nothing of ").append(Facts.workload(incident))
                    .append(" restarted in the hour before the alert");
            confidence = 0.5;
        } else if (podsFine && signal.isEmpty()) {
            cause.append("Nothing is failing now: every pod of ").append(Facts.workload(incident)).append(" is Ready");
            confidence = 0.45;
        } else {
            return Optional.empty();
        }
        if (podsFine) {
            Facts.readySince(incident).ifPresent(since -> cause.append("; every pod of ").append(Facts.workload(incident))
                    .append(" has been Ready since ").append(incident.relative(since)));
            confidence += 0.08;
            evidence.addAll(Facts.pods(incident).stream().limit(2).toList());
        }
        if (!oldRestarts.isEmpty()) {
            Observation old = oldRestarts.get(0);
            cause.append("; the last restart (").append(old.attr("reason", "exit " + old.attr("exitCode"))).append(") was ")
                    .append(incident.relative(old.at()));
            evidence.add(old);
            confidence += 0.04;
        }
        return Optional.of(new Hypothesis(family(), RootCauseCategory.HEALTHY, confidence, cause.toString(), evidence,
                List.of("No action on " + Facts.workload(incident) + " needed now; if the alert keeps firing like this, "
                        + "lengthen its `for:` or raise its threshold so it pages only for lasting trouble"),
                null, false));
    }

    /** Every pod Ready and nothing failing now: what an event-only hypothesis describes is over. */
    static boolean resolvedNow(Case incident) {
        return incident.kubernetesRead() && Facts.allPodsReady(incident) && !troubleNow(incident)
                && incident.all(Signal.WORKLOAD_STATUS).noneMatch(o -> o.number("unavailable").orElse(0.0) > 0);
    }

    /** Something failing now: a container waiting or just terminated, a pod unschedulable or not Ready, a node down. */
    static boolean troubleNow(Case incident) {
        return incident.any(Signal.CONTAINER_WAITING, o -> true)
                || incident.any(Signal.POD_UNSCHEDULABLE, o -> true)
                || incident.any(Signal.POD_STATUS, o -> o.is("ready", "false") && !o.is("phase", "Succeeded"))
                || incident.any(Signal.CONTAINER_TERMINATED, o -> o.is("state", "current") && !o.is("reason", "Completed"))
                || !Facts.unhealthyNodes(incident).isEmpty()
                || incident.any(Signal.WORKLOAD_STATUS, o -> Facts.contains(o.attr("progressingReason"), "ProgressDeadlineExceeded"));
    }
}
