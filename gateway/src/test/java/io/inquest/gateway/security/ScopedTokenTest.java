package io.inquest.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.inquest.infra.FreePorts;
import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Each route needs its scope: ingest (webhooks, submissions), read (list, show, events), operate
 * (cancel, SMTP check and test, dead-letter listing and replay) or admin (subscriptions). One token
 * per scope, configured only as SHA-256 hashes; every refusal is a problem+json that names the missing scope and never a secret.
 * The OpenAPI document and Swagger UI need {@code read}; health stays open.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@TestProfile(ScopedTokenTest.OneTokenPerScope.class)
class ScopedTokenTest {

    public static class OneTokenPerScope implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            StringBuilder tokens = new StringBuilder();
            for (Scope scope : Scope.values()) {
                // One entry per line, with and without the sha256: prefix: both forms are accepted.
                tokens.append(scope.wireName()).append("-sender:").append(scope.wireName()).append(':')
                        .append(scope == Scope.READ ? "" : "sha256:").append(ApiTokensTest.sha256(secret(scope))).append('\n');
            }
            return Map.of("inquest.allow-unauthenticated", "false",
                    "inquest.tokens", tokens.toString(),
                    "inquest.investigation-service.url", "http://127.0.0.1:" + FreePorts.next(),
                    "inquest.notification-service.url", "http://127.0.0.1:" + FreePorts.next());
        }
    }

    static String secret(Scope scope) {
        return "plain-" + scope.wireName() + "-secret-7f3a";
    }

    private static final String ID = "inq-0123456789abcdef01234567";

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource({
            "POST,   /webhooks/generic,                 ingest",
            "POST,   /webhooks/alertmanager,            ingest",
            "POST,   /webhooks/grafana,                 ingest",
            "POST,   /webhooks/pagerduty,               ingest",
            "POST,   /webhooks/changes,                 ingest",
            "POST,   /api/investigations,               ingest",
            "GET,    /api/investigations,               read",
            "GET,    /api/investigations/" + ID + ",     read",
            "GET,    /api/investigations/" + ID + "/events, read",
            "POST,   /api/investigations/" + ID + "/cancel, operate",
            "POST,   /api/smtp/verify,                  operate",
            "POST,   /api/smtp/test,                    operate",
            "GET,    /api/dead-letters,                 operate",
            "POST,   /api/dead-letters/replay,          operate",
            "GET,    /api/subscriptions,                admin",
            "POST,   /api/subscriptions,                admin",
            "DELETE, /api/subscriptions/1,              admin"})
    void eachRouteTakesATokenWithItsScopeAndRefusesTheOthersNamingTheScope(String method, String path, String needed)
            throws Exception {
        Scope scope = Scope.parse(needed).orElseThrow();

        Response anonymous = send(given(), method, path);
        assertThat(anonymous.statusCode()).as("no token").isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.jsonPath().getString("detail")).contains("Authorization: Bearer", "'" + needed + "'");
        assertThat(anonymous.header("WWW-Authenticate")).contains("Bearer", "scope=\"" + needed + "\"");

        Response unknown = send(given().auth().oauth2("not-a-configured-token"), method, path);
        assertThat(unknown.statusCode()).as("an unknown token").isEqualTo(401);
        assertThat(unknown.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(unknown.asString()).doesNotContain("not-a-configured-token");

        for (Scope other : Arrays.stream(Scope.values()).filter(s -> s != scope).toList()) {
            Response refused = send(given().auth().oauth2(secret(other)), method, path);
            assertThat(refused.statusCode()).as("a token with only " + other.wireName()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.jsonPath().getString("detail")).contains(other.wireName() + "-sender", "'" + needed + "'");
            assertThat(refused.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"", "scope=\"" + needed + "\"");
            assertThat(refused.asString()).doesNotContain(secret(other)).doesNotContain(ApiTokensTest.sha256(secret(other)));
        }

        assertThat(statusWith(secret(scope), method, path)).as("a token with " + needed + " gets past authorization")
                .isNotIn(401, 403);
    }

    static Stream<GatewayRoutes.Route> actions() {
        return GatewayRoutes.all().stream().filter(route -> route.declaredScope().orElse(Scope.ADMIN) != Scope.READ);
    }

    /** Walks the routes the code serves, so an action added later (a DLQ replay, settings) is checked too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void aReadOnlyTokenIsRefusedEveryAction(GatewayRoutes.Route route) {
        String needed = route.declaredScope().orElse(Scope.ADMIN).wireName();

        Response refused = send(given().auth().oauth2(secret(Scope.READ)), route.httpMethod(), route.examplePath());

        assertThat(refused.statusCode()).as("%s with a read-only token", route).isEqualTo(403);
        assertThat(refused.jsonPath().getString("detail")).as("names the token and the scope it lacks")
                .contains("read-sender", "'" + needed + "'");
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/q/openapi", "/q/openapi?format=json", "/q/swagger-ui/"})
    void theApiDescriptionNeedsAReadToken(String path) {
        Response anonymous = given().when().get(path).andReturn();
        assertThat(anonymous.statusCode()).as("no token").isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.jsonPath().getString("detail")).contains("Authorization: Bearer", "'read'");
        assertThat(anonymous.header("WWW-Authenticate")).contains("scope=\"read\"");

        Response ingestOnly = given().auth().oauth2(secret(Scope.INGEST)).when().get(path).andReturn();
        assertThat(ingestOnly.statusCode()).as("a token with only ingest").isEqualTo(403);
        assertThat(ingestOnly.asString()).doesNotContain(secret(Scope.INGEST));

        given().auth().oauth2(secret(Scope.READ)).when().get(path).then().statusCode(200);
    }

    @Test
    void healthStaysOpenForProbes() {
        given().when().get("/q/health/live").then().statusCode(200);
    }

    /** Only the status: what lies behind authorization (an upstream that is down, an event stream) is not the point here. */
    private static int statusWith(String token, String method, String path) throws Exception {
        HttpRequest.BodyPublisher body = "GET".equals(method) || "DELETE".equals(method) ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString("{\"text\":\"scoped " + System.nanoTime() + "\"}");
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).method(method, body).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    private static Response send(RequestSpecification request, String method, String path) {
        if (!"GET".equals(method) && !"DELETE".equals(method)) {
            request = request.contentType(ContentType.JSON).body(path.equals("/api/investigations")
                    ? "{\"text\":\"scoped " + System.nanoTime() + "\"}" : "{\"title\":\"scoped " + System.nanoTime() + "\"}");
        }
        return request.when().request(method, path).andReturn();
    }
}
