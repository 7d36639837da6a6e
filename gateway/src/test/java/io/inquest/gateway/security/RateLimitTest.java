package io.inquest.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.inquest.infra.FreePorts;
import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@TestProfile(RateLimitTest.Tight.class)
class RateLimitTest {

    @Inject
    SourceRateLimits limits;

    /** One request per second with a burst of two, so six at once are over. */
    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.rate-limit.per-second", "1", "inquest.rate-limit.burst", "2",
                    "inquest.rate-limit.smtp-test-per-minute", "1",
                    "inquest.notification-service.url", "http://127.0.0.1:" + FreePorts.next());
        }
    }

    @Test
    void aSourceOverItsLimitGets429WithRetryAfterWhileAnotherSourceIsServed() throws Exception {
        // Sent at once, not one after the other: on a busy machine one request can take longer
        // than the second it takes the bucket to refill, and a sequence would then never be over.
        List<Response> answers = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(6);
        try {
            List<Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String title = "burst " + i + " " + System.nanoTime();
                sent.add(senders.submit(() -> given().contentType(ContentType.JSON).body("{\"title\":\"" + title + "\"}")
                        .post("/webhooks/generic")));
            }
            for (Future<Response> answer : sent) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            senders.shutdownNow();
        }
        Response limited = answers.stream().filter(r -> r.statusCode() == 429).findFirst()
                .orElseThrow(() -> new AssertionError("no 429 among " + answers.stream().map(Response::statusCode).toList()));
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();

        given().contentType(ContentType.JSON).body("{\"text\":\"another source\"}").post("/api/investigations")
                .then().statusCode(202);
    }

    @Test
    void requestsToUnknownPathsDoNotGrowTheLimiter() {
        for (int i = 0; i < 50; i++) {
            given().contentType(ContentType.JSON).body("{}").post("/webhooks/made-up-" + i + "-" + System.nanoTime())
                    .then().statusCode(404);
        }
        assertThat(limits.sources()).as("buckets are kept for the known sources only")
                .allSatisfy(source -> assertThat(source).isIn("alertmanager", "grafana", "pagerduty", "generic", "changes", "api",
                        "smtp-test"));
    }

    @Test
    void theSmtpTestEmailHasALimitOfItsOwn() {
        // The first test email may go (the notification-service is down here, so 503); the next one is over the limit.
        given().contentType(ContentType.JSON).body("{\"to\":\"someone@example.com\"}").post("/api/smtp/test")
                .then().statusCode(503);
        Response limited = given().contentType(ContentType.JSON).body("{\"to\":\"someone@example.com\"}").post("/api/smtp/test");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.jsonPath().getString("detail")).contains("SMTP test");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
    }
}
