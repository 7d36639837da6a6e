package io.inquest.events;

import java.time.Instant;

/** @param attempt the run of this investigation (1, or more after a restart resumed it) */
public record StageStarted(String investigationId, int attempt, Stage stage, Instant startedAt) {
}
