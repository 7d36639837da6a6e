package io.inquest.bench.rca;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Loki stand-in answers query_range the way Loki does: selector, line filter, time range, limit, direction. */
class LokiStandInTest {

    @Test
    void aSelectorAndALineFilterPickTheWorkloadsErrorLinesInTheRangeOldestFirst() throws Exception {
        Path jsonl = Files.createTempFile("logs", ".jsonl");
        Files.writeString(jsonl, String.join("\n",
                "{\"labels\":{\"namespace\":\"vm\",\"pod\":\"pg-analytics-01\",\"app\":\"postgres\"},\"time\":\"2026-05-01T10:00:00Z\",\"line\":\"LOG: checkpoint starting\"}",
                "{\"labels\":{\"namespace\":\"vm\",\"pod\":\"pg-analytics-01\",\"app\":\"postgres\"},\"time\":\"2026-05-01T10:01:00Z\",\"line\":\"ERROR: could not extend file: No space left on device\"}",
                "{\"labels\":{\"namespace\":\"vm\",\"pod\":\"pg-analytics-01\",\"app\":\"postgres\"},\"time\":\"2026-05-01T10:02:00Z\",\"line\":\"ERROR: could not write to file: No space left on device\"}",
                "{\"labels\":{\"namespace\":\"other\",\"pod\":\"web-1\",\"app\":\"web\"},\"time\":\"2026-05-01T10:01:30Z\",\"line\":\"ERROR: unrelated\"}",
                "{\"labels\":{\"namespace\":\"vm\",\"pod\":\"pg-analytics-01\",\"app\":\"postgres\"},\"time\":\"2026-05-01T11:00:00Z\",\"line\":\"ERROR: after the range\"}"));
        try (LokiStandIn loki = LokiStandIn.start()) {
            loki.serve(PodLogs.read(jsonl, warning -> { }));

            JsonNode answer = query(loki, "{namespace=\"vm\", app=~\"post.*\"} |~ \"(?i)error\"",
                    "2026-05-01T09:00:00Z", "2026-05-01T10:30:00Z", "forward");

            assertThat(answer.path("status").asText()).isEqualTo("success");
            JsonNode values = answer.path("data").path("result").get(0).path("values");
            assertThat(values).hasSize(2);
            assertThat(values.get(0).get(1).asText()).contains("could not extend file");
            assertThat(values.get(0).get(0).asText()).isEqualTo("1777629660000000000");
            assertThat(answer.path("data").path("result").get(0).path("stream").path("pod").asText()).isEqualTo("pg-analytics-01");
            assertThat(loki.queries()).isEqualTo(1);
        }
    }

    private static JsonNode query(LokiStandIn loki, String logql, String start, String end, String direction) throws Exception {
        String uri = loki.url() + "/loki/api/v1/query_range?query=" + URLEncoder.encode(logql, StandardCharsets.UTF_8)
                + "&start=" + start + "&end=" + end + "&limit=100&direction=" + direction;
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
