package io.inquest.investigation.api;

import java.time.Instant;

/** A line of the investigation list. */
public record InvestigationSummary(String id, String status, String title, String service, String severity,
        Instant createdAt, Instant finishedAt, String rootCause) {
}
