package io.inquest.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.infra.FreePorts;
import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;

/**
 * An OIDC provider's access tokens on the API (Quarkus' mock provider, WireMock), with no
 * static token configured at all: the token's {@code scope} claim, {@code inquest:}-prefixed,
 * carries its Inquest scopes; a token the provider did not sign, or one that expired, is a 401.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
@TestProfile(OidcTokenTest.WithOidcProvider.class)
class OidcTokenTest {

    static final String ISSUER = "https://server.example.com";

    public static class WithOidcProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.allow-unauthenticated", "false",
                    "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/",
                    "quarkus.oidc.token.audience", ISSUER,
                    "inquest.investigation-service.url", "http://127.0.0.1:" + FreePorts.next(),
                    "inquest.notification-service.url", "http://127.0.0.1:" + FreePorts.next());
        }
    }

    static String token(String user, String scope) {
        return Jwt.preferredUserName(user).claim("scope", scope).issuer(ISSUER).audience(ISSUER).subject(user)
                .jws().keyId("1").sign("privateKey.jwk");
    }

    @Test
    void anOidcTokenWithTheReadScopeListsInvestigations() {
        // 503: past authorization, on to the investigation-service, which is down in this test.
        given().auth().oauth2(token("alice", "openid inquest:read")).when().get("/api/investigations")
                .then().statusCode(503);
    }

    @Test
    void anOidcTokenWithoutOperateIsForbiddenToCancelAndTheAnswerNamesTheScope() {
        given().auth().oauth2(token("alice", "openid inquest:read")).when().post("/api/investigations/inq-0123456789abcdef01234567/cancel")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("scope=\"operate\""))
                .body("detail", allOf(containsString("alice"), containsString("'operate'")));
    }

    @Test
    void onlyPrefixedScopesCount() {
        // "read" alone could be any application's scope in a shared provider; it grants nothing here.
        given().auth().oauth2(token("bob", "openid read admin")).when().get("/api/investigations")
                .then().statusCode(403).body("detail", containsString("'read'"));
    }

    @Test
    void anExpiredTokenIs401() {
        String expired = Jwt.preferredUserName("alice").claim("scope", "inquest:read").issuer(ISSUER).audience(ISSUER)
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                .jws().keyId("1").sign("privateKey.jwk");
        given().auth().oauth2(expired).when().get("/api/investigations")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        String elsewhere = Jwt.preferredUserName("alice").claim("scope", "inquest:read").issuer(ISSUER)
                .audience("https://another-service.example.com").jws().keyId("1").sign("privateKey.jwk");
        given().auth().oauth2(elsewhere).when().get("/api/investigations").then().statusCode(401);
    }

    @Test
    void aForgedOrGarbledTokenIs401AndIsNotEchoed() {
        String token = token("mallory", "inquest:admin");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth().oauth2(forged).when().get("/api/subscriptions")
                .then().statusCode(401).body(not(containsString(forged)));
        given().auth().oauth2("not-a-jwt").when().get("/api/subscriptions")
                .then().statusCode(401).body("detail", containsString("OIDC"));
    }

    @Test
    void withoutATokenTheAnswerSaysWhatToSend() {
        given().when().get("/api/investigations")
                .then().statusCode(401).body("detail", containsString("Authorization: Bearer"));
    }
}
