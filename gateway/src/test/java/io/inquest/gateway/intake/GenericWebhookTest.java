package io.inquest.gateway.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.inquest.gateway.Fixtures;
import io.inquest.gateway.Published;
import io.inquest.infra.TopicReader;
import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class GenericWebhookTest {

    @Test
    void genericFixtureIsPublishedAsACloudEventKeyedByTheInvestigationId() {
        String title = "Checkout latency regression " + UUID.randomUUID();
        String body = Fixtures.read("generic.json").replace("Checkout latency regression", title);

        String id = given().contentType(ContentType.JSON).body(body)
                .when().post("/webhooks/generic")
                .then().statusCode(202)
                .body("investigations", hasSize(1))
                .body("investigations[0].id", matchesPattern("inq-[0-9a-f]{24}"))
                .extract().path("investigations[0].id");

        ConsumerRecord<String, String> record = published(id);
        assertThat(record.key()).isEqualTo(id);
        assertThat(TopicReader.header(record, "ce_type")).isEqualTo("io.inquest.investigation.requested.v1");
        assertThat(TopicReader.header(record, "ce_source")).isEqualTo("/inquest/gateway");
        assertThat(TopicReader.header(record, "ce_id")).isEqualTo(id + ":requested");
        assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicReader.header(record, "content-type")).as("datacontenttype").isEqualTo("application/json");
        assertThat(record.value())
                .contains("\"title\":\"" + title + "\"")
                .contains("\"service\":\"checkout\"")
                .contains("\"severity\":\"warning\"")
                .contains("\"recipients\":[\"oncall@example.com\"]");
    }

    @Test
    void theSameAlertSentTwiceMapsToTheSameInvestigation() {
        String body = Fixtures.read("generic.json").replace("Checkout latency regression", "dup " + UUID.randomUUID());

        String first = given().contentType(ContentType.JSON).body(body).post("/webhooks/generic")
                .then().statusCode(202).extract().path("investigations[0].id");

        given().contentType(ContentType.JSON).body(body).post("/webhooks/generic")
                .then().statusCode(202).body("investigations[0].id", equalTo(first));
    }

    @Test
    void idempotencyKeyDecidesTheIdentity() {
        String key = UUID.randomUUID().toString();
        String a = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"title\":\"first wording\"}").post("/webhooks/generic")
                .then().statusCode(202).extract().path("investigations[0].id");

        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"title\":\"second wording\"}").post("/webhooks/generic")
                .then().statusCode(202).body("investigations[0].id", equalTo(a));
    }

    @Test
    void alertWithoutTitleIsRejectedWithTheFieldPathAndNothingIsPublished() {
        String marker = "marker-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body("{\"service\":\"" + marker + "\",\"notify\":[\"not-an-address\"]}")
                .when().post("/webhooks/generic")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("nothing was published"))
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("notify[0]"));

        assertNothingPublishedWith(marker);
    }

    @Test
    void aNullLabelAnnotationOrLinkValueIsRejectedWithItsPathAndNothingIsPublished() {
        String marker = "marker-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body("{\"title\":\"" + marker + "\",\"labels\":{\"team\":null},\"annotations\":{\"runbook\":null},"
                        + "\"links\":{\"dashboard\":null}}")
                .when().post("/webhooks/generic")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(startsWith("labels")))
                .body("errors.field", hasItem(startsWith("annotations")))
                .body("errors.field", hasItem(startsWith("links")));

        assertNothingPublishedWith(marker);
    }

    @Test
    void malformedJsonIsAProblemAndNothingIsPublished() {
        String marker = "marker-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"title\": \"" + marker + "\", ")
                .when().post("/webhooks/generic")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("The request body is not valid JSON"));

        assertNothingPublishedWith(marker);
    }

    @Test
    void wrongTypeNamesTheField() {
        given().contentType(ContentType.JSON).body("{\"title\":\"t\",\"startsAt\":\"yesterday\"}")
                .when().post("/webhooks/generic")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("startsAt"));
    }

    @Test
    void nonJsonContentTypeIs415() {
        given().contentType(ContentType.TEXT).body("title=x")
                .when().post("/webhooks/generic")
                .then().statusCode(415)
                .contentType("application/problem+json");
    }

    private static ConsumerRecord<String, String> published(String id) {
        return Published.request(id);
    }

    private static void assertNothingPublishedWith(String marker) {
        Published.nothingWith(marker);
    }
}
