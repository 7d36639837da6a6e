package io.inquest.bench.rca;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * {@code bench/run rca} over this module's three test scenarios, across the real servers: Kafka,
 * PostgreSQL, Prometheus, the packaged gateway and investigation-service, and the Kubernetes
 * stand-in. The engine is being rewritten, so this checks what the runner owes: each scenario's
 * data is what the servers serve (and only its data), each investigation ends, and the rows and
 * the summary are printed and written as Markdown. Whether the engine finds the causes is the
 * suite's figure, not this test's verdict.
 */
class RcaSuiteIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OOM_ALERT_TIME = "2026-05-12T10:05:00Z";

    /** What was seen of one scenario while it ran. */
    record Seen(int pods, String previousLogOfFirstPod, int memorySeriesAtTheOomAlert, String investigationStatus,
            Map<String, Integer> requests) {
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void everyScenarioIsLoadedIntoTheServersInvestigatedAndReportedInTheTable(@TempDir Path out) throws Exception {
        Path root = Path.of(System.getProperty("inquest.repo.root")).toAbsolutePath().normalize();
        Path scenarios = Path.of(getClass().getResource("/rca-scenarios").toURI());
        Map<String, Seen> seen = new ConcurrentHashMap<>();
        Map<String, Seen> loaded = new ConcurrentHashMap<>();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Path markdown = out.resolve("rca-results.md");

        int exit = ScenarioSuite.run(new ScenarioSuite.Settings(root, List.of(scenarios), true, Duration.ofMinutes(2), markdown,
                "test machine"), new PrintStream(printed, true, StandardCharsets.UTF_8), new ScenarioSuite.Observer() {
                    @Override
                    public void loaded(Scenario scenario, ScenarioServers servers) throws Exception {
                        loaded.put(scenario.dir().getFileName().toString(), observe(servers, null));
                    }

                    @Override
                    public void judged(Verdict verdict, JsonNode investigation, ScenarioServers servers) throws Exception {
                        String name = Path.of(verdict.scenario()).getFileName().toString();
                        Seen before = loaded.get(name);
                        seen.put(name, new Seen(before.pods(), before.previousLogOfFirstPod(), before.memorySeriesAtTheOomAlert(),
                                investigation == null ? "none" : investigation.path("status").asText(),
                                servers.kubernetes().requestCounts()));
                    }
                });
        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        seen.forEach((name, s) -> System.out.println(name + ": Kubernetes API requests " + s.requests()));

        assertThat(seen).containsOnlyKeys("checkout-api-heap", "search-indexer-insufficient-cpu", "payments-api-missing-env");
        assertThat(seen.values()).as("every investigation ended with a report").extracting(Seen::investigationStatus)
                .containsOnly("completed");
        Seen oom = seen.get("checkout-api-heap");
        assertThat(oom.pods()).isEqualTo(2);
        assertThat(oom.previousLogOfFirstPod()).contains("G1 Compaction Pause");
        assertThat(oom.memorySeriesAtTheOomAlert()).as("the backfilled metrics, months old").isEqualTo(2);
        assertThat(oom.requests()).containsKey("GET /api/v1/namespaces/shop/pods/checkout-api-7d9f8b6c5d-x2kqp/log");
        Seen pending = seen.get("search-indexer-insufficient-cpu");
        assertThat(pending.pods()).as("only this scenario's pods").isEqualTo(3);
        assertThat(pending.memorySeriesAtTheOomAlert()).as("nothing left of the OOM scenario in Prometheus").isZero();
        assertThat(seen.get("payments-api-missing-env").pods()).isEqualTo(1);

        List<String> rows = output.lines().filter(l -> l.matches("(PASS|FAIL)  .*")).toList();
        assertThat(rows).hasSize(3).allSatisfy(row -> assertThat(row)
                .matches("(PASS|FAIL)  \\S+/(oom|pending|crashloop)/[a-z-]+ +expected [a-z_]+ +given .+"));
        String summary = output.lines().filter(l -> l.matches("\\d+ passed, \\d+ failed")).findFirst().orElseThrow();
        long passed = rows.stream().filter(r -> r.startsWith("PASS")).count();
        assertThat(summary).isEqualTo(passed + " passed, " + (3 - passed) + " failed");
        assertThat(exit).isEqualTo(passed == 3 ? 0 : 1);
        assertThat(Files.readString(markdown)).contains("| verdict | scenario | expected | given (validity) | missing / forbidden |")
                .contains("`" + Path.of(rows.get(0).split(" +")[1])).contains("**" + summary + "**");
    }

    /** What the servers serve right after a scenario was loaded, asked the way the investigation-service asks. */
    private static Seen observe(ScenarioServers servers, String status) throws Exception {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(servers.kubernetes().url()).withRequestRetryBackoffLimit(0)
                .build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
            String previous = "";
            for (Pod pod : pods) {
                if (pod.getStatus().getContainerStatuses() != null && pod.getStatus().getContainerStatuses().stream()
                        .anyMatch(c -> c.getLastState() != null && c.getLastState().getTerminated() != null)) {
                    String container = pod.getStatus().getContainerStatuses().get(0).getName();
                    previous = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                            .inContainer(container).terminated().getLog();
                    break;
                }
            }
            String query = URLEncoder.encode("container_memory_working_set_bytes{namespace=\"shop\"}", StandardCharsets.UTF_8);
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(servers.prometheusUrl()
                    + "/api/v1/query?query=" + query + "&time=" + OOM_ALERT_TIME)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            int series = JSON.readTree(answer.body()).path("data").path("result").size();
            return new Seen(pods.size(), previous, series, status, Map.of());
        }
    }
}
