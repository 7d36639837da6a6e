package io.inquest.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class PrometheusServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void samplesBackfilledMonthsAgoAreQueryableNextToRecentOnes(@TempDir Path dir) throws Exception {
        Instant monthsAgo = Instant.now().minus(Duration.ofDays(120));
        Instant hoursAgo = Instant.now().minus(Duration.ofHours(3));
        try (PrometheusServer prometheus = PrometheusServer.onFreePort()) {
            // With the default 15-day retention, Prometheus deletes the old block at start because a newer one exists.
            prometheus.backfill(counter(dir.resolve("old.om"), "orders-api", monthsAgo, 3));
            prometheus.backfill(counter(dir.resolve("recent.om"), "billing", hoursAgo, 5));
            prometheus.start();

            JsonNode old = queryRange(prometheus, "rate(http_requests_total{service=\"orders-api\"}[2m])", monthsAgo,
                    monthsAgo.plus(Duration.ofMinutes(30)));
            JsonNode recent = queryRange(prometheus, "http_requests_total{service=\"billing\"}", hoursAgo,
                    hoursAgo.plus(Duration.ofMinutes(30)));

            assertThat(old.path("data").path("result")).as("the series of 120 days ago, as a rate").hasSize(1);
            assertThat(old.path("data").path("result").get(0).path("values").get(5).get(1).asDouble()).isCloseTo(0.2, within(1e-9));
            assertThat(recent.path("data").path("result")).as("the recent series").hasSize(1);
        }
    }

    @Test
    void restartedWithFreshDataOnTheSamePortServesOnlyTheNewData(@TempDir Path dir) throws Exception {
        Instant monthsAgo = Instant.now().minus(Duration.ofDays(90));
        try (PrometheusServer prometheus = PrometheusServer.onFreePort()) {
            prometheus.backfill(counter(dir.resolve("first.om"), "first", monthsAgo, 1)).start();
            String url = prometheus.url();

            prometheus.stop();
            prometheus.clearData().backfill(counter(dir.resolve("second.om"), "second", monthsAgo, 1)).start();

            assertThat(prometheus.url()).isEqualTo(url);
            JsonNode all = queryRange(prometheus, "http_requests_total", monthsAgo, monthsAgo.plus(Duration.ofMinutes(30)));
            assertThat(all.path("data").path("result")).extracting(r -> r.path("metric").path("service").asText())
                    .containsExactly("second");
        }
    }

    @Test
    void malformedOpenMetricsFailsWithPromtoolsReason(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.om"), "http_requests_total{service=\"x\"} 1 1700000000\n");
        try (PrometheusServer prometheus = PrometheusServer.onFreePort()) {
            assertThatThrownBy(() -> prometheus.backfill(broken)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("promtool could not backfill").hasMessageContaining(broken.toString());
        }
    }

    @Test
    void backfillIsRefusedWhileRunning(@TempDir Path dir) throws Exception {
        try (PrometheusServer prometheus = PrometheusServer.onFreePort().start()) {
            Path file = counter(dir.resolve("late.om"), "late", Instant.now().minus(Duration.ofDays(1)), 1);
            assertThatThrownBy(() -> prometheus.backfill(file)).hasMessageContaining("stopped");
        }
    }

    /** A counter sampled every 15 s for an hour from {@code start}, rising by {@code step} each time. */
    private static Path counter(Path file, String service, Instant start, int step) throws Exception {
        List<String> lines = new ArrayList<>(List.of("# HELP http_requests Requests served.", "# TYPE http_requests counter"));
        for (int i = 0; i < 240; i++) {
            lines.add("http_requests_total{service=\"" + service + "\",code=\"500\"} " + (i * step) + " "
                    + (start.getEpochSecond() + i * 15L));
        }
        lines.add("# EOF");
        return Files.write(file, lines);
    }

    private static JsonNode queryRange(PrometheusServer prometheus, String query, Instant from, Instant to) throws Exception {
        URI uri = URI.create(prometheus.url() + "/api/v1/query_range?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&start=" + from.getEpochSecond() + "&end=" + to.getEpochSecond() + "&step=60");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
