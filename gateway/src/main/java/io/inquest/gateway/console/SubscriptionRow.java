package io.inquest.gateway.console;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** A subscription rule: who else gets the RCAs of which alerts. */
public record SubscriptionRow(long id, String name, String service, List<String> severities, String labels, List<String> addresses) {

    static List<SubscriptionRow> allOf(JsonNode rules) {
        List<SubscriptionRow> all = new ArrayList<>();
        for (JsonNode rule : rules) {
            List<String> labels = new ArrayList<>();
            rule.path("labels").properties().forEach(l -> labels.add(l.getKey() + "=" + l.getValue().asText()));
            all.add(new SubscriptionRow(rule.path("id").asLong(), rule.path("name").asText(""), rule.path("service").asText(""),
                    Json.texts(rule.path("severities")), String.join(", ", labels), Json.texts(rule.path("addresses"))));
        }
        return all;
    }
}
