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
 * threshold back and forth (flapping), the monitoring blinked (a scrape gap of many targets at
 * once, back moments later), or it counts old events (restarts hours ago, during a change to
 * something it uses) while every pod has been Ready since. Never chosen while something is
 * failing now.
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
        Optional<Observation> reported = incident.first(Signal.ALERT_VALUE, o -> true);
        Optional<Observation> scrapeGap = scrapeBlip(incident, signal);
        boolean recovered = signal.map(s -> s.is("firing", "false") && s.attr("recoveredAt") != null).orElse(false);
        int crossings = signal.flatMap(s -> s.number("crossings")).orElse(0.0).intValue();
        boolean flapping = crossings >= 3 || signal.map(o -> o.is("flapping", "true")).orElse(false);
        boolean podsFine = incident.kubernetesRead() && Facts.allPodsReady(incident);
        List<Observation> oldRestarts = incident.list(Signal.CONTAINER_TERMINATED, o -> !incident.recent(o));
        List<Observation> evidence = new ArrayList<>();
        StringBuilder cause = new StringBuilder();
        double confidence;
        boolean onlyOldRestarts = !oldRestarts.isEmpty() && Facts.terminations(incident, null).isEmpty();
        if (scrapeGap.isPresent()) {
            cause.append("A scrape blip of the monitoring, not an outage of ").append(Facts.workload(incident)).append(": ")
                    .append(scrapeGap.get().text());
            evidence.add(scrapeGap.get());
            incident.first(Signal.RELATED_ALERTS, o -> true).ifPresent(evidence::add);
            confidence = 0.66;
        } else if (flapping) {
            Observation s = signal.get();
            cause.append("The alert is flapping, not an incident: its signal crossed the threshold")
                    .append(s.attr("threshold") == null ? "" : " of " + s.attr("threshold")).append(' ').append(crossings)
                    .append(" times around the alert and ").append(s.is("firing", "false") ? "is back under it" : "hovers at it")
                    .append(": ").append(s.text());
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
        signal.filter(s -> !evidence.contains(s) && scrapeGap.isEmpty()).ifPresent(s -> evidence.add(0, s));
        reported.filter(r -> signal.isEmpty()).ifPresent(evidence::add);
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
            // A restart during a change to something it uses (a broker's upgrade, a maintenance) is that change's echo.
            duringChangeElsewhere(incident, old).ifPresent(change -> {
                cause.append(", during the recorded ").append(change.attr("kind", "change")).append(" change to ")
                        .append(change.attr("service")).append(change.attr("version") == null ? "" : " " + change.attr("version"))
                        .append(' ').append(incident.relative(change.at()))
                        .append(change.attr("description") == null ? "" : " (\"" + change.attr("description") + "\")");
                evidence.add(change);
            });
        }
        // Errors of clients that went away (a broken pipe towards the caller) are not the service failing.
        if (recovered || flapping) {
            List<Observation> aborts = Facts.logs(incident, "client_abort");
            if (!aborts.isEmpty()) {
                Observation abort = aborts.get(0);
                cause.append("; the errors logged are clients aborting their requests (").append(Facts.count(aborts))
                        .append(" lines, e.g. \"").append(abort.attr("sample", abort.text())).append("\"), not failures of ")
                        .append(Facts.workload(incident));
                evidence.add(abort);
                confidence += 0.06;
            }
        }
        return Optional.of(new Hypothesis(family(), RootCauseCategory.HEALTHY, confidence, cause.toString(), evidence,
                List.of(scrapeGap.isPresent()
                        ? "No action on the targets needed; look at the Prometheus that scraped them ("
                                + scrapeGap.get().attr("prometheus", "its scrape timeouts and network") + ") if it recurs, and give the "
                                + "target-down rule a longer `for:` than a scrape blip"
                        : "No action on " + Facts.workload(incident) + " needed now; if the alert keeps firing like this, "
                                + "lengthen its `for:` or raise its threshold so it pages only for lasting trouble"),
                null, false));
    }

    /**
     * A recovered gap in the scrapes of many targets at once that covers this alert: its own
     * target among them, or an alert on scrape health itself ({@code up}, {@code absent}).
     */
    static Optional<Observation> scrapeBlip(Case incident, Optional<Observation> signal) {
        boolean aboutScrapes = signal.map(s -> Facts.contains(s.attr("expr"), "up", "absent", "scrape_")
                && s.attr("expr", "").matches("(?s).*\\b(up|absent(_over_time)?|scrape_[a-z_]+)\\b.*")).orElse(false);
        return incident.first(Signal.SCRAPE_GAP, g -> g.is("recovered", "true") && (g.is("alertTarget", "true") || aboutScrapes));
    }

    /** The latest change elsewhere that bears on the alert, from an hour before the restart up to it. */
    private static Optional<Observation> duringChangeElsewhere(Case incident, Observation restart) {
        if (restart.at() == null) {
            return Optional.empty();
        }
        return RecentChangeRule.elsewhere(incident).stream()
                .filter(c -> !c.at().isAfter(restart.at().plus(Triggers.SKEW)) && !c.at().isBefore(restart.at().minus(Case.RECENT)))
                .findFirst();
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
