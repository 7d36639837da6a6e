package io.inquest.gateway.intake;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A deploy or configuration change ({@code POST /webhooks/changes}, see {@code fixtures/change-deploy.json}). */
public record ChangeNotice(
        @NotBlank(message = "service is required") @Size(max = 253) String service,
        @NotBlank(message = "kind is required")
        @Pattern(regexp = "deploy|rollback|config|feature-flag|infrastructure|migration|other",
                message = "must be one of deploy, rollback, config, feature-flag, infrastructure, migration, other") String kind,
        @Size(max = 200) String version,
        @Size(max = 4_000) String description,
        @Size(max = 200) String author,
        Instant at,
        @Size(max = 2_000) String link,
        @Size(max = 100) Map<@NotBlank String, @Size(max = 1_000) String> labels) {
}
