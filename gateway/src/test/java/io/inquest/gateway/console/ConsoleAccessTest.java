package io.inquest.gateway.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.inquest.gateway.api.FakeUpstream;
import io.inquest.gateway.security.ConsoleSession;
import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * The console takes the API's tokens, presented once on the sign-in page and then carried by an
 * HttpOnly, SameSite=Strict cookie; each page needs the scope its API counterpart needs, and
 * without a credential a browser is sent to sign in and sees nothing.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = FakeUpstream.class, restrictToAnnotatedClass = true)
@TestProfile(ConsoleAccessTest.ScopedTokens.class)
class ConsoleAccessTest {

    static final String READ = "console-read-token-5d1c";
    static final String OPERATE = "console-operate-token-9e2a";
    static final String ADMIN = "console-admin-token-77f0";
    private static final String ID = "inq-0123456789abcdef01234567";

    public static class ScopedTokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.allow-unauthenticated", "false", "inquest.service-token", "svc",
                    "inquest.tokens", "reader:read:sha256:" + sha256(READ) + ";operator:read,operate:sha256:" + sha256(OPERATE)
                            + ";administrator:read,admin:sha256:" + sha256(ADMIN));
        }
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/investigations", "/investigations/" + ID, "/subscriptions", "/smtp"})
    void withoutACredentialABrowserIsSentToSignInAndSeesNothing(String page) {
        Response response = given().redirects().follow(false).accept("text/html").when().get(page).andReturn();

        assertThat(response.statusCode()).as("GET " + page).isEqualTo(303);
        assertThat(response.header("Location")).as("where the browser goes").endsWith(
                "/sign-in?next=" + java.net.URLEncoder.encode(page, StandardCharsets.UTF_8));
        assertThat(response.asString()).as("the refused page's body").isEmpty();
    }

    @Test
    void theRootLeadsToTheInvestigationsAndTheSignInPageAsksForAToken() {
        assertThat(given().redirects().follow(false).get("/").header("Location")).endsWith("/investigations");
        String signIn = given().get("/sign-in?next=/investigations/" + ID).then().statusCode(200).extract().asString();
        assertThat(signIn).contains("type=\"password\" name=\"token\"", "value=\"/investigations/" + ID + "\"")
                .doesNotContain("href=\"/subscriptions\"");
    }

    @Test
    void signingInKeepsTheTokenInAnHttpOnlyStrictCookieAndNeverEchoesIt() {
        Response signedIn = signIn(READ, "/investigations/" + ID);

        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.header("HX-Redirect")).isEqualTo("/investigations/" + ID);
        String cookie = signedIn.header("Set-Cookie");
        assertThat(cookie.toLowerCase(java.util.Locale.ROOT)).startsWith(ConsoleSession.COOKIE + "=").contains("httponly", "samesite=strict", "path=/", "max-age=43200")
                .doesNotContain("secure");
        assertThat(cookie).doesNotContain(READ);
        assertThat(signedIn.asString()).doesNotContain(READ);

        String page = given().cookie(ConsoleSession.COOKIE, signedIn.getCookie(ConsoleSession.COOKIE))
                .get("/investigations/" + ID).then().statusCode(200).contentType("text/html").extract().asString();
        assertThat(page).contains("id=\"status\"", "running", "Cancel investigation").doesNotContain(READ);
    }

    @Test
    void anUnknownTokenSignsNothingInAndIsNotEchoed() {
        Response refused = signIn("not-a-token-of-this-gateway", "/investigations");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.header("Set-Cookie")).isNull();
        assertThat(refused.asString()).contains("not one this gateway accepts").doesNotContain("not-a-token-of-this-gateway");
    }

    @Test
    void signingInFromAnotherSitesFormIsRefused() {
        Response forged = given().redirects().follow(false).formParam("token", READ).post("/sign-in").andReturn();

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.header("Set-Cookie")).isNull();
    }

    @Test
    void aReadOnlySignInSeesInvestigationsButCannotCancelNorSeeSubscriptions() {
        String cookie = signIn(READ, "/").getCookie(ConsoleSession.COOKIE);

        given().cookie(ConsoleSession.COOKIE, cookie).get("/investigations").then().statusCode(200);
        Response cancel = given().cookie(ConsoleSession.COOKIE, cookie).header("HX-Request", "true")
                .post("/investigations/" + ID + "/cancel").andReturn();
        assertThat(cancel.statusCode()).isEqualTo(403);
        assertThat(cancel.contentType()).startsWith("text/html");
        assertThat(cancel.asString()).contains("reader", "'operate'");
        Response subscriptions = given().cookie(ConsoleSession.COOKIE, cookie).get("/subscriptions").andReturn();
        assertThat(subscriptions.statusCode()).isEqualTo(403);
        assertThat(subscriptions.asString()).contains("'admin'").doesNotContain("Add a subscription");
    }

    @Test
    void aCookieActionNotSentByTheConsolesOwnPagesIsRefused() {
        String cookie = signIn(OPERATE, "/").getCookie(ConsoleSession.COOKIE);
        FakeUpstream.SEEN.clear();

        Response forged = given().cookie(ConsoleSession.COOKIE, cookie).post("/investigations/" + ID + "/cancel").andReturn();

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(FakeUpstream.SEEN).as("nothing reached the investigation-service")
                .noneMatch(seen -> seen.path().endsWith("/cancel"));
        Response fromTheConsole = given().cookie(ConsoleSession.COOKIE, cookie).header("HX-Request", "true")
                .post("/investigations/" + ID + "/cancel").andReturn();
        assertThat(fromTheConsole.statusCode()).as("an operate sign-in gets past authorization").isNotIn(401, 403);
        assertThat(FakeUpstream.SEEN).anyMatch(seen -> seen.path().equals("/investigations/" + ID + "/cancel"));
    }

    @Test
    void theEventStreamTakesTheSignInCookieAndStillRefusesWithProblemJson() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI events = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/investigations/" + ID + "/events");
        HttpResponse<InputStream> anonymous = http.send(HttpRequest.newBuilder(events).build(), HttpResponse.BodyHandlers.ofInputStream());
        anonymous.body().close();
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));

        String cookie = signIn(READ, "/").getCookie(ConsoleSession.COOKIE);
        HttpResponse<InputStream> followed = http.send(HttpRequest.newBuilder(events).header("Cookie", ConsoleSession.COOKIE + "=" + cookie)
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        followed.body().close();
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(followed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    }

    @Test
    void aBearerTokenStillGetsProblemJsonOnConsoleRoutes() {
        Response refused = given().auth().oauth2(READ).post("/investigations/" + ID + "/cancel").andReturn();

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void thePagesLoadHtmxAndTheirOwnFilesFromTheGatewayItself() {
        String cookie = signIn(READ, "/").getCookie(ConsoleSession.COOKIE);
        String page = given().cookie(ConsoleSession.COOKIE, cookie).get("/investigations").then().statusCode(200).extract().asString();

        Matcher sources = Pattern.compile("(?:src|href)=\"(/[^\"]+\\.(?:js|css))\"").matcher(page);
        int found = 0;
        while (sources.find()) {
            found++;
            given().get(sources.group(1)).then().statusCode(200);
        }
        assertThat(found).as("scripts and styles the page loads").isEqualTo(3);
        assertThat(page).contains("/webjars/htmx.org/").doesNotContain("https://");
    }

    @Test
    void aSignInGoesBackOnlyToAPageOfThisGateway() {
        assertThat(ConsoleEntrance.next("https://evil.example/")).isEqualTo("/investigations");
        assertThat(ConsoleEntrance.next("//evil.example/")).isEqualTo("/investigations");
        assertThat(ConsoleEntrance.next("/investigations\r\nSet-Cookie: x=y")).isEqualTo("/investigations");
        assertThat(ConsoleEntrance.next("/investigations?status=running")).isEqualTo("/investigations?status=running");
    }

    private static Response signIn(String token, String next) {
        return given().redirects().follow(false).header("HX-Request", "true").formParam("token", token).formParam("next", next)
                .post("/sign-in").andReturn();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
