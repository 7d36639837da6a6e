package io.inquest.investigation.run;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** How investigations run ({@code inquest.investigations.*}, or {@code INQUEST_INVESTIGATIONS_*}). */
@ConfigMapping(prefix = "inquest.investigations")
public interface RunSettings {

    /** Investigations running at once in this instance. */
    @WithDefault("4")
    @Min(value = 1, message = "INQUEST_INVESTIGATIONS_CONCURRENCY must be at least 1")
    @Max(value = 256, message = "INQUEST_INVESTIGATIONS_CONCURRENCY must be at most 256")
    int concurrency();

    /** An investigation still running after this ends as failed. */
    @WithDefault("5m")
    Duration timeLimit();

    /** One tool call that takes longer becomes a failed call, and the run goes on. */
    @WithDefault("30s")
    Duration toolTimeLimit();

    /** The most tool calls of the investigate loop. */
    @WithDefault("8")
    @Min(value = 1, message = "INQUEST_INVESTIGATIONS_MAX_ITERATIONS must be at least 1")
    int maxIterations();

    /**
     * A worker renews its claim on an investigation at every step; when a worker dies, another
     * (or the restarted one) takes the investigation over once this much time passed.
     */
    @WithDefault("30s")
    Duration lease();

    /**
     * How many times an investigation is started before it is given up: an attempt ends early
     * when its worker dies (the lease expires), e.g. because the alert crashes or hangs the run.
     * Given up, it ends {@code failed} with the reason, and its terminal event and email go out.
     */
    @WithDefault("3")
    @Min(value = 1, message = "INQUEST_INVESTIGATIONS_MAX_ATTEMPTS must be at least 1")
    int maxAttempts();

    /**
     * The safety net: how often to look for queued investigations and runs whose lease expired,
     * besides being woken by a new investigation or a finished run.
     */
    @WithDefault("10s")
    Duration pollInterval();
}
