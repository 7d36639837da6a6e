package io.inquest.gateway.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.inquest.gateway.Published;
import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class BodyLimitTest {

    @Test
    void aBodyOverOneMebibyteIs413WithAProblemAndNothingIsPublished() {
        String marker = AlertmanagerWebhookTest.unique();
        String body = "{\"title\":\"" + marker + "\",\"description\":\"" + "x".repeat(1_100_000) + "\"}";

        given().contentType(ContentType.JSON).body(body)
                .when().post("/webhooks/generic")
                .then().statusCode(413).contentType("application/problem+json").body("detail", containsString("limit is 1048576"));
        Published.nothingWith(marker);
    }
}
