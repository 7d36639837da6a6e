package io.inquest.investigation.engine;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the engine's tools look ({@code inquest.sources.*}). */
@ConfigMapping(prefix = "inquest.sources")
public interface SourceSettings {

    Changes changes();

    interface Changes {
        /** How far before the alert's start a change is still a suspect. */
        @WithDefault("2h")
        Duration lookBack();

        /** Clocks differ: a change stamped slightly after the alert start may still be its cause. */
        @WithDefault("2m")
        Duration clockSkew();
    }
}
