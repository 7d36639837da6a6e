package io.inquest.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import io.inquest.gateway.Fixtures;
import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Requests without a valid credential do not use up a source's budget, whichever credential the
 * source brings: a bearer token (Alertmanager), Grafana's signature over the body, PagerDuty's
 * routing key in it. A flood of forged requests gets 401s and none of them a 429; the sender's
 * own requests then still get in, and are limited when they are too many.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@TestProfile(RateLimitAfterCredentialTest.TightWithEveryCredential.class)
class RateLimitAfterCredentialTest {

    static final String TOKEN = "alertmanager-ingest-secret-91c2";
    static final String GRAFANA_SECRET = "grafana-budget-secret";
    static final String ROUTING_KEY = "samplekey0000000000000000000000";
    private static final int AT_ONCE = 12;

    /** One request per second with a burst of two per source, so twelve at once are over. */
    public static class TightWithEveryCredential implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.allow-unauthenticated", "false",
                    "inquest.tokens", "alertmanager:ingest:sha256:" + ApiTokensTest.sha256(TOKEN),
                    "inquest.grafana.hmac-secret", GRAFANA_SECRET,
                    "inquest.pagerduty.routing-key", ROUTING_KEY,
                    "inquest.rate-limit.per-second", "1",
                    "inquest.rate-limit.burst", "2");
        }
    }

    @Test
    void forgedAlertmanagerRequestsGet401AndLeaveTheBudgetToTheSender() throws Exception {
        IntFunction<Response> forged = i -> given().contentType(ContentType.JSON).auth().oauth2("forged-" + i)
                .body(alertmanager()).post("/webhooks/alertmanager");
        IntFunction<Response> genuine = i -> given().contentType(ContentType.JSON).auth().oauth2(TOKEN)
                .body(alertmanager()).post("/webhooks/alertmanager");

        assertForgedAreRefusedAndGenuineAreLimited(forged, genuine);
    }

    @Test
    void unsignedGrafanaRequestsGet401AndLeaveTheBudgetToGrafana() throws Exception {
        IntFunction<Response> forged = i -> {
            String body = grafana();
            return given().contentType(ContentType.JSON).header("X-Grafana-Alerting-Signature", hmac("not-the-secret", body))
                    .body(body).post("/webhooks/grafana");
        };
        IntFunction<Response> genuine = i -> {
            String body = grafana();
            return given().contentType(ContentType.JSON).header("X-Grafana-Alerting-Signature", hmac(GRAFANA_SECRET, body))
                    .body(body).post("/webhooks/grafana");
        };

        assertForgedAreRefusedAndGenuineAreLimited(forged, genuine);
    }

    @Test
    void pagerDutyEventsWithAWrongRoutingKeyGet401AndLeaveTheBudgetToPagerDuty() throws Exception {
        IntFunction<Response> forged = i -> given().contentType(ContentType.JSON)
                .body(pagerDuty().replace(ROUTING_KEY, "wrongkey" + i)).post("/webhooks/pagerduty");
        IntFunction<Response> genuine = i -> given().contentType(ContentType.JSON).body(pagerDuty()).post("/webhooks/pagerduty");

        assertForgedAreRefusedAndGenuineAreLimited(forged, genuine);
    }

    private static void assertForgedAreRefusedAndGenuineAreLimited(IntFunction<Response> forged, IntFunction<Response> genuine)
            throws Exception {
        // Sent at once, not one after the other: on a busy machine one request can take longer
        // than the second it takes the bucket to refill, and a sequence would then never be over.
        List<Integer> refused = atOnce(forged);
        assertThat(refused).as("forged requests, more than the budget at once: refused for the credential, not the rate")
                .containsOnly(401);

        List<Integer> sent = atOnce(genuine);
        assertThat(sent).as("the sender's own requests after the forged ones: its budget is all there, and it applies")
                .contains(202, 429).containsOnly(202, 429);
    }

    private static List<Integer> atOnce(IntFunction<Response> request) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                int n = i;
                sent.add(senders.submit((Callable<Response>) () -> request.apply(n)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> answer : sent) {
                statuses.add(answer.get(60, TimeUnit.SECONDS).statusCode());
            }
            return statuses;
        } finally {
            senders.shutdownNow();
        }
    }

    private static String alertmanager() {
        return Fixtures.read("alertmanager-v4.json").replace("a1b2c3d4e5f60718", unique());
    }

    private static String grafana() {
        return Fixtures.read("grafana-v1.json").replace("0f1e2d3c4b5a6978", unique());
    }

    private static String pagerDuty() {
        return Fixtures.read("pagerduty-events-v2.json").replace("queue-backlog/orders", "budget/" + unique());
    }

    private static String unique() {
        return String.format("%016x", ThreadLocalRandom.current().nextLong());
    }

    private static String hmac(String secret, String body) {
        return HexFormat.of().formatHex(SourceCredentials.hmac(secret.getBytes(StandardCharsets.UTF_8), null,
                body.getBytes(StandardCharsets.UTF_8)));
    }
}
