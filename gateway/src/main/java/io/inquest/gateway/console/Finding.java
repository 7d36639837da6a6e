package io.inquest.gateway.console;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** A claim of the report ({@code supported}, {@code contradicted}, {@code unverified}) and the evidence behind it. */
public record Finding(String claim, String status, List<String> evidence) {

    static Finding of(JsonNode claim) {
        return new Finding(claim.path("claim").asText(""), claim.path("status").asText(""), Json.texts(claim.path("evidenceSources")));
    }
}
