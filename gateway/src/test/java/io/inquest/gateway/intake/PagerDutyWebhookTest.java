package io.inquest.gateway.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.inquest.events.Topics;
import io.inquest.gateway.Fixtures;
import io.inquest.gateway.Published;
import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@TestProfile(PagerDutyWebhookTest.Keyed.class)
class PagerDutyWebhookTest {

    /** The fixture's routing key is the configured one. */
    public static class Keyed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.pagerduty.routing-key", "samplekey0000000000000000000000");
        }
    }

    @Test
    void aTriggerStartsOneInvestigationNamedByItsDedupKeyWithoutTheRoutingKey() {
        String dedup = "queue-backlog/" + AlertmanagerWebhookTest.unique();
        String body = Fixtures.read("pagerduty-events-v2.json").replace("queue-backlog/orders", dedup);

        String id = post(body, 1).get(0);
        assertThat(post(body, 1)).as("the same dedup_key is the same investigation").containsExactly(id);

        String value = Published.request(id).value();
        assertThat(value).contains("\"source\":\"pagerduty\"", "\"title\":\"Order queue backlog above 10k messages\"",
                "\"service\":\"rabbitmq\"", "\"severity\":\"error\"", "\"fingerprint\":\"" + dedup + "\"", "\"backlog\":\"12850\"",
                "\"startsAt\":\"2026-11-03T12:00:00Z\"");
        assertThat(value).as("the routing key is a credential").doesNotContain("samplekey0000000000000000000000");
    }

    @Test
    void acknowledgeStartsNothingAndResolveIsPublishedOnTheInvestigation() {
        String dedup = "db/" + AlertmanagerWebhookTest.unique();
        String trigger = Fixtures.read("pagerduty-events-v2.json").replace("queue-backlog/orders", dedup);
        String id = post(trigger, 1).get(0);

        post(trigger.replace("\"trigger\"", "\"acknowledge\""), 0);
        post(trigger.replace("\"trigger\"", "\"resolve\""), 0);

        List<ConsumerRecord<String, String>> records = Published.keyedUntil(Topics.INVESTIGATION_REQUESTS, id,
                r -> Published.header(r, "ce_type").contains("resolved"));
        assertThat(records).extracting(r -> Published.header(r, "ce_type")).contains("io.inquest.alert.resolved.v1");
    }

    @Test
    void aWrongOrMissingRoutingKeyIs401() {
        String body = Fixtures.read("pagerduty-events-v2.json");
        given().contentType(ContentType.JSON).body(body.replace("samplekey0000000000000000000000", "otherkey"))
                .when().post("/webhooks/pagerduty")
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(body.replace("\"routing_key\"", "\"routing\""))
                .when().post("/webhooks/pagerduty")
                .then().statusCode(401);
    }

    @Test
    void missingRequiredFieldsAndAnUnknownActionAreRejectedWithTheirPaths() {
        String marker = AlertmanagerWebhookTest.unique();
        String body = Fixtures.read("pagerduty-events-v2.json").replace("queue-backlog/orders", marker);

        expect400(body.replace("\"summary\": \"Order queue backlog above 10k messages\",", ""), "payload.summary");
        expect400(body.replace("\"source\": \"orders-worker\",", ""), "payload.source");
        expect400(body.replace("\"severity\": \"error\"", "\"severity\": \"bad\""), "payload.severity");
        expect400(body.replace("\"trigger\"", "\"escalate\""), "event_action");
        expect400("{\"routing_key\":\"samplekey0000000000000000000000\",\"event_action\":\"trigger\",\"dedup_key\":\"" + marker + "\"}",
                "payload");
        Published.nothingWith(marker);
    }

    private static void expect400(String body, String field) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/webhooks/pagerduty")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
    }

    private static List<String> post(String body, int expected) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/webhooks/pagerduty")
                .then().statusCode(202).body("investigations", hasSize(expected))
                .extract().jsonPath().getList("investigations.id", String.class);
    }
}
