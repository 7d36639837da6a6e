package io.inquest.investigation.engine.tools.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.inquest.events.Alert;
import io.inquest.events.Severity;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Symptom;
import io.inquest.investigation.engine.Target;
import io.vertx.mutiny.core.Vertx;

/** The Loki client on its own: what it refuses to read as an answer, and a Loki that is not there. */
class LokiLogsTest {

    private static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void close() {
        VERTX.closeAndAwait();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{\"status\":\"error\",\"error\":\"parse error at line 1\"}",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[{\"stream\":{}}]}}",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[{\"stream\":{},\"values\":[[\"soon\",\"x\"]]}]}}"})
    void anAnswerThatIsNotAQueryRangeResultIsRefused(String body) {
        assertThatThrownBy(() -> LokiLogs.lines(body, "pod", "container")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Loki");
    }

    @Test
    void timesAreNanosecondsSinceTheEpoch() {
        var lines = LokiLogs.lines("{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[{\"stream\":{\"pod\":\"p-1\","
                + "\"container\":\"c\"},\"values\":[[\"1772618280123456789\",\"boom\"]]}]}}", "pod", "container");

        assertThat(lines).containsExactly(new LogLine(Instant.parse("2026-03-04T09:58:00.123456789Z"), "p-1", "c", false, "boom", "loki"));
        assertThat(LokiLogs.nanos(Instant.parse("2026-03-04T09:58:00.123456789Z"))).isEqualTo("1772618280123456789");
    }

    @Test
    void anUnreachableLokiFailsWithItsAddress() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        LokiLogs loki = new LokiLogs(loki("http://127.0.0.1:" + closed), settings(), VERTX);
        Alert alert = new Alert("generic", "x", null, null, Severity.CRITICAL, "cart", Map.of(), Map.of(), Map.of(),
                Instant.parse("2026-03-04T10:00:00Z"), null, null);
        Subject subject = new Subject("inq-x", alert, Symptom.UNKNOWN, new Target("shop", "cart", "cart", null, null, null));

        assertThatThrownBy(() -> loki.read(subject, alert.startsAt().minusSeconds(60), alert.startsAt()).await().atMost(Duration.ofSeconds(20)))
                .hasMessageContaining("Loki at http://127.0.0.1:" + closed).hasMessageContaining("refused");
    }

    @Test
    void theSelectorNamesTheNamespaceAndAppOrElseThePod() {
        LokiLogs loki = new LokiLogs(loki("http://loki:3100"), settings(), VERTX);

        assertThat(loki.query(new Target("shop", "cart", "cart", null, null, null))).get().asString()
                .startsWith("{namespace=\"shop\", app=\"cart\"} |~ ");
        assertThat(loki.query(new Target(null, null, null, "cart-7d9f-x2k4q", null, null))).get().asString()
                .startsWith("{pod=\"cart-7d9f-x2k4q\"}");
        assertThat(loki.query(new Target("shop", null, null, null, null, "node-1"))).isEmpty();
    }

    private static LokiSettings loki(String url) {
        return settings(LokiSettings.class, Map.of("url", Optional.of(URI.create(url)), "tenant", Optional.empty(), "namespaceLabel", "namespace",
                "appLabel", "app", "podLabel", "pod", "containerLabel", "container", "errorLinesOnly", true));
    }

    private static LogSettings settings() {
        return settings(LogSettings.class, Map.of("before", Duration.ofMinutes(30), "after", Duration.ofMinutes(10), "maxLines", 100,
                "maxBytes", 1 << 20, "maxPods", 5, "maxPatterns", 5, "timeout", Duration.ofSeconds(2)));
    }

    /**
     * A settings interface answering from a map. A proxy, not a class: a class implementing it would
     * carry its validation annotations into the application's beans when Quarkus indexes the tests.
     */
    private static <T> T settings(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (!values.containsKey(method.getName())) {
                throw new IllegalArgumentException("no test value for " + method.getName());
            }
            return values.get(method.getName());
        }));
    }
}
