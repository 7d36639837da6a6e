package io.inquest.events;

import java.time.Instant;

/**
 * One call of an evidence tool in the investigate loop.
 *
 * @param iteration the loop iteration, from 1
 * @param outcome   {@code ok}, {@code skipped} (not configured; not counted as a call) or {@code error}
 * @param summary   what the tool found, or why it was skipped or failed
 */
public record ToolCalled(String investigationId, int attempt, String tool, int iteration, String outcome,
        String summary, int evidenceCount, long durationMs, Instant calledAt) {
}
