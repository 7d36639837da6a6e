package io.inquest.gateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Every call the gateway makes to the internal services carries the service credential. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = FakeUpstream.class, restrictToAnnotatedClass = true)
@TestProfile(ServiceCredentialTest.WithServiceToken.class)
class ServiceCredentialTest {

    static final String SERVICE_TOKEN = "svc-token-for-the-internal-services";

    public static class WithServiceToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.service-token", SERVICE_TOKEN);
        }
    }

    @Test
    void everyReadPathCallUpstreamPresentsTheServiceToken() throws Exception {
        String id = "inq-00000000000000000000a001";
        FakeUpstream.SEEN.clear();

        given().when().get("/api/investigations").then().statusCode(200);
        given().when().get("/api/investigations/" + id).then().statusCode(200);
        given().when().post("/api/investigations/" + id + "/cancel");
        given().when().get("/api/subscriptions").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"name\":\"n\"}").when().post("/api/subscriptions");
        given().when().post("/api/smtp/verify").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{}").when().post("/api/smtp/test");
        // The event stream fetches the stored history first; it stays open, so only until the fetch is seen.
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                RestAssured.baseURI + ":" + RestAssured.port + "/api/investigations/" + id + "/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        await().atMost(Duration.ofSeconds(10)).until(() -> FakeUpstream.SEEN.stream()
                .anyMatch(seen -> seen.path().endsWith("/events")));
        stream.body().close();

        assertThat(FakeUpstream.SEEN).extracting(FakeUpstream.Seen::path).contains("/investigations", "/investigations/" + id,
                "/deliveries", "/investigations/" + id + "/cancel", "/api/subscriptions", "/api/smtp/verify", "/api/smtp/test",
                "/investigations/" + id + "/events");
        assertThat(FakeUpstream.SEEN).allSatisfy(seen -> assertThat(seen.authorization())
                .as(seen.method() + " " + seen.path()).isEqualTo("Bearer " + SERVICE_TOKEN));
    }
}
