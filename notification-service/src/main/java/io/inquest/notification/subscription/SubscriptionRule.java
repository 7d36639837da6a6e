package io.inquest.notification.subscription;

import java.util.List;
import java.util.Map;

import io.inquest.events.Alert;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Send the RCAs of matching alerts to these addresses too. Every condition that is set must
 * hold; a rule with none matches every alert.
 */
public record SubscriptionRule(
        Long id,
        @NotBlank(message = "name is required") @Size(max = 200) String name,
        @Size(max = 253) String service,
        @Size(max = 4) List<@Pattern(regexp = "critical|error|warning|info",
                message = "must be critical, error, warning or info") String> severities,
        @Size(max = 20) Map<@NotBlank String, @NotBlank String> labels,
        @NotEmpty(message = "at least one address is required") @Size(max = 50)
        List<@NotBlank @Email(message = "must be an email address") String> addresses) {

    public SubscriptionRule {
        severities = severities == null ? List.of() : List.copyOf(severities);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    public boolean matches(Alert alert) {
        if (alert == null) {
            return service == null && severities.isEmpty() && labels.isEmpty();
        }
        if (service != null && !service.isBlank() && !service.equalsIgnoreCase(String.valueOf(alert.service()))) {
            return false;
        }
        if (!severities.isEmpty() && (alert.severity() == null || !severities.contains(alert.severity().wireName()))) {
            return false;
        }
        return labels.entrySet().stream().allMatch(l -> l.getValue().equals(alert.labels().get(l.getKey())));
    }
}
