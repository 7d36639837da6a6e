package io.inquest.investigation.engine;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the engine's tools look ({@code inquest.sources.*}). */
@ConfigMapping(prefix = "inquest.sources")
public interface SourceSettings {

    Changes changes();

    Prometheus prometheus();

    interface Prometheus {
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

    interface Changes {
        /** How far before the alert's start a change is still a suspect. */
        @WithDefault("2h")
        Duration lookBack();

        /** Clocks differ: a change stamped slightly after the alert start may still be its cause. */
        @WithDefault("2m")
        Duration clockSkew();
    }
}
