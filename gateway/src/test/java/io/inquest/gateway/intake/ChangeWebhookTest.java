package io.inquest.gateway.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.inquest.events.Topics;
import io.inquest.gateway.Fixtures;
import io.inquest.gateway.Published;
import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class ChangeWebhookTest {

    @Test
    void aDeployIsPublishedAsChangeRecordedKeyedByItsService() {
        String service = "orders-api-" + AlertmanagerWebhookTest.unique();
        String body = Fixtures.read("change-deploy.json").replace("\"orders-api\"", "\"" + service + "\"");

        String id = given().contentType(ContentType.JSON).body(body)
                .when().post("/webhooks/changes")
                .then().statusCode(202).body("id", startsWith("chg-")).extract().path("id");

        ConsumerRecord<String, String> record = Published.keyed(Topics.CHANGE_EVENTS, service).get(0);
        assertThat(Published.header(record, "ce_type")).isEqualTo("io.inquest.change.recorded.v1");
        assertThat(Published.header(record, "ce_id")).isEqualTo(id);
        assertThat(record.value()).contains("\"kind\":\"deploy\"", "\"version\":\"2026.11.01-3\"", "\"at\":\"2026-11-01T09:52:00Z\"");
    }

    @Test
    void aChangeWithoutServiceOrWithAnUnknownKindIsRejected() {
        given().contentType(ContentType.JSON).body("{\"kind\":\"teleport\"}")
                .when().post("/webhooks/changes")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("service")).body("errors.field", hasItem("kind"));
    }
}
