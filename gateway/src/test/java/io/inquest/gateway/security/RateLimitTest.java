package io.inquest.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@TestProfile(RateLimitTest.Tight.class)
class RateLimitTest {

    /** One request per second with a burst of two, so the third in a row is over. */
    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.rate-limit.per-second", "1", "inquest.rate-limit.burst", "2");
        }
    }

    @Test
    void aSourceOverItsLimitGets429WithRetryAfterWhileAnotherSourceIsServed() {
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(given().contentType(ContentType.JSON).body("{\"title\":\"burst " + i + " " + System.nanoTime() + "\"}")
                    .post("/webhooks/generic"));
        }
        Response limited = answers.stream().filter(r -> r.statusCode() == 429).findFirst()
                .orElseThrow(() -> new AssertionError("no 429 among " + answers.stream().map(Response::statusCode).toList()));
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();

        given().contentType(ContentType.JSON).body("{\"text\":\"another source\"}").post("/api/investigations")
                .then().statusCode(202);
    }
}
