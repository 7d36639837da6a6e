package io.inquest.investigation.engine.diagnosis;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.Symptom;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Earlier alerts on the same service point at a shared cause: the earliest is closer to it. A
 * weak lead, taken only when nothing stronger explains the alert, and not when the alerts came
 * together out of a gap in the scrapes (a storm of the monitoring, {@link HealthyRule}).
 */
@ApplicationScoped
public class RelatedAlertsRule implements DiagnosisRule {

    @Override
    public String family() {
        return "related-alerts";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        if (incident.any(Signal.SCRAPE_GAP, g -> g.is("recovered", "true"))) {
            // Alerts that fire together during a gap in the scrapes are that gap's storm: the healthy rule says so.
            return Optional.empty();
        }
        return incident.first(Signal.RELATED_ALERTS, o -> o.at() != null && o.at().isBefore(incident.alertStart()))
                .map(related -> {
                    String titles = related.attr("titles", "");
                    Symptom earlier = Symptom.classify(List.of(titles));
                    RootCauseCategory category = titles.toLowerCase(Locale.ROOT).contains("node")
                            ? RootCauseCategory.INFRASTRUCTURE
                            : earlier.isResourceExhaustion() ? RootCauseCategory.RESOURCE_EXHAUSTION
                            : RootCauseCategory.DEPENDENCY_FAILURE;
                    double confidence = Math.min(0.5, 0.4 + 0.05 * (related.number("count").orElse(1.0) - 1));
                    return new Hypothesis(family(), category, confidence,
                            "A cause shared with earlier alerts on " + incident.subject().serviceOrUnknown() + ": " + related.text(),
                            List.of(related),
                            List.of("Investigate what the related alerts (" + titles + ") share (an upstream dependency, the "
                                    + "node, the network) before the symptom itself"),
                            related.at(), false);
                });
    }
}
