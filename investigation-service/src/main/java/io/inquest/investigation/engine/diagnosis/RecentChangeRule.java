package io.inquest.investigation.engine.diagnosis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A change shortly before the symptom, when no rule identifies a mechanism: the category is
 * {@code change}. The closer it is, the stronger the suspicion; a change long before is none.
 * Changes to other services are never the workload's trigger: those that bear on the alert
 * ({@link #elsewhere}) are quoted as context, the others ruled out with their description.
 */
@ApplicationScoped
public class RecentChangeRule implements DiagnosisRule {

    @Override
    public String family() {
        return "recent-change";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        return Triggers.changes(incident).stream()
                .filter(c -> !c.at().isAfter(incident.alertStart().plus(Triggers.SKEW)))
                .findFirst()
                .flatMap(change -> {
                    double confidence = weight(Duration.between(change.at(), incident.alertStart()));
                    if (confidence == 0) {
                        return Optional.empty();
                    }
                    String service = incident.subject().serviceOrUnknown();
                    String symptom = incident.subject().symptom().label();
                    return Optional.of(new Hypothesis(family(), RootCauseCategory.CHANGE, confidence,
                            change.text() + ": the " + symptom + " on " + service + " began after it, and nothing else "
                                    + "found explains it",
                            List.of(change),
                            List.of("Roll back " + Triggers.label(change) + " and watch whether the " + symptom + " clears",
                                    "Check what the change touched (configuration, limits, dependencies) against the "
                                            + symptom + " before rolling forward again"),
                            change.at(), true));
                });
    }

    /**
     * Changes recorded for other services that bear on this alert: to shared infrastructure (a
     * maintenance, an infrastructure change) or to something the evidence names (a service the
     * logs, events or termination messages mention, or whose name the failing dependency shares).
     * The latest first; they are context, never this workload's trigger.
     */
    static List<Observation> elsewhere(Case incident) {
        String evidence = evidenceText(incident);
        List<String> dependencies = dependencies(incident);
        return incident.all(Signal.CHANGE, o -> o.is("scope", "elsewhere") && o.at() != null
                        && !o.at().isAfter(incident.alertStart().plus(Triggers.SKEW)))
                .filter(c -> shared(c) || mentions(evidence, c.attr("service"))
                        || dependencies.stream().anyMatch(d -> mentions(c.attr("service", "") + " " + c.attr("description", ""), d)))
                .sorted(Comparator.comparing(Observation::at).reversed())
                .toList();
    }

    /** Maintenance or a change of the platform, which every service on it may feel. */
    static boolean shared(Observation change) {
        String kind = change.attr("kind", "").toLowerCase(Locale.ROOT);
        return kind.startsWith("infra") || kind.contains("maintenance") || kind.contains("platform")
                || Facts.contains(change.attr("description"), "maintenance");
    }

    /** The texts the incident's evidence quotes: log lines, events, termination messages. */
    private static String evidenceText(Case incident) {
        StringBuilder text = new StringBuilder();
        incident.all(Signal.LOG_SIGNATURE).forEach(o -> text.append(o.attr("sample", "")).append('\n'));
        incident.all(Signal.LOG_PATTERN).forEach(o -> text.append(o.attr("sample", "")).append('\n').append(o.attr("pattern", "")).append('\n'));
        incident.all(Signal.EVENT).forEach(o -> text.append(o.attr("message", "")).append('\n'));
        incident.all(Signal.CONTAINER_TERMINATED).forEach(o -> text.append(o.attr("message", "")).append('\n'));
        return text.toString().toLowerCase(Locale.ROOT);
    }

    /** The services the evidence shows being called: a host the logs name, a dependency read in Prometheus. */
    private static List<String> dependencies(Case incident) {
        List<String> names = new ArrayList<>();
        incident.all(Signal.LOG_SIGNATURE).map(o -> o.attr("target")).filter(t -> t != null && !t.isBlank())
                .map(t -> t.replaceAll("^[a-z]+://", "").replaceAll("[:/].*$", "").replaceAll("\\..*$", ""))
                .filter(h -> h.length() >= 3 && !h.matches("[0-9]+")).forEach(names::add);
        incident.all(Signal.METRIC, o -> "dependency".equals(o.attr("scope"))).map(o -> o.attr("of")).filter(n -> n != null)
                .forEach(names::add);
        return names.stream().distinct().toList();
    }

    /** The name as a word of the text (not inside a longer name): "nats" in "lost connection to NATS". */
    static boolean mentions(String text, String name) {
        if (text == null || name == null || name.length() < 3) {
            return false;
        }
        return Pattern.compile("(?<![a-z0-9-])" + Pattern.quote(name.toLowerCase(Locale.ROOT)) + "(?![a-z0-9-])")
                .matcher(text.toLowerCase(Locale.ROOT)).find();
    }

    @Override
    public List<String> ruledOut(Case incident) {
        List<Observation> bearing = elsewhere(incident);
        return incident.all(Signal.CHANGE, o -> o.is("scope", "elsewhere") && o.at() != null && !bearing.contains(o)
                        && !o.at().isBefore(incident.alertStart().minus(Triggers.WINDOW))
                        && !o.at().isAfter(incident.alertStart().plus(Triggers.SKEW)))
                .sorted(Comparator.comparing(Observation::at).reversed())
                .limit(2)
                .map(c -> Triggers.label(c) + " " + incident.relative(c.at()) + " is not the cause: nothing in the evidence of "
                        + incident.subject().serviceOrUnknown() + " names " + c.attr("service")
                        + (c.attr("description") == null ? "" : " (\"" + c.attr("description") + "\")"))
                .toList();
    }

    /** A change minutes before the symptom is a strong suspect; one hours before, a weak one. */
    static double weight(Duration before) {
        long minutes = Math.abs(before.toMinutes());
        if (minutes <= 15) {
            return 0.6;
        }
        if (minutes <= 60) {
            return 0.45;
        }
        return minutes <= Triggers.WINDOW.toMinutes() ? 0.3 : 0;
    }
}
