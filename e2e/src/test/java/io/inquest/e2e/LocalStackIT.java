package io.inquest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.infra.FreePorts;

/**
 * The README's first command, run as an operator runs it: {@code ./local-stack up} brings the
 * whole system up, an alert becomes an emailed RCA, {@code ./local-stack down} leaves nothing
 * running. On free ports, with its state under {@code e2e/target}, and with the GreenMail
 * catcher so it needs no network. Where Prometheus and Alertmanager can be had, a real alert
 * goes through them too: load on the gateway fires {@code InquestGatewayBusy}, Alertmanager
 * delivers it, and the investigation reads what Prometheus saw.
 */
class LocalStackIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void upServesAnAlertToEmailAndDownStopsEverything() throws Exception {
        Path root = Path.of(System.getProperty("inquest.repo.root", "..")).toAbsolutePath().normalize();
        Path state = root.resolve("e2e/target/local-stack-it");
        int gatewayPort = FreePorts.next();
        Map<String, String> env = Map.of(
                "INQUEST_STATE_DIR", state.toString(),
                "INQUEST_MAIL", "greenmail",
                "GATEWAY_PORT", String.valueOf(gatewayPort),
                "INVESTIGATION_PORT", String.valueOf(FreePorts.next()),
                "NOTIFICATION_PORT", String.valueOf(FreePorts.next()),
                "KAFKA_PORT", String.valueOf(FreePorts.next()),
                "POSTGRES_PORT", String.valueOf(FreePorts.next()),
                "MAIL_SMTP_PORT", String.valueOf(FreePorts.next()),
                "PROMETHEUS_PORT", String.valueOf(FreePorts.next()),
                "ALERTMANAGER_PORT", String.valueOf(FreePorts.next()));
        try {
            Process up = script(root, env, state.resolve("up.out"), "up", "--detach");
            assertThat(up.waitFor(5, TimeUnit.MINUTES)).as("./local-stack up returns once everything is ready").isTrue();
            assertThat(up.exitValue()).as(Files.readString(state.resolve("up.out"))).isZero();
            assertThat(Files.readString(state.resolve("up.out"))).contains("Inquest is up", "curl -s -X POST http://localhost:" + gatewayPort);

            String gateway = "http://127.0.0.1:" + gatewayPort;
            HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/webhooks/generic"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofFile(Stack.fixture("generic.json"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String id = JSON.readTree(accepted.body()).path("investigations").get(0).path("id").asText();

            JsonNode investigation = await().atMost(Duration.ofSeconds(90)).until(() -> get(gateway + "/api/investigations/" + id),
                    body -> "completed".equals(body.path("status").asText())
                            && body.path("notifications").findValuesAsText("status").size() == 2
                            && body.path("notifications").findValuesAsText("status").stream().allMatch("sent"::equals));
            assertThat(investigation.path("notifications").findValuesAsText("recipient"))
                    .containsExactlyInAnyOrder("sre-team@localhost", "oncall@example.com");

            String said = Files.readString(state.resolve("up.out"));
            assertThat(said).as("says whether Prometheus runs").containsPattern("Prometheus +(http://localhost|not started)");
            if (said.contains("Alertmanager is up")) {
                aLoadedGatewayFiresARealAlertThatPrometheusExplains(gateway, state);
            }
        } finally {
            Process down = script(root, env, state.resolve("down.out"), "down");
            assertThat(down.waitFor(3, TimeUnit.MINUTES)).isTrue();
        }
        Process status = script(root, env, state.resolve("status.out"), "status");
        status.waitFor(1, TimeUnit.MINUTES);
        assertThat(Files.readString(state.resolve("status.out"))).doesNotContain("running");
        try (var pids = Files.list(state.resolve("pids"))) {
            assertThat(pids.toList()).as("no PID files left").isEmpty();
        }
    }

    /**
     * About 10 requests a second on the gateway: Prometheus scrapes them, InquestGatewayBusy
     * fires after 30 s over 2 per second, Alertmanager posts it to the gateway, and the
     * investigation's prometheus call reports the alert's signal and the surge.
     */
    private static void aLoadedGatewayFiresARealAlertThatPrometheusExplains(String gateway, Path state) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        JsonNode alert = null;
        while (alert == null && System.nanoTime() < end) {
            for (int i = 0; i < 10; i++) {
                HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/investigations?limit=1")).build(),
                        HttpResponse.BodyHandlers.discarding());
                Thread.sleep(100);
            }
            JsonNode list = get(gateway + "/api/investigations?limit=20");
            for (JsonNode item : list.path("items")) {
                if ("InquestGatewayBusy".equals(item.path("title").asText()) && "completed".equals(item.path("status").asText())) {
                    alert = item;
                }
            }
        }
        assertThat(alert).as("an InquestGatewayBusy investigation, from Prometheus through Alertmanager; see %s", state.resolve("logs"))
                .isNotNull();
        JsonNode investigation = get(gateway + "/api/investigations/" + alert.path("id").asText());
        assertThat(investigation.path("source").asText()).isEqualTo("alertmanager");
        assertThat(investigation.path("alert").path("links").path("generator").asText()).contains("g0.expr=");
        String events = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/investigations/" + alert.path("id").asText()
                + "/events")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(events).as("the prometheus tool's findings").contains("\"tool\":\"prometheus\"")
                .contains("the alert's signal sum by (job) (rate(http_server_requests_seconds_count{job=\\\"inquest-gateway\\\"}[1m]))")
                .contains("traffic surge on inquest-gateway");
    }

    private static Process script(Path root, Map<String, String> env, Path output, String... args) throws IOException {
        Files.createDirectories(output.getParent());
        List<String> command = new ArrayList<>(List.of(root.resolve("local-stack").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(env);
        builder.environment().remove("SMTP_HOST");
        builder.environment().remove("INQUEST_WEBHOOK_TOKEN");
        return builder.start();
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }
}
