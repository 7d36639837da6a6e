package io.inquest.events;

/** Counted from the run itself. */
public record RunStats(int toolCallCount, int investigationLoopCount, double validityScore, long durationMs) {
}
