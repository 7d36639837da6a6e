package io.inquest.gateway.intake.alertmanager;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One alert of an Alertmanager webhook (v4). Grafana's webhook carries the same shape with a few
 * links and values more, so those optional fields live here too.
 */
public record AlertmanagerAlert(
        @NotNull(message = "status is required (firing or resolved)")
        @Pattern(regexp = "firing|resolved", message = "must be firing or resolved") String status,
        @NotNull(message = "labels are required") @Size(max = 500) Map<String, @NotNull(message = NOT_NULL) @Size(max = 4_000) String> labels,
        @Size(max = 500) Map<String, @NotNull(message = NOT_NULL) @Size(max = 20_000) String> annotations,
        Instant startsAt,
        Instant endsAt,
        @JsonProperty("generatorURL") @Size(max = 4_000) String generatorUrl,
        @Size(max = 255) String fingerprint,
        @JsonProperty("dashboardURL") @Size(max = 4_000) String dashboardUrl,
        @JsonProperty("panelURL") @Size(max = 4_000) String panelUrl,
        @JsonProperty("silenceURL") @Size(max = 4_000) String silenceUrl,
        JsonNode values,
        @Size(max = 20_000) String valueString) {

    /** Label and annotation values are strings; a JSON {@code null} is named, not turned into a 500. */
    static final String NOT_NULL = "must be a string, not null";

    public boolean firing() {
        return "firing".equals(status);
    }
}
