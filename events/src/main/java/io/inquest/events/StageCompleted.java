package io.inquest.events;

import java.time.Instant;

/** @param summary what the stage found, in one line */
public record StageCompleted(String investigationId, int attempt, Stage stage, String summary, long durationMs,
        Instant completedAt) {
}
