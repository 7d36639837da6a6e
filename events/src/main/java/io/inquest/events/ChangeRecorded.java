package io.inquest.events;

import java.time.Instant;
import java.util.Map;

/**
 * A deploy or configuration change to a service; keyed by service.
 *
 * @param kind {@code deploy}, {@code config}, {@code feature-flag}, {@code infrastructure}, ...
 */
public record ChangeRecorded(String changeId, String service, String kind, String version, String description,
        String author, Instant at, String link, Map<String, String> labels) {

    public ChangeRecorded {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
