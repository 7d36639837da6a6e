package io.inquest.investigation.engine.diagnosis;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A change shortly before the symptom, when no rule identifies a mechanism: the category is
 * {@code change}. The closer it is, the stronger the suspicion; a change long before is none.
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
