package io.inquest.events;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One alert, whatever source it came from.
 *
 * @param source      where it came from: {@code alertmanager}, {@code grafana}, {@code pagerduty},
 *                    {@code generic} or {@code text}
 * @param title       one line (alert name or summary)
 * @param summary     a short description, may be null
 * @param description the long description, may be null
 * @param service     the affected service, may be null when the source did not say
 * @param links       named links: {@code runbook}, {@code generator}, {@code dashboard}, ...
 * @param startsAt    when the condition started
 * @param fingerprint the source's identity of the alert (fingerprint, dedup key), may be null
 * @param raw         the payload as received, kept for the investigation
 */
public record Alert(
        String source,
        String title,
        String summary,
        String description,
        Severity severity,
        String service,
        Map<String, String> labels,
        Map<String, String> annotations,
        Map<String, String> links,
        Instant startsAt,
        String fingerprint,
        JsonNode raw) {

    public Alert {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        links = links == null ? Map.of() : Map.copyOf(links);
        raw = raw == null || raw.isNull() ? null : raw;
    }
}
