package io.inquest.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A gateway without the service credential, in front of services that require it: a 503 that says what to set. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = FakeUpstream.class, restrictToAnnotatedClass = true)
class ServiceCredentialMissingTest {

    @Test
    void anUpstreamRefusingTheGatewayIs503NamingTheServiceToken() {
        given().when().get("/api/investigations")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("INQUEST_SERVICE_TOKEN"));
        given().when().get("/api/subscriptions")
                .then().statusCode(503)
                .body("detail", containsString("notification-service"));
    }
}
