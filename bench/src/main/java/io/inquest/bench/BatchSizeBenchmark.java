package io.inquest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.inquest.events.Topics;
import io.inquest.infra.FreePorts;
import io.inquest.infra.KafkaBroker;
import io.inquest.infra.ServiceProcess;
import io.inquest.infra.TopicReader;

/**
 * The largest Alertmanager webhook the gateway takes: one request of N alerts shaped like the
 * fixture's (distinct fingerprints), for growing N, against the packaged gateway and a real
 * broker. Reports the body size, the answer, the time to the answer, and for the largest
 * accepted request how many investigations reached the topic.
 */
public final class BatchSizeBenchmark {

    private BatchSizeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        Path root = Path.of(options.text("root", ".")).toAbsolutePath().normalize();
        ObjectMapper json = new ObjectMapper();
        ObjectNode fixture = (ObjectNode) json.readTree(Files.readString(root.resolve("fixtures/alertmanager-v4.json")));

        try (KafkaBroker kafka = KafkaBroker.onFreePorts().start();
                ServiceProcess gateway = ServiceProcess.start(root, "gateway", FreePorts.next(), Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                        "INQUEST_ALLOW_UNAUTHENTICATED", "true"), root.resolve("bench/target/logs"))) {
            gateway.awaitReady(Duration.ofMinutes(2));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create(gateway.baseUrl() + "/webhooks/alertmanager");
            System.out.println("## Largest Alertmanager payload (" + Machine.describe() + ")");
            System.out.println("| alerts per request | body KiB | answer | ms to the answer | investigations in the answer |");
            System.out.println("|---|---|---|---|---|");
            int largestAccepted = 0;
            Set<String> acceptedIds = new HashSet<>();
            for (int alerts : new int[] {1, 100, 500, 900, 1_000, 1_001, 1_100, 1_200}) {
                String body = payload(json, fixture, alerts);
                long began = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(1))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                double millis = (System.nanoTime() - began) / 1e6;
                JsonNode answer = json.readTree(response.body());
                int investigations = answer.path("investigations").size();
                String detail = response.statusCode() == 202 ? "202"
                        : response.statusCode() + " " + answer.path("detail").asText(answer.path("title").asText());
                System.out.printf("| %d | %.0f | %s | %.0f | %d |%n", alerts, body.getBytes(StandardCharsets.UTF_8).length / 1024.0,
                        detail.replace('|', '/'), millis, investigations);
                if (response.statusCode() == 202) {
                    largestAccepted = alerts;
                    answer.path("investigations").forEach(ref -> acceptedIds.add(ref.path("id").asText()));
                }
            }
            Set<String> published = new HashSet<>();
            TopicReader.readToEnd(kafka.bootstrapServers(), Topics.INVESTIGATION_REQUESTS, Duration.ofMinutes(1))
                    .forEach(r -> published.add(r.key()));
            System.out.printf("largest accepted: %d alerts per request; investigations answered %d, on the topic %d%n",
                    largestAccepted, acceptedIds.size(), published.size());
        }
    }

    private static String payload(ObjectMapper json, ObjectNode fixture, int alerts) {
        ObjectNode body = fixture.deepCopy();
        JsonNode template = fixture.path("alerts").get(0);
        ArrayNode list = body.putArray("alerts");
        for (int i = 0; i < alerts; i++) {
            ObjectNode alert = template.deepCopy();
            alert.put("fingerprint", String.format("%08x%08x", alerts, i));
            ((ObjectNode) alert.path("labels")).put("instance", "api-" + i + ":8080");
            list.add(alert);
        }
        return body.toString();
    }
}
