package io.inquest.gateway.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** A page of the list as the investigation-service answered it, and the link to the next (older) one. */
public record InvestigationListing(List<InvestigationRow> rows, String nextCursor) {

    static InvestigationListing of(JsonNode page, Instant now) {
        List<InvestigationRow> rows = new ArrayList<>();
        for (JsonNode item : page.path("items")) {
            rows.add(InvestigationRow.of(item, now));
        }
        return new InvestigationListing(rows, page.path("nextCursor").asText(null));
    }
}
