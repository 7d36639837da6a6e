package io.inquest.investigation;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import io.inquest.events.EventType;
import io.inquest.events.Topics;
import io.inquest.infra.TopicWriter;

/** Investigation requests written to the real broker, as the gateway writes them. */
public final class Requests {

    private Requests() {
    }

    public static String newId() {
        return "inq-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    public static String alertJson(String id, String title, String service, Instant startsAt, Map<String, String> labels) {
        StringBuilder labelJson = new StringBuilder("{");
        labels.forEach((k, v) -> labelJson.append(labelJson.length() > 1 ? "," : "").append('"').append(k).append("\":\"")
                .append(v).append('"'));
        labelJson.append('}');
        return """
                {"investigationId":"%s","requestedAt":"%s","recipients":["oncall@example.com"],
                 "alert":{"source":"generic","title":"%s","severity":"critical","service":"%s","labels":%s,
                          "annotations":{},"links":{"runbook":"https://runbooks.local/x"},"startsAt":"%s"}}
                """.formatted(id, Instant.now(), title, service, labelJson, startsAt);
    }

    public static void send(String id, String json) {
        sendRaw(id, json, EventType.INVESTIGATION_REQUESTED.ceType());
    }

    public static void sendRaw(String key, String value, String ceType) {
        TopicWriter.send(bootstrap(), Topics.INVESTIGATION_REQUESTS, key, value, Map.of(
                "ce_specversion", "1.0", "ce_id", key + ":requested", "ce_type", ceType,
                "ce_source", "/inquest/gateway", "content-type", "application/json"));
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
