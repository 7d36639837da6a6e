package io.inquest.gateway.intake;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.Alert;
import io.inquest.events.InvestigationRequested;
import io.inquest.events.Severity;

/** An operator's submission to an investigation request. */
public final class OperatorSubmissions {

    private static final int TITLE_LENGTH = 120;

    private OperatorSubmissions() {
    }

    /**
     * Free text is a new investigation each time unless an {@code Idempotency-Key} says
     * otherwise: an operator who asks twice means it.
     */
    public static InvestigationRequested toRequest(OperatorSubmission submission, String idempotencyKey, Instant now,
            ObjectMapper json) {
        if (submission.alert() != null) {
            InvestigationRequested request = GenericAlerts.toRequest(submission.alert(), idempotencyKey, now, json);
            Set<String> recipients = new LinkedHashSet<>(request.recipients());
            recipients.addAll(GenericAlerts.recipients(submission.notifyTo()));
            return new InvestigationRequested(request.investigationId(), request.alert(), List.copyOf(recipients), now);
        }
        String text = submission.text().strip();
        String id = idempotencyKey != null && !idempotencyKey.isBlank()
                ? InvestigationIds.derive("text", "key", idempotencyKey.trim())
                : InvestigationIds.derive("text", text, now.toString(), String.valueOf(System.nanoTime()));
        String firstLine = text.lines().findFirst().orElse(text).strip();
        String title = firstLine.length() <= TITLE_LENGTH ? firstLine : firstLine.substring(0, TITLE_LENGTH - 1) + "…";
        String service = submission.service() == null || submission.service().isBlank() ? null : submission.service().trim();
        Alert alert = new Alert("text", title, null, text, Severity.WARNING, service, Map.of(), Map.of(), Map.of(), now, null,
                json.valueToTree(submission));
        return new InvestigationRequested(id, alert, GenericAlerts.recipients(submission.notifyTo()), now);
    }
}
