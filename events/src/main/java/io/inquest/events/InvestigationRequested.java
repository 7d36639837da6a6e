package io.inquest.events;

import java.time.Instant;
import java.util.List;

/** An alert to investigate; keyed by {@code investigationId}, which the gateway derives from the alert. */
public record InvestigationRequested(String investigationId, Alert alert, List<String> recipients, Instant requestedAt) {

    public InvestigationRequested {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
