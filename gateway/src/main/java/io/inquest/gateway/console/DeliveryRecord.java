package io.inquest.gateway.console;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** What became of one email of the investigation, with every attempt and what the server said. */
public record DeliveryRecord(String recipient, String kind, String status, int attempts, String lastError, String sentAt,
        String nextAttemptAt, List<Attempt> history) {

    public record Attempt(int attempt, String at, String outcome, String error) {
    }

    /** Sent or given up: nothing more will happen to it. */
    public boolean settled() {
        return "sent".equals(status) || "failed".equals(status);
    }

    static DeliveryRecord of(JsonNode delivery) {
        List<Attempt> history = new ArrayList<>();
        for (JsonNode attempt : delivery.path("history")) {
            history.add(new Attempt(attempt.path("attempt").asInt(), Times.full(Json.instant(attempt.path("at"))),
                    attempt.path("outcome").asText(""), Json.text(attempt.path("error"))));
        }
        return new DeliveryRecord(delivery.path("recipient").asText(""), delivery.path("kind").asText(""),
                delivery.path("status").asText(""), delivery.path("attempts").asInt(), Json.text(delivery.path("lastError")),
                Times.full(Json.instant(delivery.path("sentAt"))), Times.full(Json.instant(delivery.path("nextAttemptAt"))), history);
    }

    static List<DeliveryRecord> allOf(JsonNode deliveries) {
        List<DeliveryRecord> all = new ArrayList<>();
        if (deliveries != null) {
            for (JsonNode delivery : deliveries) {
                all.add(of(delivery));
            }
        }
        return all;
    }
}
