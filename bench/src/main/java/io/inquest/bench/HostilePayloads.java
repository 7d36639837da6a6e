package io.inquest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Malformed and hostile webhooks, sent one after another at a fixed pace while the real load
 * runs. Each kind has the answer it must get; the run counts what came back per kind. None may
 * be accepted and none may fail the server (5xx).
 */
final class HostilePayloads {

    /** One kind of bad request and the status the gateway must answer it with. */
    private record Kind(String name, int expected, IntFunction<HttpRequest> request) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Kind> kinds;
    /** Kind → status → count. */
    final Map<String, Map<Integer, Integer>> answers = new TreeMap<>();
    int unexpected;

    HostilePayloads(String gatewayUrl, String token) {
        URI alertmanager = URI.create(gatewayUrl + "/webhooks/alertmanager");
        URI generic = URI.create(gatewayUrl + "/webhooks/generic");
        String oversized = "{\"title\":\"big\",\"description\":\"" + "x".repeat(1_100_000) + "\"}";
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        kinds = List.of(
                new Kind("not JSON", 400, i -> post(alertmanager, token, "application/json", "{\"alerts\": [ {\"status\": ")),
                new Kind("JSON array instead of object", 400, i -> post(alertmanager, token, "application/json", "[1,2,3]")),
                new Kind("alert without labels", 400, i -> post(alertmanager, token, "application/json",
                        "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"startsAt\":\"" + Instant.now()
                                + "\",\"fingerprint\":\"h" + i + "\"}]}")),
                new Kind("alert with an unknown status", 400, i -> post(alertmanager, token, "application/json",
                        "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"exploding\",\"labels\":{\"alertname\":\"X\"},"
                                + "\"fingerprint\":\"h" + i + "\"}]}")),
                new Kind("generic alert without title", 400, i -> post(generic, token, "application/json",
                        "{\"service\":\"svc\",\"severity\":\"critical\"}")),
                new Kind("body over the 1 MiB limit", 413, i -> post(generic, token, "application/json", oversized)),
                new Kind("nesting 5,000 deep", 400, i -> post(generic, token, "application/json", deep)),
                new Kind("wrong token", 401, i -> post(generic, "not-the-token", "application/json",
                        "{\"title\":\"t\",\"service\":\"s\"}")),
                new Kind("no token", 401, i -> HttpRequest.newBuilder(generic).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"t\",\"service\":\"s\"}")).build()),
                new Kind("text/plain body", 415, i -> post(generic, token, "text/plain", "{\"title\":\"t\",\"service\":\"s\"}")));
    }

    /** Sends {@code count} bad requests, cycling through the kinds, spread evenly over {@code duration}. */
    void send(int count, Duration duration) throws InterruptedException {
        long periodNanos = duration.toNanos() / count;
        long began = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = began + i * periodNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Kind kind = kinds.get(i % kinds.size());
            int status;
            try {
                status = http.send(kind.request.apply(i), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (java.io.IOException e) {
                status = -1;
            }
            synchronized (this) {
                answers.computeIfAbsent(kind.name + " (expects " + kind.expected + ")", k -> new TreeMap<>()).merge(status, 1, Integer::sum);
                if (status != kind.expected) {
                    unexpected++;
                }
            }
        }
    }

    private static HttpRequest post(URI uri, String token, String contentType, String body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
