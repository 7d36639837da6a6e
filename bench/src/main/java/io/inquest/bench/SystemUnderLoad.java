package io.inquest.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.inquest.infra.FreePorts;
import io.inquest.infra.KafkaBroker;
import io.inquest.infra.MailServer;
import io.inquest.infra.PostgresServer;
import io.inquest.infra.ServiceProcess;

/**
 * The whole system on 127.0.0.1 for load and fault runs: a real Kafka broker, PostgreSQL (its
 * data in a folder of its own, so it can be restarted), GreenMail, the packaged gateway, and
 * one or more instances of the investigation- and notification-service in the same consumer
 * groups. Every component can be stopped and started again; {@link #close()} stops them all.
 */
final class SystemUnderLoad implements AutoCloseable {

    static final String TOKEN = "bench-" + Long.toHexString(System.nanoTime());
    /** What the gateway presents to the internal services, which require it. */
    static final String SERVICE_TOKEN = "bench-service-" + Long.toHexString(System.nanoTime());
    static final String RECIPIENT = "oncall@bench.local";
    /** Flyway's first connection at start-up may wait longer than the default 5 s when the machine is busy. */
    private static final Map<String, String> PATIENT_STARTUP = Map.of("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "60S");

    final KafkaBroker kafka;
    final PostgresServer postgres;
    final MailServer mail;
    /** Replaced when a fault run kills and restarts the gateway. */
    private volatile ServiceProcess gateway;
    private final int gatewayPort;
    private final Map<String, String> gatewayEnv;
    private final List<ServiceProcess> investigations = new ArrayList<>();
    private final List<ServiceProcess> notifications = new ArrayList<>();
    private final List<Integer> investigationPorts = new ArrayList<>();
    private final List<Integer> notificationPorts = new ArrayList<>();
    private final Map<String, String> investigationEnv;
    private final Map<String, String> notificationEnv;
    private final Path root;
    private final Path logs;
    private final AtomicBoolean closed = new AtomicBoolean();
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Integer> livenessFailures = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> livenessRestarts = new ArrayList<>();
    /** Stops everything when the JVM is told to end (a time-out of the runner), so nothing is left running. */
    private final Thread onExit = new Thread(this::stopQuietly, "stop-system-under-load");

    SystemUnderLoad(Path root, int instances, int partitions, Map<String, String> investigationSettings) throws Exception {
        this(root, instances, partitions, investigationSettings, Map.of());
    }

    /** {@code notificationSettings}: environment for the notification-service on top of the run's own (a fault run's retry schedule). */
    SystemUnderLoad(Path root, int instances, int partitions, Map<String, String> investigationSettings,
            Map<String, String> notificationSettings) throws Exception {
        this.root = root;
        this.logs = root.resolve("bench/target/logs");
        KafkaBroker startedKafka = null;
        PostgresServer startedPostgres = null;
        MailServer startedMail = null;
        try {
            // Kept before starting, so a start that fails (not ready in time) still stops its process below.
            startedKafka = KafkaBroker.onFreePorts(partitions);
            startedKafka.start();
            startedPostgres = PostgresServer.restartableOnFreePort();
            startedPostgres.start();
            startedMail = MailServer.smtpOnFreePort();
            startedMail.start();
        } catch (RuntimeException e) {
            for (AutoCloseable started : new AutoCloseable[] {startedMail, startedPostgres, startedKafka}) {
                if (started != null) {
                    started.close();
                }
            }
            throw e;
        }
        kafka = startedKafka;
        postgres = startedPostgres;
        mail = startedMail;
        String investigationDb = postgres.createDatabase("inquest_investigation");
        String notificationDb = postgres.createDatabase("inquest_notification");
        Map<String, String> env = new HashMap<>(investigationSettings);
        env.putAll(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(investigationDb),
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(investigationDb),
                "INQUEST_SERVICE_TOKEN", SERVICE_TOKEN));
        env.putAll(PATIENT_STARTUP);
        investigationEnv = Map.copyOf(env);
        Map<String, String> notification = new HashMap<>(notificationSettings);
        notification.putAll(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(notificationDb),
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(notificationDb),
                "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", String.valueOf(mail.port()),
                "SMTP_SECURITY", "none",
                "SMTP_FROM_ADDRESS", "inquest@bench.local",
                "SMTP_DEFAULT_TO", RECIPIENT,
                "INQUEST_SERVICE_TOKEN", SERVICE_TOKEN));
        notification.putAll(PATIENT_STARTUP);
        notificationEnv = Map.copyOf(notification);
        gatewayPort = FreePorts.next();
        ServiceProcess startedGateway = null;
        try {
            for (int i = 0; i < instances; i++) {
                investigationPorts.add(FreePorts.next());
                investigations.add(ServiceProcess.start(root, "investigation-service", investigationPorts.get(i), investigationEnv, logs));
                // One at a time: on a busy machine, services starting together time out on their first database connection.
                investigations.get(i).awaitReady(Duration.ofMinutes(3));
                notificationPorts.add(FreePorts.next());
                notifications.add(ServiceProcess.start(root, "notification-service", notificationPorts.get(i), notificationEnv, logs));
                notifications.get(i).awaitReady(Duration.ofMinutes(3));
            }
        } catch (Exception | Error e) {
            stopServicesAndInfrastructure();
            throw e;
        }
        gatewayEnv = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "INQUEST_WEBHOOK_TOKEN", TOKEN,
                    "INQUEST_SERVICE_TOKEN", SERVICE_TOKEN,
                    // The load is the point here; the per-source limit (50/s by default) would cap it.
                    "INQUEST_RATE_LIMIT_PER_SECOND", "5000",
                    "INQUEST_RATE_LIMIT_BURST", "5000",
                    "INQUEST_INVESTIGATION_SERVICE_URL", investigations.get(0).baseUrl(),
                    "INQUEST_NOTIFICATION_SERVICE_URL", notifications.get(0).baseUrl());
        try {
            startedGateway = ServiceProcess.start(root, "gateway", gatewayPort, gatewayEnv, logs);
            gateway = startedGateway;
            Runtime.getRuntime().addShutdownHook(onExit);
            for (ServiceProcess service : services()) {
                service.awaitReady(Duration.ofMinutes(3));
            }
        } catch (Exception | Error e) {
            if (startedGateway != null) {
                startedGateway.close();
            }
            stopServicesAndInfrastructure();
            throw e;
        }
    }

    String gatewayUrl() {
        return gateway.baseUrl();
    }

    /** Kills one investigation-service instance like {@code kill -9}: no shutdown, work in flight abandoned. */
    void killInvestigationService(int index) throws InterruptedException {
        investigations.get(index).process().destroyForcibly().waitFor();
    }

    /** Starts that instance again on its port and database, and waits until it is ready. */
    void restartInvestigationService(int index) throws IOException {
        restart("investigation-service", investigations, investigationPorts, investigationEnv, index);
    }

    /** Kills one notification-service instance like {@code kill -9}, whatever it was sending. */
    void killNotificationService(int index) throws InterruptedException {
        notifications.get(index).process().destroyForcibly().waitFor();
    }

    /** Starts that instance again on its port and database, and waits until it is ready. */
    void restartNotificationService(int index) throws IOException {
        restart("notification-service", notifications, notificationPorts, notificationEnv, index);
    }

    private void restart(String service, List<ServiceProcess> instances, List<Integer> ports, Map<String, String> env, int index)
            throws IOException {
        ServiceProcess restarted = ServiceProcess.start(root, service, ports.get(index), env, logs);
        instances.set(index, restarted);
        restarted.awaitReady(Duration.ofMinutes(3));
    }

    /** Kills the gateway like {@code kill -9}: requests in flight get no answer. */
    void killGateway() throws InterruptedException {
        gateway.process().destroyForcibly().waitFor();
    }

    /** Starts the gateway again on its port (the load generator's URL stays valid), and waits until it is ready. */
    void restartGateway() throws IOException {
        gateway = ServiceProcess.start(root, "gateway", gatewayPort, gatewayEnv, logs);
        gateway.awaitReady(Duration.ofMinutes(3));
    }

    /**
     * What Kubernetes does with the services' {@code livenessProbe} (deploy/k8s: every 10 s, restart
     * after 3 failures), called every 10 s: a service that answers DOWN on {@code /q/health/live}
     * three times in a row is stopped (SIGTERM, then SIGKILL after 20 s) and started again. A
     * service that does not answer at all is left alone: a fault run killed it and restarts it.
     */
    void superviseLiveness() {
        for (int i = 0; i < investigations.size(); i++) {
            int index = i;
            supervise("investigation-service#" + i, investigations.get(i), () -> {
                investigations.get(index).close();
                restartInvestigationService(index);
            });
            supervise("notification-service#" + i, notifications.get(i), () -> {
                notifications.get(index).close();
                restartNotificationService(index);
            });
        }
        supervise("gateway", gateway, () -> {
            gateway.close();
            restartGateway();
        });
    }

    /** Restarts made by {@link #superviseLiveness()}: which service, when, and why. */
    List<String> livenessRestarts() {
        synchronized (livenessRestarts) {
            return List.copyOf(livenessRestarts);
        }
    }

    interface Restart {
        void run() throws Exception;
    }

    private void supervise(String name, ServiceProcess service, Restart restart) {
        String down;
        try {
            HttpResponse<String> live = PROBE.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/live"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            down = live.statusCode() == 200 ? null : live.body().replaceAll("\\s+", " ");
        } catch (IOException | InterruptedException notAnswering) {
            return;
        }
        if (down == null) {
            livenessFailures.remove(name);
            return;
        }
        if (livenessFailures.merge(name, 1, Integer::sum) < 3) {
            return;
        }
        livenessFailures.remove(name);
        Instant at = Instant.now();
        try {
            restart.run();
            synchronized (livenessRestarts) {
                livenessRestarts.add(name + " restarted at " + at + " (liveness DOWN 3 times: "
                        + down.substring(0, Math.min(400, down.length())) + ")");
            }
        } catch (Exception e) {
            synchronized (livenessRestarts) {
                livenessRestarts.add(name + " restart at " + at + " FAILED: " + e);
            }
        }
    }

    /** Every process of the system that this run started, by name, for memory figures. */
    Map<String, List<ProcessHandle>> processes() {
        Map<String, List<ProcessHandle>> byName = new HashMap<>();
        byName.put("gateway", List.of(gateway.process().toHandle()));
        byName.put("investigation-service", investigations.stream().map(s -> s.process().toHandle()).toList());
        byName.put("notification-service", notifications.stream().map(s -> s.process().toHandle()).toList());
        byName.put("kafka broker", kafka.process().stream().toList());
        byName.put("postgresql (all backends)", postgres.postmaster().map(p -> Stream.concat(Stream.of(p), p.children()).toList())
                .orElse(List.of()));
        return byName;
    }

    List<ServiceProcess> services() {
        List<ServiceProcess> all = new ArrayList<>(investigations);
        all.addAll(notifications);
        if (gateway != null) {
            all.add(gateway);
        }
        return all;
    }

    @Override
    public void close() throws Exception {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to; it stops the same things.
        }
        if (!closed.get()) {
            gateway.close();
        }
        stopServicesAndInfrastructure();
    }

    private void stopQuietly() {
        try {
            close();
        } catch (Exception e) {
            System.err.println("stopping the system under load failed: " + e);
        }
    }

    private void stopServicesAndInfrastructure() throws InterruptedException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (ServiceProcess service : investigations) {
            service.close();
        }
        for (ServiceProcess service : notifications) {
            service.close();
        }
        mail.close();
        postgres.close();
        kafka.close();
    }
}
