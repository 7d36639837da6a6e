package io.inquest.investigation.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One investigation as the API shows it. {@code report} and {@code reason} are null until it ends. */
public record InvestigationView(
        String id,
        String status,
        String title,
        String service,
        String severity,
        String source,
        Instant alertStartsAt,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        int attempt,
        boolean cancelRequested,
        String reason,
        JsonNode report,
        JsonNode alert,
        List<String> recipients) {
}
