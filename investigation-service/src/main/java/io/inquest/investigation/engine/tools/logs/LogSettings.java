package io.inquest.investigation.engine.tools.logs;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** The logs tool ({@code inquest.sources.logs.*}): which lines around the alert are read, and how many. */
@ConfigMapping(prefix = "inquest.sources.logs")
public interface LogSettings {

    /** Lines from this long before the alert's start are read. */
    @WithDefault("30m")
    Duration before();

    /** ... up to this long after it. */
    @WithDefault("10m")
    Duration after();

    /** Lines read at most per container log (and per Loki query). */
    @WithDefault("5000")
    @Min(1)
    int maxLines();

    /** Bytes read at most per container log from the Kubernetes API. */
    @WithDefault("4194304")
    @Min(1024)
    int maxBytes();

    /** Pods whose logs are read at most (the pod the alert names and the unhealthy ones first). */
    @WithDefault("5")
    @Min(1)
    int maxPods();

    /** Error patterns reported at most (the most frequent). */
    @WithDefault("5")
    @Min(1)
    int maxPatterns();

    /** How long one log read (a container's log, a Loki query) may take. */
    @WithDefault("10s")
    Duration timeout();
}
