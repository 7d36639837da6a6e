package io.inquest.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real one-node Apache Kafka broker in KRaft mode ({@code process.roles=broker,controller}),
 * started as a child JVM from the {@code kafka_2.13} jars. Being a separate process it can be
 * stopped, killed and restarted on the same ports and data, as a fault test needs.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final int partitions;
    /** Made for this broker alone: removed when it is closed. */
    private final boolean temporary;
    private Process process;

    private KafkaBroker(Path dataDir, int port, int controllerPort, int partitions, boolean temporary) {
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.port = port;
        this.controllerPort = controllerPort;
        this.partitions = partitions;
    }

    /** A broker on free ports with its data in a fresh temporary folder; new topics get 3 partitions. */
    public static KafkaBroker onFreePorts() {
        return onFreePorts(3);
    }

    /** A broker on free ports with its data in a fresh temporary folder; new topics get {@code partitions}. */
    public static KafkaBroker onFreePorts(int partitions) {
        try {
            return new KafkaBroker(Files.createTempDirectory("inquest-kafka"), FreePorts.next(), FreePorts.next(), partitions, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A broker on the given port whose data is kept in {@code dataDir} between runs. */
    public static KafkaBroker at(Path dataDir, int port, int controllerPort, int partitions) {
        return new KafkaBroker(dataDir, port, controllerPort, partitions, false);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The broker's process while it runs, for memory figures. */
    public synchronized Optional<ProcessHandle> process() {
        return process != null && process.isAlive() ? Optional.of(process.toHandle()) : Optional.empty();
    }

    public synchronized KafkaBroker start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        try {
            Files.createDirectories(dataDir);
            Path config = writeConfig();
            if (!Files.exists(dataDir.resolve("logs/meta.properties"))) {
                format(config);
            }
            process = new ProcessBuilder(command("kafka.Kafka", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("broker.log").toFile()))
                    .start();
            awaitReady();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker in " + dataDir, e);
        }
    }

    /** Stops the broker gracefully (a controlled shutdown). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Kills the broker at once, like {@code kill -9}. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        if (temporary) {
            DataFolders.remove(dataDir);
        }
    }

    private Path writeConfig() throws IOException {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", dataDir.resolve("logs").toString()),
                Map.entry("num.partitions", String.valueOf(partitions)),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("log.flush.interval.messages", "1")));
        Path config = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "Inquest embedded Kafka broker (KRaft, one node)");
        }
        return config;
    }

    private void format(Path config) throws IOException {
        List<String> cmd = command("kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted");
        Process formatter = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("broker.log").toFile()))
                .start();
        try {
            if (!formatter.waitFor(60, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka storage failed, see " + dataDir.resolve("broker.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private List<String> command(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(RuntimeClasspath.javaExecutable(),
                "-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-cp", RuntimeClasspath.jars(), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with " + process.exitValue()
                        + ", see " + dataDir.resolve("broker.log"));
            }
            if (!listening()) {
                // An admin client against a closed port logs a line per retry; wait for the socket first.
                sleepQuietly();
                continue;
            }
            try (Admin client = Admin.create(admin)) {
                client.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                sleepQuietly();
            }
        }
        throw new IllegalStateException("the Kafka broker was not ready within " + READY_TIMEOUT
                + ", see " + dataDir.resolve("broker.log"));
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
