package io.inquest.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (the {@code prometheus} binary, see {@link PrometheusBinary}) on
 * 127.0.0.1, as a child process. Its folder holds {@code prometheus.yml}, {@code prometheus.log}
 * and the TSDB in {@code data/}.
 * <p>
 * Past data is loaded with {@link #backfill(Path)} ({@code promtool tsdb create-blocks-from
 * openmetrics}) while the server is stopped. Retention is set to 100 years: Prometheus measures
 * retention from its newest block, so with the default 15 days a backfilled block months older
 * than another one would be deleted at start. The server can be stopped, given fresh data
 * ({@link #clearData()}) and started again on the same port, so a client's URL stays valid.
 */
public final class PrometheusServer implements AutoCloseable {

    /** Long enough that no backfilled test data is ever deleted for its age. */
    public static final String RETENTION = "100y";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final String EMPTY_CONFIG = "# Inquest test Prometheus: no scrape targets\nglobal:\n  scrape_interval: 15s\n";

    private final Path folder;
    private final int port;
    /** Made for this server alone: removed when it is closed. */
    private final boolean temporary;
    private String config = EMPTY_CONFIG;
    private final Map<String, String> files = new LinkedHashMap<>();
    private Process process;

    private PrometheusServer(Path folder, int port, boolean temporary) {
        this.folder = folder;
        this.port = port;
        this.temporary = temporary;
    }

    /** A server on a free port with its folder in a fresh temporary directory, removed on {@link #close()}. */
    public static PrometheusServer onFreePort() {
        try {
            return new PrometheusServer(Files.createTempDirectory("inquest-prometheus"), FreePorts.next(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on {@code port} whose configuration, log and data are kept in {@code folder}. */
    public static PrometheusServer at(Path folder, int port) {
        return new PrometheusServer(folder, port, false);
    }

    /**
     * The whole {@code prometheus.yml} (scrape targets, {@code rule_files}, {@code alerting}),
     * used from the next start; without one the server scrapes nothing.
     */
    public synchronized PrometheusServer withConfig(String prometheusYml) {
        this.config = prometheusYml;
        return this;
    }

    /** A file written next to {@code prometheus.yml} at start, e.g. a rule file the config names. */
    public synchronized PrometheusServer withFile(String name, String content) {
        if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        files.put(name, content);
        return this;
    }

    /** Loads OpenMetrics samples (a timestamp on each, ending in {@code # EOF}) into the data; only while stopped. */
    public synchronized PrometheusServer backfill(Path openMetrics) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("backfill while Prometheus is stopped: a running server does not load new blocks");
        }
        backfill(openMetrics, dataDir(), folder.resolve("promtool.log"));
        return this;
    }

    /**
     * Runs {@code promtool tsdb create-blocks-from openmetrics <file> <dataDir>}: the blocks
     * Prometheus loads when it next starts on {@code dataDir}. Output goes to {@code log}.
     */
    public static void backfill(Path openMetrics, Path dataDir, Path log) {
        if (!Files.isRegularFile(openMetrics)) {
            throw new IllegalArgumentException(openMetrics + " is not a file");
        }
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process promtool = new ProcessBuilder(List.of(PrometheusBinary.PROMTOOL.path().toString(), "tsdb",
                    "create-blocks-from", "openmetrics", openMetrics.toAbsolutePath().toString(), dataDir.toAbsolutePath().toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!promtool.waitFor(5, TimeUnit.MINUTES)) {
                promtool.destroyForcibly();
                throw new IllegalStateException("promtool did not finish backfilling " + openMetrics + " within 5 minutes");
            }
            if (promtool.exitValue() != 0) {
                List<String> output = Files.readAllLines(log);
                throw new IllegalStateException("promtool could not backfill " + openMetrics + " (exit " + promtool.exitValue()
                        + "): " + String.join(" | ", output.subList(Math.max(0, output.size() - 3), output.size()))
                        + "; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not backfill " + openMetrics, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backfilling " + openMetrics, e);
        }
    }

    public synchronized PrometheusServer start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        Path configFile = folder.resolve("prometheus.yml");
        try {
            Files.createDirectories(dataDir());
            Files.writeString(configFile, config);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(folder.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare Prometheus in " + folder, e);
        }
        process = ChildProcesses.startServer(List.of(PrometheusBinary.PROMETHEUS.path().toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + dataDir(),
                "--storage.tsdb.retention.time=" + RETENTION,
                "--web.listen-address=127.0.0.1:" + port), folder, log(), URI.create(url() + "/-/ready"), READY_TIMEOUT,
                "Prometheus on port " + port);
        return this;
    }

    /** Stops the server (SIGTERM; it writes its head block out). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        ChildProcesses.stop(process, Duration.ofSeconds(30));
        process = null;
    }

    /** Removes all data, so the next start begins empty (or with what is backfilled before it); only while stopped. */
    public synchronized PrometheusServer clearData() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("clear the data of a stopped Prometheus only");
        }
        DataFolders.remove(dataDir());
        return this;
    }

    public int port() {
        return port;
    }

    /** The HTTP API's base URL, e.g. {@code http://127.0.0.1:9090}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path dataDir() {
        return folder.resolve("data");
    }

    public Path log() {
        return folder.resolve("prometheus.log");
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** The server's process while it runs, for memory figures. */
    public synchronized Optional<ProcessHandle> process() {
        return running() ? Optional.of(process.toHandle()) : Optional.empty();
    }

    @Override
    public void close() {
        stop();
        if (temporary) {
            DataFolders.remove(folder);
        }
    }
}
