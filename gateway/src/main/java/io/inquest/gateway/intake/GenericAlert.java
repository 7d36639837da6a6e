package io.inquest.gateway.intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Inquest's own alert shape ({@code POST /webhooks/generic}, see the README). */
public record GenericAlert(
        @NotBlank(message = "title is required") @Size(max = 500) String title,
        @Size(max = 2_000) String summary,
        @Size(max = 20_000) String description,
        @Pattern(regexp = "(?i)critical|error|warning|info", message = "must be one of critical, error, warning, info")
        String severity,
        @Size(max = 253) String service,
        @Size(max = 200) Map<@NotBlank String, @NotNull(message = NOT_NULL) @Size(max = 4_000) String> labels,
        @Size(max = 200) Map<@NotBlank String, @NotNull(message = NOT_NULL) @Size(max = 20_000) String> annotations,
        @Size(max = 50) Map<@NotBlank String, @NotNull(message = NOT_NULL) @Size(max = 2_000) String> links,
        Instant startsAt,
        @Size(max = 255) String fingerprint,
        @JsonProperty("notify") @Size(max = 50) List<@NotBlank @Email(message = "must be an email address") String> notifyTo) {

    /** Label, annotation and link values are strings; a JSON {@code null} is named, not turned into a 500. */
    static final String NOT_NULL = "must be a string, not null";
}
