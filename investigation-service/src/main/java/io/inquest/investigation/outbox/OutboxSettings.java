package io.inquest.investigation.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox relay ({@code inquest.outbox.*}, or {@code INQUEST_OUTBOX_*}). */
@ConfigMapping(prefix = "inquest.outbox")
public interface OutboxSettings {

    /** How often unpublished events are looked for besides being woken by new ones. */
    @WithDefault("2s")
    Duration sweepInterval();

    /**
     * A relay pass whose batch Kafka has not acknowledged within this time gives up and is
     * tried again; it holds the outbox lock no longer than that.
     */
    @WithDefault("30s")
    Duration publishTimeLimit();
}
