package io.inquest.events;

import java.time.Instant;

/**
 * The alert behind an investigation was resolved at its source (Alertmanager/Grafana
 * {@code resolved}, PagerDuty {@code resolve}). Published by the gateway on
 * {@link Topics#INVESTIGATION_REQUESTS}, keyed by the investigation id it resolves, so it is
 * ordered after the request. The investigation-service records it in that investigation's
 * history and lets the run finish: the cause of an alert that cleared by itself is still worth
 * knowing.
 */
public record AlertResolved(String investigationId, String source, Instant resolvedAt) {
}
