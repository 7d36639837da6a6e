package io.inquest.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.infra.FreePorts;
import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@TestProfile(ReadPathTest.ServicesDown.class)
class ReadPathTest {

    public static class ServicesDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Nothing listens on these ports.
            return Map.of("inquest.investigation-service.url", "http://127.0.0.1:" + FreePorts.next(),
                    "inquest.notification-service.url", "http://127.0.0.1:" + FreePorts.next());
        }
    }

    @Test
    void unreachableInvestigationServiceIs503WithRetryAfter() {
        given().when().get("/api/investigations/inq-0123456789abcdef01234567")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("detail", containsString("investigation-service is not reachable"));
    }

    @Test
    void malformedIdIs400() {
        given().when().get("/api/investigations/not-an-id")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }
}
