package io.inquest.events;

import java.time.Instant;
import java.util.List;

/** Terminal: the investigation ended without a report (time limit, engine error), with the reason. */
public record InvestigationFailed(String investigationId, Alert alert, List<String> recipients, String reason,
        RunStats stats, Instant failedAt) {

    public InvestigationFailed {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
