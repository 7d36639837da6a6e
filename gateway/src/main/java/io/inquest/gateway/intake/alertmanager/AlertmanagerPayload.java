package io.inquest.gateway.intake.alertmanager;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of an Alertmanager {@code webhook_config} notification (version 4), and of Grafana's
 * webhook contact point (version 1), which adds {@code orgId}, {@code title}, {@code state} and
 * {@code message}. Unknown fields are ignored: both formats grow.
 */
public record AlertmanagerPayload(
        String version,
        String groupKey,
        @PositiveOrZero Integer truncatedAlerts,
        String status,
        String receiver,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        Map<String, String> commonAnnotations,
        @JsonProperty("externalURL") String externalUrl,
        @NotNull(message = "alerts are required") @Size(max = 1_000, message = "at most 1000 alerts per request")
        List<@Valid @NotNull AlertmanagerAlert> alerts,
        Long orgId,
        String title,
        String state,
        String message) {
}
