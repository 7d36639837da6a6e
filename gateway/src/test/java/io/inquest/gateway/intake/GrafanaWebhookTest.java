package io.inquest.gateway.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.inquest.gateway.Fixtures;
import io.inquest.gateway.Published;
import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@TestProfile(GrafanaWebhookTest.Signed.class)
class GrafanaWebhookTest {

    static final String SECRET = "grafana-test-secret";

    /** Grafana signs its webhooks with a shared secret. */
    public static class Signed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.grafana.hmac-secret", SECRET);
        }
    }

    @Test
    void aSignedFixtureStartsAnInvestigationWithGrafanasLinks() throws Exception {
        String body = Fixtures.read("grafana-v1.json").replace("0f1e2d3c4b5a6978", AlertmanagerWebhookTest.unique());

        String id = given().contentType(ContentType.JSON).header("X-Grafana-Alerting-Signature", sign(null, body)).body(body)
                .when().post("/webhooks/grafana")
                .then().statusCode(202).body("investigations", hasSize(1))
                .extract().path("investigations[0].id");

        assertThat(Published.request(id).value()).contains("\"source\":\"grafana\"", "\"title\":\"DiskAlmostFull\"",
                "\"service\":\"billing-db\"", "\"dashboard\":\"https://grafana.local/d/disk\"",
                "\"panel\":\"https://grafana.local/d/disk?viewPanel=2\"", "\"value\":\"[ var='A' labels={instance=db-1} value=93.4 ]\"");
    }

    @Test
    void aSignatureOverTimestampAndBodyWithinTheWindowIsAccepted() throws Exception {
        String body = Fixtures.read("grafana-v1.json").replace("0f1e2d3c4b5a6978", AlertmanagerWebhookTest.unique());
        String timestamp = String.valueOf(Instant.now().getEpochSecond());

        given().contentType(ContentType.JSON).header("X-Grafana-Alerting-Signature", sign(timestamp, body))
                .header("X-Grafana-Alerting-Signature-Timestamp", timestamp).body(body)
                .when().post("/webhooks/grafana")
                .then().statusCode(202).body("investigations", hasSize(1));
    }

    @Test
    void aReplayedTimestampIsRefusedEvenWithAGoodSignature() throws Exception {
        String body = Fixtures.read("grafana-v1.json");
        String stale = String.valueOf(Instant.now().minusSeconds(3_600).getEpochSecond());

        given().contentType(ContentType.JSON).header("X-Grafana-Alerting-Signature", sign(stale, body))
                .header("X-Grafana-Alerting-Signature-Timestamp", stale).body(body)
                .when().post("/webhooks/grafana")
                .then().statusCode(401).contentType("application/problem+json").body("detail", containsString("replay window"));
    }

    @Test
    void unsignedOrWronglySignedRequestsAre401AndNothingIsPublished() throws Exception {
        String marker = AlertmanagerWebhookTest.unique();
        String body = Fixtures.read("grafana-v1.json").replace("0f1e2d3c4b5a6978", marker);

        given().contentType(ContentType.JSON).body(body).when().post("/webhooks/grafana")
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("X-Grafana-Alerting-Signature", sign(null, body + " ")).body(body)
                .when().post("/webhooks/grafana")
                .then().statusCode(401).body("detail", not(containsString(SECRET)));
        given().contentType(ContentType.JSON).header("X-Grafana-Alerting-Signature", "not-hex").body(body)
                .when().post("/webhooks/grafana").then().statusCode(401);
        Published.nothingWith(marker);
    }

    @Test
    void aRuleBackToNormalStartsNothing() throws Exception {
        String body = Fixtures.read("grafana-v1.json").replace("\"status\": \"firing\"", "\"status\": \"resolved\"")
                .replace("\"state\": \"alerting\"", "\"state\": \"ok\"");

        given().contentType(ContentType.JSON).header("X-Grafana-Alerting-Signature", sign(null, body)).body(body)
                .when().post("/webhooks/grafana")
                .then().statusCode(202).body("investigations", hasSize(0));
    }

    static String sign(String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        if (timestamp != null) {
            mac.update((timestamp + ":").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
