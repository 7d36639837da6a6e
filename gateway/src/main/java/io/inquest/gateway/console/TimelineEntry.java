package io.inquest.gateway.console;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One stored event of an investigation, as a line of its timeline. */
public record TimelineEntry(long seq, String time, String name, String text, String outcome) {

    static TimelineEntry of(JsonNode event) {
        String type = event.path("type").asText("");
        String[] parts = type.split("\\.");
        String name = parts.length >= 2 ? parts[parts.length - 2] : type;
        JsonNode data = event.path("data");
        String text = switch (name) {
            case "stage-started" -> data.path("stage").asText() + " started";
            case "stage-completed" -> data.path("stage").asText() + ": " + data.path("summary").asText("") + " ("
                    + data.path("durationMs").asLong() + " ms)";
            case "tool-called" -> data.path("tool").asText() + " (" + data.path("outcome").asText() + ", "
                    + data.path("evidenceCount").asInt() + " evidence, " + data.path("durationMs").asLong() + " ms): "
                    + data.path("summary").asText("");
            case "queued" -> "queued";
            case "completed" -> "completed: " + data.path("report").path("rootCauseCategory").asText("");
            case "failed", "cancelled" -> name + ": " + data.path("reason").asText("");
            default -> name;
        };
        return new TimelineEntry(event.path("seq").asLong(), Times.clock(Json.instant(event.path("time"))), name, text,
                data.path("outcome").asText(""));
    }

    static List<TimelineEntry> allOf(JsonNode events) {
        List<TimelineEntry> all = new ArrayList<>();
        if (events != null) {
            for (JsonNode event : events) {
                all.add(of(event));
            }
        }
        return all;
    }
}
