package io.inquest.investigation.engine.tools.prometheus;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Prometheus source ({@code inquest.sources.prometheus.*}). */
@ConfigMapping(prefix = "inquest.sources.prometheus")
public interface PrometheusSettings {

    /** The Prometheus HTTP API, e.g. {@code http://prometheus:9090}; unset, the tool is skipped and says so. */
    Optional<URI> url();

    /** The label that names the service on the related series (restarts, memory). */
    @WithDefault("service")
    String serviceLabel();

    /** How far before the alert's start the signal is read, to see when it changed. */
    @WithDefault("30m")
    Duration lookBack();

    @WithDefault("30s")
    Duration step();

    @WithDefault("5s")
    Duration timeout();
}
