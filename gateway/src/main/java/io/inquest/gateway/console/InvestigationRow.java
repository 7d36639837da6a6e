package io.inquest.gateway.console;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** One line of the investigation list. */
public record InvestigationRow(String id, String status, String title, String service, String severity, String category,
        String age) {

    static InvestigationRow of(JsonNode item, Instant now) {
        return new InvestigationRow(item.path("id").asText(), item.path("status").asText(), item.path("title").asText(""),
                item.path("service").asText(""), item.path("severity").asText(""), item.path("category").asText(""),
                Ages.since(Json.instant(item.path("createdAt")), now));
    }
}
