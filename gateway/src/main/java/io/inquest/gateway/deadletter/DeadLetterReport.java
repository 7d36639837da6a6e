package io.inquest.gateway.deadletter;

import java.util.List;

/** What {@code GET /api/dead-letters} answers: one listing per dead-letter topic asked for. */
public record DeadLetterReport(List<DeadLetterListing> topics) {
}
