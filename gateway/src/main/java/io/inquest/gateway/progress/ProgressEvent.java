package io.inquest.gateway.progress;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of an investigation as the SSE stream shows it: its place in the stored history
 * ({@code seq}, the SSE id), the CloudEvent id and type, and its data.
 */
public record ProgressEvent(String investigationId, long seq, String id, String type, Instant time, JsonNode data) {

    private static final Set<String> TERMINAL = Set.of("io.inquest.investigation.completed.v1",
            "io.inquest.investigation.failed.v1", "io.inquest.investigation.cancelled.v1");

    public boolean terminal() {
        return TERMINAL.contains(type);
    }

    /** {@code io.inquest.investigation.stage-started.v1} → {@code stage-started}: the SSE event name. */
    public String name() {
        String[] parts = type.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : type;
    }
}
