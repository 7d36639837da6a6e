package io.inquest.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.Alert;
import io.inquest.events.EventType;
import io.inquest.events.InvestigationCancelled;
import io.inquest.events.InvestigationCompleted;
import io.inquest.events.InvestigationFailed;
import io.inquest.events.RcaReport;
import io.inquest.events.RunStats;
import io.inquest.events.Severity;
import io.inquest.events.Topics;
import io.inquest.events.ValidatedClaim;
import io.inquest.infra.TopicWriter;

/** Terminal investigation events written to the real broker, as the investigation-service writes them. */
final class Completions {

    private final ObjectMapper json;

    Completions(ObjectMapper json) {
        this.json = json;
    }

    static String newId() {
        return "inq-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    static Alert alert(String title, String service) {
        return new Alert("generic", title, "p95 latency doubled", null, Severity.CRITICAL, service, Map.of("env", "prod"),
                Map.of(), Map.of(), Instant.parse("2026-11-04T14:05:00Z"), null, null);
    }

    static RcaReport report(String rootCause, int claims, int steps) {
        List<ValidatedClaim> claimList = java.util.stream.IntStream.rangeClosed(1, claims)
                .mapToObj(i -> new ValidatedClaim("claim " + i, List.of("alert_context"), "supported")).toList();
        List<String> stepList = java.util.stream.IntStream.rangeClosed(1, steps).mapToObj(i -> "step " + i).toList();
        return new RcaReport(rootCause, "deploy", 0.82, claimList, stepList, List.of(),
                new RunStats(3, 2, 0.82, 4_200));
    }

    void completed(String id, Alert alert, List<String> recipients, RcaReport report) {
        send(id, EventType.INVESTIGATION_COMPLETED, new InvestigationCompleted(id, alert, recipients, report, Instant.now()));
    }

    void failed(String id, List<String> recipients, String reason) {
        send(id, EventType.INVESTIGATION_FAILED, new InvestigationFailed(id, alert("Disk full", "db"), recipients, reason,
                new RunStats(1, 1, 0.1, 300_000), Instant.now()));
    }

    void cancelled(String id) {
        send(id, EventType.INVESTIGATION_CANCELLED, new InvestigationCancelled(id, "operator", Instant.now()));
    }

    void raw(String key, String value, String ceType) {
        TopicWriter.send(bootstrap(), Topics.INVESTIGATION_COMPLETIONS, key, value, Map.of(
                "ce_specversion", "1.0", "ce_id", key + ":" + ceType, "ce_type", ceType,
                "ce_source", "/inquest/investigation-service", "content-type", "application/json"));
    }

    private void send(String id, EventType type, Record event) {
        try {
            raw(id, json.writeValueAsString(event), type.ceType());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
