package io.inquest.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@TestProfile(BearerTokenTest.WithToken.class)
class BearerTokenTest {

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.webhook-token", "s3cret-token");
        }
    }

    @Test
    void webhookWithoutTokenIs401AndSaysWhatToSend() {
        given().contentType(ContentType.JSON).body("{\"title\":\"t\"}")
                .when().post("/webhooks/generic")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", containsString("Authorization: Bearer"));
    }

    @Test
    void wrongTokenIs401AndTheAnswerDoesNotEchoTheToken() {
        given().contentType(ContentType.JSON).auth().oauth2("guess").body("{\"title\":\"t\"}")
                .when().post("/webhooks/generic")
                .then().statusCode(401)
                .body(not(containsString("s3cret-token")))
                .body(not(containsString("guess")));
    }

    @Test
    void rightTokenIsAccepted() {
        given().contentType(ContentType.JSON).auth().oauth2("s3cret-token").body("{\"title\":\"token ok\"}")
                .when().post("/webhooks/generic")
                .then().statusCode(202);
    }

    @Test
    void theLegacyTokenHasEveryScopeIncludingAdmin() {
        given().auth().oauth2("s3cret-token").when().get("/api/subscriptions")
                .then().statusCode(not(anyOf(is(401), is(403))));
    }

    @Test
    void healthNeedsNoToken() {
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
