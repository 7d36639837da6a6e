package io.inquest.events;

import java.time.Instant;
import java.util.List;

/** Terminal: the investigation produced a report. Carries the alert and recipients so subscribers need nothing else. */
public record InvestigationCompleted(String investigationId, Alert alert, List<String> recipients, RcaReport report,
        Instant completedAt) {

    public InvestigationCompleted {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
