package io.inquest.gateway.intake;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.Alert;
import io.inquest.events.InvestigationRequested;
import io.inquest.events.Severity;

/** Inquest's generic alert shape to an investigation request, with the identity rules of the design. */
public final class GenericAlerts {

    private GenericAlerts() {
    }

    /**
     * The id comes from the {@code Idempotency-Key} header, else the alert's fingerprint, else
     * its title, service and start time.
     */
    public static InvestigationRequested toRequest(GenericAlert payload, String idempotencyKey, Instant now, ObjectMapper json) {
        Instant startsAt = payload.startsAt() != null ? payload.startsAt() : now;
        String id = idempotencyKey != null && !idempotencyKey.isBlank()
                ? InvestigationIds.derive("generic", "key", idempotencyKey.trim())
                : payload.fingerprint() != null
                        ? InvestigationIds.derive("generic", "fingerprint", payload.fingerprint())
                        : InvestigationIds.derive("generic", "alert", payload.title(), String.valueOf(payload.service()),
                                startsAt.toString());
        Alert alert = new Alert("generic", payload.title().trim(), payload.summary(), payload.description(),
                payload.severity() == null ? Severity.WARNING : Severity.normalise(payload.severity()),
                payload.service(), payload.labels(), payload.annotations(), payload.links(), startsAt,
                payload.fingerprint(), json.valueToTree(payload));
        return new InvestigationRequested(id, alert, recipients(payload.notifyTo()), now);
    }

    public static List<String> recipients(List<String> addresses) {
        return addresses == null ? List.of()
                : addresses.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
