package io.inquest.investigation.api;

import java.time.Instant;

/** A line of the investigation list; {@code category} is the report's root-cause category, null until it ends. */
public record InvestigationSummary(String id, String status, String title, String service, String severity,
        Instant createdAt, Instant finishedAt, String rootCause, String category) {
}
