package io.inquest.events;

import java.time.Instant;

/** Terminal: an operator cancelled the investigation, or the alert resolved before it finished. */
public record InvestigationCancelled(String investigationId, String reason, Instant cancelledAt) {
}
