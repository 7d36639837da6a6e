package io.inquest.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

class AlertmanagerServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One notification as the receiver got it. */
    record Delivery(String authorization, JsonNode body) {
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhooks/alertmanager", exchange -> {
            deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("Authorization"),
                    JSON.readTree(exchange.getRequestBody().readAllBytes())));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void alertPostedToItsApiIsDeliveredToTheWebhookWithTheBearerToken() throws Exception {
        URI webhook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/alertmanager");
        String alertname = "HighErrorRate" + Long.toHexString(System.nanoTime());
        try (AlertmanagerServer alertmanager = AlertmanagerServer.onFreePort(webhook, "s3cret-token")
                .withTiming(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofHours(1)).start()) {
            String alerts = """
                    [{"labels": {"alertname": "%s", "service": "orders-api", "severity": "critical"},
                      "annotations": {"summary": "5xx ratio above 5%%"},
                      "startsAt": "%s",
                      "generatorURL": "http://prometheus:9090/graph?g0.expr=up"}]""".formatted(alertname, Instant.now());
            HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(alertmanager.url() + "/api/v2/alerts")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(alerts)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(30)).until(() -> !deliveries.isEmpty());

            Delivery delivery = deliveries.get(0);
            assertThat(delivery.authorization()).isEqualTo("Bearer s3cret-token");
            assertThat(delivery.body().path("version").asText()).isEqualTo("4");
            assertThat(delivery.body().path("status").asText()).isEqualTo("firing");
            assertThat(delivery.body().path("alerts").get(0).path("labels").path("alertname").asText()).isEqualTo(alertname);
            assertThat(Files.readString(alertmanager.log(), StandardCharsets.UTF_8)).as("the token stays out of the log")
                    .doesNotContain("s3cret-token");
        }
    }
}
