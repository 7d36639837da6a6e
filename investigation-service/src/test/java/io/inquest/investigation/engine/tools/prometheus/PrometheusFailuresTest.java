package io.inquest.investigation.engine.tools.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.ToolFindings;
import io.inquest.investigation.engine.tools.prometheus.StubPrometheus.Answer;
import io.inquest.investigation.engine.tools.prometheus.StubPrometheus.Request;
import io.vertx.mutiny.core.Vertx;

/**
 * The failure shapes a real Prometheus does not produce on demand, against a local HTTP server
 * in its place: garbage, errors, silence, no server at all, and a Prometheus that answers some
 * reads and not others.
 */
class PrometheusFailuresTest {

    private static final Instant START = Instant.parse("2026-04-02T08:15:00Z");
    private static final String EXPR = "sum(rate(http_requests_total{job=\"cart\",code=~\"5..\"}[1m])) / sum(rate(http_requests_total{job=\"cart\"}[1m])) > 0.05";

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.closeAndAwait();
    }

    @Test
    void anAnswerThatIsNotPrometheusJsonIsAFailedCall() throws IOException {
        try (StubPrometheus stub = new StubPrometheus(r -> Answer.of(200, "text/html", "<html><body>Sign in to continue</body></html>"))) {
            assertThatThrownBy(() -> investigate(stub.url(), Map.of(), subject(Alerts.generator(EXPR))))
                    .hasMessageContaining("not its JSON").hasMessageContaining("text/html").hasMessageContaining("Sign in");
        }
    }

    @Test
    void aServerErrorIsAFailedCallThatQuotesPrometheus() throws IOException {
        try (StubPrometheus stub = new StubPrometheus(r -> Answer.of(503, "application/json",
                "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"TSDB not ready\"}"))) {
            assertThatThrownBy(() -> investigate(stub.url(), Map.of(), subject(Alerts.generator(EXPR))))
                    .hasMessageContaining("HTTP 503").hasMessageContaining("unavailable: TSDB not ready");
        }
    }

    @Test
    void aSuccessStatusWithoutTheExpectedShapeIsAFailedCall() throws IOException {
        try (StubPrometheus stub = new StubPrometheus(r -> Answer.json("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\"}}"))) {
            assertThatThrownBy(() -> investigate(stub.url(), Map.of(), subject(Alerts.generator(EXPR))))
                    .hasMessageContaining("something other than");
        }
    }

    @Test
    void aSilentPrometheusIsAFailedCallAfterTheQueryTimeLimit() throws IOException {
        try (StubPrometheus stub = new StubPrometheus(r -> Answer.silence())) {
            assertThatThrownBy(() -> investigate(stub.url(), Map.of("inquest.sources.prometheus.timeout", "1s"), subject(Alerts.generator(EXPR))))
                    .hasMessageContaining("no answer within 1s");
        }
    }

    @Test
    void anUnreachablePrometheusIsAFailedCall() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> investigate("http://127.0.0.1:" + closedPort, Map.of(), subject(Alerts.generator(EXPR))))
                .hasMessageContaining("could not be read").hasMessageContaining("127.0.0.1:" + closedPort);
    }

    @Test
    void someReadsFailingKeepsWhatTheOthersFoundAndSaysWhatFailed() throws IOException {
        Function<Request, Answer> answers = r -> {
            if (r.path().endsWith("/series")) {
                return r.query().contains("http_requests_total") && r.query().contains("job=\"cart\"")
                        ? Answer.json("{\"status\":\"success\",\"data\":[{\"__name__\":\"http_requests_total\",\"job\":\"cart\",\"code\":\"200\"}]}")
                        : Answer.NO_SERIES;
            }
            if (r.query().equals(AlertExpression.parse(EXPR).signal())) {
                return Answer.of(400, "application/json",
                        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unexpected character\"}");
            }
            if (r.query().startsWith("sum(rate(http_requests_total{job=\"cart\",namespace=\"\"}[120s]))")) {
                return Answer.json(matrix(START.getEpochSecond() - 3600, 15, 400, 25.0));
            }
            if (r.query().contains("code=~\"5..\"")) {
                return Answer.EMPTY_MATRIX;
            }
            return Answer.of(500, "text/plain", "internal error");
        };
        try (StubPrometheus stub = new StubPrometheus(answers)) {
            ToolFindings findings = investigate(stub.url(), Map.of(), subject(Alerts.generator(EXPR)));

            assertThat(findings.observations()).anySatisfy(o -> {
                assertThat(o.signal()).isEqualTo(Signal.METRIC);
                assertThat(o.attr("metric")).isEqualTo("request_rate");
                assertThat(o.attr("value")).isEqualTo("25");
            });
            assertThat(findings.observations()).anySatisfy(o -> assertThat(o.attr("metric")).isEqualTo("error_ratio"));
            assertThat(findings.summary()).contains("reads failed").contains("the alert's expression: Prometheus answered HTTP 400 (bad_data: 1:5: parse error");
        }
    }

    @Test
    void aMalformedGeneratorUrlIsANoteNotAFailedCall() throws IOException {
        try (StubPrometheus stub = new StubPrometheus(r -> r.path().endsWith("/series") ? Answer.NO_SERIES : Answer.EMPTY_MATRIX)) {
            ToolFindings findings = investigate(stub.url(), Map.of(), subject("http://prometheus:9090/graph?g0.expr=rate(x[5m] > 1"));

            assertThat(findings.summary()).contains("the alert's expression could not be read: its generatorURL is not a URL");
        }
    }

    @Test
    void theAlertsPromqlGoesOnlyToTheConfiguredPrometheusNeverToTheLinksHost() throws IOException {
        try (StubPrometheus configured = new StubPrometheus(r -> r.path().endsWith("/series") ? Answer.NO_SERIES : Answer.EMPTY_MATRIX);
                StubPrometheus linked = new StubPrometheus(r -> Answer.EMPTY_MATRIX)) {
            String link = linked.url() + "/graph?g0.expr=" + java.net.URLEncoder.encode(EXPR, java.nio.charset.StandardCharsets.UTF_8);

            investigate(configured.url(), Map.of(), subject(link));

            assertThat(linked.requests()).isEmpty();
            assertThat(configured.requests()).anySatisfy(r -> assertThat(r.query()).isEqualTo(AlertExpression.parse(EXPR).signal()));
            assertThat(configured.requests()).filteredOn(r -> r.path().endsWith("query_range")).allSatisfy(r -> {
                assertThat(r.form()).as("Prometheus' own time limit too").containsKey("timeout");
                assertThat(Long.parseLong(r.form().get("start"))).as("read around the alert, not now")
                        .isLessThan(START.getEpochSecond()).isGreaterThan(START.getEpochSecond() - 2 * 86400 - 7200);
            });
        }
    }

    private static Subject subject(String generator) {
        return Alerts.subject("HighErrorRate", "cart", START, Map.of("job", "cart", "namespace", "shop"), generator);
    }

    private static ToolFindings investigate(String url, Map<String, String> more, Subject subject) {
        Map<String, String> properties = new java.util.HashMap<>(more);
        properties.put("inquest.sources.prometheus.url", url);
        PrometheusTool tool = new PrometheusTool(Settings.with(properties), vertx);
        try {
            return tool.investigate(subject).await().atMost(Duration.ofSeconds(30));
        } finally {
            tool.close();
        }
    }

    /** One series of {@code count} points every {@code step} seconds, all at {@code value}. */
    private static String matrix(long from, long step, int count, double value) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < count; i++) {
            values.append(i == 0 ? "" : ",").append('[').append(from + i * step).append(",\"").append(value).append("\"]");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[" + values + "]}]}}";
    }
}
