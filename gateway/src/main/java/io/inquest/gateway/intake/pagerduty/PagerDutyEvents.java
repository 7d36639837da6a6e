package io.inquest.gateway.intake.pagerduty;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.inquest.events.Alert;
import io.inquest.events.AlertResolved;
import io.inquest.events.InvestigationRequested;
import io.inquest.events.Severity;
import io.inquest.gateway.intake.IntakeBatch;
import io.inquest.gateway.intake.InvestigationIds;
import io.inquest.gateway.problem.InvalidPayloadException;
import io.inquest.gateway.problem.Problem;

/**
 * A PagerDuty {@code trigger} starts one investigation, identified by its {@code dedup_key}
 * (PagerDuty's own alert identity); {@code resolve} resolves it; {@code acknowledge} starts nothing.
 */
public final class PagerDutyEvents {

    static final String SOURCE = "pagerduty";

    private PagerDutyEvents() {
    }

    public static IntakeBatch toBatch(PagerDutyEvent event, Instant now, ObjectMapper json) {
        return switch (event.eventAction()) {
            case "trigger" -> IntakeBatch.of(List.of(trigger(event, now, json)));
            case "resolve" -> {
                if (blank(event.dedupKey())) {
                    throw new InvalidPayloadException("A resolve event needs the dedup_key of the alert it resolves",
                            List.of(new Problem.FieldError("dedup_key", "is required for resolve")));
                }
                yield new IntakeBatch(List.of(), List.of(new AlertResolved(idOf(event.dedupKey()), SOURCE, now)));
            }
            default -> new IntakeBatch(List.of(), List.of());
        };
    }

    static String idOf(String dedupKey) {
        return InvestigationIds.derive(SOURCE, dedupKey.trim());
    }

    private static InvestigationRequested trigger(PagerDutyEvent event, Instant now, ObjectMapper json) {
        PagerDutyPayload payload = event.payload();
        if (payload == null) {
            throw new InvalidPayloadException("A trigger event needs a payload",
                    List.of(new Problem.FieldError("payload", "is required for trigger")));
        }
        Instant startsAt = payload.timestamp() == null ? now : payload.timestamp().toInstant();
        String id = !blank(event.dedupKey()) ? idOf(event.dedupKey())
                : InvestigationIds.derive(SOURCE, "event", payload.summary(), payload.source(), startsAt.toString());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("source", payload.source());
        putIfPresent(labels, "component", payload.component());
        putIfPresent(labels, "group", payload.group());
        putIfPresent(labels, "class", payload.eventClass());
        Map<String, String> annotations = new LinkedHashMap<>();
        if (payload.customDetails() != null && !payload.customDetails().isNull()) {
            payload.customDetails().fields().forEachRemaining(field -> annotations.put(field.getKey(), text(field.getValue())));
        }
        Map<String, String> links = new LinkedHashMap<>();
        if (event.links() != null) {
            event.links().forEach(link -> links.put(blank(link.text()) ? link.href() : link.text(), link.href()));
        }
        putIfPresent(links, "client", event.clientUrl());
        // PagerDuty's component names the thing that is broken; source is where the event came from.
        String service = !blank(payload.component()) ? payload.component() : payload.source();
        JsonNode raw = json.valueToTree(event);
        if (raw instanceof ObjectNode object) {
            // The routing key is a credential: it is checked, then never passed on.
            object.remove("routing_key");
        }
        Alert alert = new Alert(SOURCE, payload.summary().trim(), payload.summary(), null, Severity.normalise(payload.severity()),
                service, labels, annotations, links, startsAt, event.dedupKey(), raw);
        return new InvestigationRequested(id, alert, List.of(), now);
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (!blank(value)) {
            map.put(key, value);
        }
    }
}
