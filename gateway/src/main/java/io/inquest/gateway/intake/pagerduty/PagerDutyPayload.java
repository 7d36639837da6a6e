package io.inquest.gateway.intake.pagerduty;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The {@code payload} of a PagerDuty trigger event. */
public record PagerDutyPayload(
        @NotBlank(message = "summary is required") @Size(max = 1_024) String summary,
        @NotBlank(message = "source is required") @Size(max = 255) String source,
        @NotNull(message = "severity is required")
        @Pattern(regexp = "critical|error|warning|info", message = "must be critical, error, warning or info") String severity,
        OffsetDateTime timestamp,
        @Size(max = 255) String component,
        @Size(max = 255) String group,
        @JsonProperty("class") @Size(max = 255) String eventClass,
        @JsonProperty("custom_details") JsonNode customDetails) {
}
