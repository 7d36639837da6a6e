package io.inquest.bench.rca;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.infra.FreePorts;
import io.inquest.infra.KafkaBroker;
import io.inquest.infra.PostgresServer;
import io.inquest.infra.PrometheusServer;
import io.inquest.infra.ServiceProcess;

/**
 * Everything a scenario runs against, on 127.0.0.1. Started once: a real Kafka broker,
 * PostgreSQL, the packaged gateway (with a bearer token), a real Prometheus and the Kubernetes
 * stand-in. Per scenario ({@link #load}), so nothing of one scenario reaches another: Prometheus
 * restarted on its port with only that scenario's metrics, the stand-in serving only its objects
 * and logs, a new database, the investigation-service's consumer groups moved to the end of every
 * topic, and the investigation-service restarted on its port over them. {@link #close()} stops
 * all of it, also when the JVM is told to end.
 */
final class ScenarioServers implements AutoCloseable {

    static final String TOKEN = "rca-" + Long.toHexString(System.nanoTime());
    /** What the gateway presents to the investigation-service, which requires it. */
    private static final String SERVICE_TOKEN = "rca-service-" + Long.toHexString(System.nanoTime());
    /** The investigation-service's consumer group (requests and changes). */
    private static final String INVESTIGATION_GROUP = "inquest-investigation-service";
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");
    private static final Duration READY = Duration.ofMinutes(3);

    private final Path root;
    private final Path logs;
    private final Duration timeLimit;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<AutoCloseable> started = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread onExit = new Thread(this::closeQuietly, "stop-scenario-servers");

    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final PrometheusServer prometheus;
    private final KubernetesStandIn kubernetes;
    private final LokiStandIn loki;
    private final ServiceProcess gateway;
    private final int investigationPort = FreePorts.next();
    private ServiceProcess investigations;
    private String database;
    private int loaded;

    /** Starts the long-lived servers; {@code timeLimit} bounds each investigation. */
    ScenarioServers(Path root, Path logs, Duration timeLimit) throws Exception {
        this.root = root;
        this.logs = logs;
        this.timeLimit = timeLimit;
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            kafka = keep(KafkaBroker.onFreePorts().start());
            postgres = keep(PostgresServer.onFreePort().start());
            prometheus = keep(PrometheusServer.onFreePort());
            kubernetes = keep(KubernetesStandIn.start());
            loki = keep(LokiStandIn.start());
            gateway = keep(ServiceProcess.start(root, "gateway", FreePorts.next(), Map.of(
                    "QUARKUS_HTTP_HOST", "127.0.0.1",
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "INQUEST_WEBHOOK_TOKEN", TOKEN,
                    "INQUEST_SERVICE_TOKEN", SERVICE_TOKEN,
                    "INQUEST_INVESTIGATION_SERVICE_URL", "http://127.0.0.1:" + investigationPort,
                    // No notification-service here: a closed port, so the read path answers without deliveries at once.
                    "INQUEST_NOTIFICATION_SERVICE_URL", "http://127.0.0.1:" + FreePorts.next()), logs));
            gateway.awaitReady(READY);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    String prometheusUrl() {
        return prometheus.url();
    }

    KubernetesStandIn kubernetes() {
        return kubernetes;
    }

    /** Loads one scenario's data into fresh servers and starts the investigation-service over them. */
    void load(Scenario scenario, String name, Consumer<String> warnings) throws Exception {
        stopInvestigations();
        prometheus.stop();
        prometheus.clearData();
        scenario.metrics().ifPresent(prometheus::backfill);
        prometheus.start();
        ClusterSnapshot snapshot = scenario.kubernetes().map(file -> ClusterSnapshot.read(file, warnings))
                .orElse(ClusterSnapshot.empty());
        PodLogs podLogs = scenario.logs().map(file -> PodLogs.read(file, warnings)).orElse(PodLogs.none());
        kubernetes.serve(snapshot, podLogs);
        loki.serve(podLogs);
        skipEarlierRecords();
        loaded++;
        database = postgres.createDatabase("inquest_rca_" + loaded);
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        // Restarted for every scenario: the C1 compiler alone starts it sooner, and its runs are short.
        env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        env.put("INQUEST_INVESTIGATIONS_TIME_LIMIT", timeLimit.toSeconds() + "s");
        env.put("INQUEST_SERVICE_TOKEN", SERVICE_TOKEN);
        env.put("INQUEST_SOURCES_PROMETHEUS_URL", prometheus.url());
        env.put("INQUEST_SOURCES_KUBERNETES_ENABLED", "true");
        env.put("INQUEST_SOURCES_LOKI_URL", loki.url());
        // The stand-ins share two cores with everything else here: give a busy machine time to answer.
        env.put("INQUEST_SOURCES_KUBERNETES_REQUEST_TIMEOUT", "20s");
        env.put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", kubernetes.url());
        env.put("QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true");
        env.put("QUARKUS_KUBERNETES_CLIENT_NAMESPACE", "default");
        env.put("QUARKUS_KUBERNETES_CLIENT_NO_PROXY", "127.0.0.1,localhost");
        Path log = logs.resolve("investigation-service-" + investigationPort + ".log");
        Files.createDirectories(logs);
        Files.writeString(log, "\n===== scenario " + name + " =====\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        investigations = ServiceProcess.start(root, "investigation-service", investigationPort, env, logs);
        investigations.awaitReady(READY);
    }

    /**
     * Posts every body of {@code changes.json} to {@code /webhooks/changes} and waits until the
     * investigation-service has stored each one, so the investigation can see them.
     */
    void postChanges(Scenario scenario, Duration timeout) throws Exception {
        if (scenario.changes().isEmpty()) {
            return;
        }
        JsonNode changes = json.readTree(scenario.changes().get().toFile());
        List<JsonNode> bodies = new ArrayList<>();
        if (changes.isArray()) {
            changes.forEach(bodies::add);
        } else {
            bodies.add(changes);
        }
        Map<String, String> pending = new HashMap<>();
        for (int i = 0; i < bodies.size(); i++) {
            HttpResponse<String> answer = post("/webhooks/changes", json.writeValueAsBytes(bodies.get(i)));
            if (answer.statusCode() != 202) {
                throw new IllegalStateException("changes.json[" + i + "] was refused: " + answer.statusCode() + " " + answer.body());
            }
            pending.put(json.readTree(answer.body()).path("id").asText(), bodies.get(i).path("service").asText().trim());
        }
        Instant deadline = Instant.now().plus(timeout);
        while (!pending.isEmpty()) {
            for (String service : Set.copyOf(pending.values())) {
                HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create(investigations.baseUrl()
                        + "/changes?limit=200&service=" + URLEncoder.encode(service, StandardCharsets.UTF_8)))
                        .header("Authorization", "Bearer " + SERVICE_TOKEN).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (stored.statusCode() == 200) {
                    json.readTree(stored.body()).forEach(change -> pending.remove(change.path("id").asText()));
                }
            }
            if (!pending.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the investigation-service did not store the changes " + pending.keySet()
                            + " within " + timeout);
                }
                Thread.sleep(200);
            }
        }
    }

    /** Sends {@code alert.json} byte for byte to {@code /webhooks/<source>}; the first investigation id of the answer. */
    String postAlert(Scenario scenario) throws Exception {
        HttpResponse<String> answer = post("/webhooks/" + scenario.source(), scenario.alert());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("the gateway refused alert.json: " + answer.statusCode() + " " + answer.body());
        }
        JsonNode started = json.readTree(answer.body()).path("investigations");
        if (started.isEmpty()) {
            throw new IllegalStateException("the gateway accepted alert.json but started no investigation (only resolved alerts?)");
        }
        return started.get(0).path("id").asText();
    }

    /** {@code GET /api/investigations/{id}} once it is completed, failed or cancelled; the last answer after {@code timeout}. */
    JsonNode awaitOutcome(String id, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = json.createObjectNode().put("status", "not found");
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/investigations/" + id))
                    .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                last = json.readTree(answer.body());
                if (TERMINAL.contains(last.path("status").asText())) {
                    return last;
                }
            }
            Thread.sleep(500);
        }
        return json.createObjectNode().put("status",
                "still " + last.path("status").asText() + " after " + timeout.toSeconds() + " s");
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is what is running this.
        }
        try {
            stopInvestigations();
        } catch (Exception e) {
            System.err.println("stopping the investigation-service failed: " + e);
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping " + started.get(i).getClass().getSimpleName() + " failed: " + e);
            }
        }
    }

    private void closeQuietly() {
        close();
    }

    private <T extends AutoCloseable> T keep(T server) {
        started.add(server);
        return server;
    }

    private HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void stopInvestigations() throws InterruptedException {
        if (investigations != null) {
            investigations.close();
            investigations = null;
        }
        if (database != null) {
            postgres.dropDatabase(database);
            database = null;
        }
    }

    /**
     * Moves the stopped investigation-service's consumer groups to the end of every topic, so
     * the next instance, on its fresh database, never reads a request or a change of an earlier
     * scenario, even one the last instance read without committing.
     */
    private void skipEarlierRecords() throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            // A stopped instance leaves its group at once; one that was killed is dropped after the session time-out.
            while (hasMembers(admin, INVESTIGATION_GROUP)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the consumer group " + INVESTIGATION_GROUP + " still has members");
                }
                Thread.sleep(500);
            }
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (topics.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end
                    : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
                ends.put(end.getKey(), new OffsetAndMetadata(end.getValue().offset()));
            }
            Set<String> groups = new HashSet<>(Set.of(INVESTIGATION_GROUP));
            for (GroupListing group : admin.listGroups().all().get(30, TimeUnit.SECONDS)) {
                // Other groups of the stopped service are empty too; the gateway's have members and are left alone.
                if (group.groupState().filter(state -> state == GroupState.EMPTY).isPresent()) {
                    groups.add(group.groupId());
                }
            }
            for (String group : groups) {
                admin.alterConsumerGroupOffsets(group, ends).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static boolean hasMembers(Admin admin, String group) throws Exception {
        try {
            GroupState state = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).groupState();
            return state != GroupState.EMPTY && state != GroupState.DEAD;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false;
            }
            throw e;
        }
    }
}
