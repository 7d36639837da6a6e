package io.inquest.notification.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.infra.quarkus.KafkaResource;
import io.inquest.infra.quarkus.PostgresResource;
import io.inquest.infra.quarkus.SmtpResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** The API (deliveries, subscriptions, SMTP check and test) takes the gateway's service credential only; health and metrics stay open. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "notification_credential_test"))
@QuarkusTestResource(value = SmtpResource.class, restrictToAnnotatedClass = true)
@TestProfile(ServiceCredentialTest.GatewayOnly.class)
class ServiceCredentialTest {

    static final String TOKEN = "svc-token-of-the-gateway";

    public static class GatewayOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.allow-unauthenticated", "false", "inquest.service-token", TOKEN);
        }
    }

    @Test
    void withoutTheServiceCredentialEveryRouteIs401AndSaysWhatToSend() {
        given().when().get("/deliveries?investigationId=inq-0123456789abcdef01234567")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("INQUEST_SERVICE_TOKEN"));
        given().when().get("/api/subscriptions").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"addresses\":[\"x@example.com\"]}")
                .when().post("/api/subscriptions").then().statusCode(401);
        given().when().post("/api/smtp/verify").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"to\":\"x@example.com\"}").when().post("/api/smtp/test").then().statusCode(401);
    }

    @Test
    void aWrongCredentialIs401AndIsNotEchoed() {
        given().auth().oauth2("a-guess").when().get("/api/subscriptions")
                .then().statusCode(401).body(not(containsString("a-guess")));
    }

    @Test
    void theGatewaysCredentialIsServed() {
        given().auth().oauth2(TOKEN).when().get("/api/subscriptions").then().statusCode(200);
        given().auth().oauth2(TOKEN).when().get("/deliveries?investigationId=inq-0123456789abcdef01234567").then().statusCode(200);
    }

    @Test
    void healthAndMetricsStayOpen() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
