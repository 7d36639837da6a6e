package io.inquest.gateway.intake;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * An investigation asked for by an operator ({@code POST /api/investigations}): free text
 * describing what is wrong, or an alert in the generic shape; either way an optional
 * {@code notify} list.
 */
public record OperatorSubmission(
        @Size(max = 20_000) String text,
        @Size(max = 253) String service,
        @Valid GenericAlert alert,
        @JsonProperty("notify") @Size(max = 50) List<@NotBlank @Email(message = "must be an email address") String> notifyTo) {

    @AssertTrue(message = "send either text or alert, not both and not neither")
    public boolean isTextOrAlert() {
        return (text != null && !text.isBlank()) != (alert != null);
    }
}
