package io.inquest.gateway.intake.pagerduty;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A PagerDuty Events API v2 event: {@code trigger}, {@code acknowledge} or {@code resolve}. */
public record PagerDutyEvent(
        @JsonProperty("routing_key") @NotBlank(message = "routing_key is required") @Size(max = 64) String routingKey,
        @JsonProperty("event_action") @NotNull(message = "event_action is required")
        @Pattern(regexp = "trigger|acknowledge|resolve", message = "must be trigger, acknowledge or resolve") String eventAction,
        @JsonProperty("dedup_key") @Size(max = 255) String dedupKey,
        @Valid PagerDutyPayload payload,
        @Size(max = 50) List<@Valid Link> links,
        @Size(max = 255) String client,
        @JsonProperty("client_url") @Size(max = 4_000) String clientUrl) {

    /** A link shown with the incident. */
    public record Link(@NotBlank(message = "href is required") @Size(max = 4_000) String href, @Size(max = 500) String text) {
    }
}
