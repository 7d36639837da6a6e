package io.inquest.notification.subscription;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.Alert;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The subscription rules in PostgreSQL: stored, listed, removed, and matched against an alert. */
@ApplicationScoped
public class Subscriptions {

    private final ObjectMapper json;

    public Subscriptions(ObjectMapper json) {
        this.json = json;
    }

    public Uni<List<SubscriptionRule>> all() {
        return Subscription.<Subscription>list("order by id").map(list -> list.stream().map(this::rule).toList());
    }

    /** The extra addresses for an alert: those of every rule it matches. */
    public Uni<List<String>> addressesFor(Alert alert) {
        return all().map(rules -> rules.stream().filter(r -> r.matches(alert)).flatMap(r -> r.addresses().stream()).toList());
    }

    public Uni<SubscriptionRule> add(SubscriptionRule rule) {
        Subscription row = new Subscription();
        row.name = rule.name().trim();
        row.service = rule.service() == null || rule.service().isBlank() ? null : rule.service().trim();
        row.severities = rule.severities().isEmpty() ? null : String.join(",", rule.severities());
        row.labelsJson = write(rule.labels());
        row.addresses = String.join(",", rule.addresses());
        row.createdAt = Instant.now();
        return row.<Subscription>persist().map(this::rule);
    }

    public Uni<Boolean> remove(long id) {
        return Subscription.deleteById(id);
    }

    private SubscriptionRule rule(Subscription row) {
        return new SubscriptionRule(row.id, row.name, row.service,
                row.severities == null ? List.of() : Arrays.asList(row.severities.split(",")),
                read(row.labelsJson), Arrays.asList(row.addresses.split(",")));
    }

    private String write(Map<String, String> labels) {
        try {
            return json.writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("labels cannot be stored", e);
        }
    }

    private Map<String, String> read(String labels) {
        try {
            return json.readValue(labels, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored labels are not JSON", e);
        }
    }
}
