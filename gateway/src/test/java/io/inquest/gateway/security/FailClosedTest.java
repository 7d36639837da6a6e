package io.inquest.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.gateway.Fixtures;
import io.inquest.infra.FreePorts;
import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The production configuration with only Grafana's HMAC secret set: Grafana's signed webhooks
 * get in, and every other route, which no configured credential covers, refuses anonymous requests.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@TestProfile(FailClosedTest.OnlyGrafanaSigned.class)
class FailClosedTest {

    static final String SECRET = "grafana-only-secret";

    public static class OnlyGrafanaSigned implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // As in production: unauthenticated access is not allowed, and nothing listens upstream.
            return Map.of("inquest.allow-unauthenticated", "false",
                    "inquest.grafana.hmac-secret", SECRET,
                    "inquest.investigation-service.url", "http://127.0.0.1:" + FreePorts.next(),
                    "inquest.notification-service.url", "http://127.0.0.1:" + FreePorts.next());
        }
    }

    @Test
    void anAnonymousSubscriptionIsRefusedWhenOnlyTheGrafanaSecretIsSet() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"intruder\",\"service\":\"payments\",\"addresses\":[\"intruder@example.com\"]}")
                .when().post("/api/subscriptions")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("Authorization"));
    }

    @Test
    void anAnonymousGenericWebhookIsRefusedWhenOnlyTheGrafanaSecretIsSet() {
        given().contentType(ContentType.JSON).body("{\"title\":\"anonymous alert\"}")
                .when().post("/webhooks/generic")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void anonymousCancelAndSmtpTestAreRefusedToo() {
        given().when().post("/api/investigations/inq-0123456789abcdef01234567/cancel").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"to\":\"someone@example.com\"}")
                .when().post("/api/smtp/test").then().statusCode(401);
        given().when().get("/api/investigations").then().statusCode(401);
    }

    @Test
    void aSignedGrafanaWebhookStillGetsIn() throws Exception {
        String body = Fixtures.read("grafana-v1.json").replace("0f1e2d3c4b5a6978", Long.toHexString(System.nanoTime()));
        given().contentType(ContentType.JSON).header("X-Grafana-Alerting-Signature", hmac(body)).body(body)
                .when().post("/webhooks/grafana")
                .then().statusCode(202);
    }

    @Test
    void healthAndMetricsStayOpen() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }

    private static String hmac(String body) throws Exception {
        return HexFormat.of().formatHex(SourceCredentials.hmac(SECRET.getBytes(StandardCharsets.UTF_8), null,
                body.getBytes(StandardCharsets.UTF_8)));
    }
}
