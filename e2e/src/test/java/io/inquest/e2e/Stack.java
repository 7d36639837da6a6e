package io.inquest.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.inquest.infra.FreePorts;
import io.inquest.infra.ServiceProcess;
import io.inquest.infra.KafkaBroker;
import io.inquest.infra.MailServer;
import io.inquest.infra.PostgresServer;

/**
 * The whole system on this machine: a real Kafka broker, PostgreSQL and SMTP server (GreenMail,
 * so the test can read what arrived), and the three packaged services as separate processes.
 */
final class Stack implements AutoCloseable {

    static final String TOKEN = "e2e-" + Long.toHexString(System.nanoTime());
    /** What the gateway presents to the internal services, which require it. */
    static final String SERVICE_TOKEN = "e2e-service-" + Long.toHexString(System.nanoTime());
    static final String DEFAULT_TO = "sre-team@inquest.test";
    /** A JVM service starts in seconds, but in minutes on a machine busy with other builds. */
    static final Duration READY_WITHIN = Duration.ofMinutes(5);

    final KafkaBroker kafka;
    final PostgresServer postgres;
    final MailServer mail;
    ServiceProcess investigation;
    private final Path root;
    private final Map<String, String> investigationEnv;
    private final int investigationPort;
    final ServiceProcess notification;
    final ServiceProcess gateway;
    private final List<AutoCloseable> started = new ArrayList<>();

    Stack() throws Exception {
        this(Map.of());
    }

    /** @param investigationSettings more environment for the investigation-service (evidence sources, time limits) */
    Stack(Map<String, String> investigationSettings) throws Exception {
        root = Path.of(System.getProperty("inquest.repo.root", "..")).toAbsolutePath().normalize();
        try {
            kafka = track(KafkaBroker.onFreePorts().start());
            postgres = track(PostgresServer.onFreePort().start());
            mail = track(MailServer.smtpOnFreePort().start());
            String investigationDb = postgres.createDatabase("inquest_investigation");
            String notificationDb = postgres.createDatabase("inquest_notification");

            Map<String, String> env = new java.util.HashMap<>(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(investigationDb),
                    "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(investigationDb),
                    // Short, so a crashed run is taken over within seconds in tests.
                    "INQUEST_INVESTIGATIONS_LEASE", "5s",
                    "INQUEST_SERVICE_TOKEN", SERVICE_TOKEN));
            env.putAll(investigationSettings);
            investigationEnv = Map.copyOf(env);
            investigationPort = FreePorts.next();
            investigation = track(ServiceProcess.start(root, "investigation-service", investigationPort, investigationEnv));
            notification = track(ServiceProcess.start(root, "notification-service", FreePorts.next(), Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(notificationDb),
                    "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(notificationDb),
                    "SMTP_HOST", "127.0.0.1",
                    "SMTP_PORT", String.valueOf(mail.port()),
                    "SMTP_SECURITY", "none",
                    "SMTP_FROM_ADDRESS", "inquest@inquest.test",
                    "SMTP_DEFAULT_TO", DEFAULT_TO,
                    "INQUEST_SERVICE_TOKEN", SERVICE_TOKEN)));
            int gatewayPort = FreePorts.next();
            gateway = track(ServiceProcess.start(root, "gateway", gatewayPort, Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "INQUEST_WEBHOOK_TOKEN", TOKEN,
                    "INQUEST_SERVICE_TOKEN", SERVICE_TOKEN,
                    "INQUEST_INVESTIGATION_SERVICE_URL", investigation.baseUrl(),
                    "INQUEST_NOTIFICATION_SERVICE_URL", notification.baseUrl())));
            for (ServiceProcess service : List.of(investigation, notification, gateway)) {
                service.awaitReady(READY_WITHIN);
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** Kills the investigation-service like {@code kill -9}: no shutdown, work in flight is abandoned. */
    void killInvestigationService() throws InterruptedException {
        investigation.process().destroyForcibly().waitFor();
    }

    /** Starts the investigation-service again, on the same port and database, and waits until it is ready. */
    void restartInvestigationService() throws Exception {
        investigation = track(ServiceProcess.start(root, "investigation-service", investigationPort, investigationEnv));
        investigation.awaitReady(READY_WITHIN);
    }

    static Path fixture(String name) {
        Path dir = Path.of(System.getProperty("test.fixtures.dir", "../fixtures"));
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("fixture " + file + " is missing");
        }
        return file;
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping " + started.get(i) + " failed: " + e);
            }
        }
    }
}
