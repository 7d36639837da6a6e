package io.inquest.investigation.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.infra.quarkus.KafkaResource;
import io.inquest.infra.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The API takes requests from the gateway only (its service credential, configured here as a hash); health and metrics stay open. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "investigation_test"))
@TestProfile(ServiceCredentialTest.GatewayOnly.class)
class ServiceCredentialTest {

    static final String TOKEN = "svc-token-of-the-gateway";

    public static class GatewayOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.allow-unauthenticated", "false", "inquest.service-token-sha256", "sha256:" + sha256(TOKEN));
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutTheServiceCredentialTheApiIs401AndSaysWhatToSend() {
        given().when().get("/investigations")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("INQUEST_SERVICE_TOKEN"));
        given().when().get("/changes?service=orders-api").then().statusCode(401);
        given().when().post("/investigations/inq-0123456789abcdef01234567/cancel").then().statusCode(401);
    }

    @Test
    void aWrongCredentialIs401AndIsNotEchoed() {
        given().auth().oauth2("a-guess").when().get("/investigations")
                .then().statusCode(401).body(not(containsString("a-guess")));
    }

    @Test
    void theGatewaysCredentialIsServed() {
        given().auth().oauth2(TOKEN).when().get("/investigations").then().statusCode(200);
        given().auth().oauth2(TOKEN).when().get("/changes?service=orders-api").then().statusCode(200);
    }

    @Test
    void healthAndMetricsStayOpen() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
