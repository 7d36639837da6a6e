package io.inquest.events;

import java.time.Instant;

/** The investigation is stored and waits for a worker. */
public record InvestigationQueued(String investigationId, String title, String service, Instant queuedAt) {
}
