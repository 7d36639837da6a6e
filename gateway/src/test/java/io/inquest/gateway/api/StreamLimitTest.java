package io.inquest.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** Open event streams hold a connection and a subscription each: a gateway keeps at most so many, and says so beyond. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = FakeUpstream.class, restrictToAnnotatedClass = true)
@TestProfile(StreamLimitTest.OneStream.class)
class StreamLimitTest {

    public static class OneStream implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.max-event-streams", "1", "inquest.service-token", "svc");
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<InputStream> follow(String id) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/api/investigations/" + id + "/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void beyondTheLimitAStreamIs503WithAProblemAndAfterOneClosesTheNextIsServed() throws Exception {
        HttpResponse<InputStream> first = follow("inq-00000000000000000000b001");
        assertThat(first.statusCode()).isEqualTo(200);

        HttpResponse<InputStream> second = follow("inq-00000000000000000000b002");
        if (second.statusCode() != 503) {
            second.body().close();
        }
        assertThat(second.statusCode()).as("a second stream over a limit of one").isEqualTo(503);
        String problem = new String(second.body().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(second.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(problem).contains("1 open event stream");

        first.body().close();
        // The gateway notices the closed connection (at the latest at the next heartbeat) and frees the place.
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            HttpResponse<InputStream> next = follow("inq-00000000000000000000b003");
            next.body().close();
            return next.statusCode() == 200;
        });
    }
}
