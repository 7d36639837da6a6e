package io.inquest.investigation.engine.tools.prometheus;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The tool's settings as the application reads them (durations as Quarkus converts them): the defaults, with some keys set. */
final class Settings {

    private Settings() {
    }

    static PrometheusSettings with(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(PrometheusSettings.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 500))
                .build();
        return config.getConfigMapping(PrometheusSettings.class);
    }

    static PrometheusSettings defaults() {
        return with(Map.of());
    }

    /** The alert label names, at their defaults. */
    static io.inquest.investigation.engine.SourceSettings.Labels labels() {
        return new SmallRyeConfigBuilder().withMapping(io.inquest.investigation.engine.SourceSettings.class)
                .withConverter(Duration.class, 100, new DurationConverter()).build()
                .getConfigMapping(io.inquest.investigation.engine.SourceSettings.class).labels();
    }
}
