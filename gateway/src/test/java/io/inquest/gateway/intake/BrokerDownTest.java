package io.inquest.gateway.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.infra.KafkaBroker;
import io.inquest.infra.quarkus.InjectInfrastructure;
import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@TestProfile(BrokerDownTest.OwnBroker.class)
class BrokerDownTest {

    /** Its own application and broker, since this test stops the broker. */
    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.publish-timeout", "3s", "inquest.retry-after", "7s");
        }
    }

    @InjectInfrastructure
    KafkaBroker kafka;

    @Test
    void withKafkaDownAWebhookIs503WithRetryAfterAndIsAcceptedOnceKafkaIsBack() {
        given().contentType(ContentType.JSON).body("{\"title\":\"before " + System.nanoTime() + "\"}")
                .post("/webhooks/generic").then().statusCode(202);
        kafka.stop();
        try {
            given().contentType(ContentType.JSON).body("{\"title\":\"during " + System.nanoTime() + "\"}")
                    .when().post("/webhooks/generic")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "7").body("detail", containsString("nothing was accepted"));
        } finally {
            kafka.start();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                given().contentType(ContentType.JSON).body("{\"title\":\"after " + System.nanoTime() + "\"}")
                        .when().post("/webhooks/generic").then().statusCode(202));
    }
}
