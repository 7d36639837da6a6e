package io.inquest.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real Alertmanager (see {@link PrometheusBinary}) on 127.0.0.1, as a child process, routing
 * every alert to one webhook (the gateway's {@code /webhooks/alertmanager}), with a bearer
 * token read from a file so it never appears in the configuration. Clustering is off, so it
 * opens no port but its own. Its folder holds {@code alertmanager.yml}, {@code alertmanager.log}
 * and the silences and notification log in {@code data/}.
 */
public final class AlertmanagerServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final String DEBIAN_SHARE = "/usr/share/prometheus/alertmanager";
    private static final String RELOCATED_SHARE = "_usr/share/prometheus/alertmanager";

    private final Path folder;
    private final int port;
    private final URI webhook;
    private final String bearerToken;
    /** Made for this server alone: removed when it is closed. */
    private final boolean temporary;
    private Duration groupWait = Duration.ofSeconds(5);
    private Duration groupInterval = Duration.ofMinutes(1);
    private Duration repeatInterval = Duration.ofHours(4);
    private Process process;

    private AlertmanagerServer(Path folder, int port, URI webhook, String bearerToken, boolean temporary) {
        if (!"http".equals(webhook.getScheme()) && !"https".equals(webhook.getScheme())) {
            throw new IllegalArgumentException("the webhook must be an http(s) URL: " + webhook);
        }
        if (webhook.toString().contains("'")) {
            throw new IllegalArgumentException("the webhook URL must not contain a quote: " + webhook);
        }
        this.folder = folder;
        this.port = port;
        this.webhook = webhook;
        this.bearerToken = bearerToken;
        this.temporary = temporary;
    }

    /**
     * A server on a free port in a fresh temporary folder (removed on {@link #close()}) that
     * sends every notification to {@code webhook}, with {@code Authorization: Bearer <token>}
     * unless {@code bearerToken} is null.
     */
    public static AlertmanagerServer onFreePort(URI webhook, String bearerToken) {
        try {
            return new AlertmanagerServer(Files.createTempDirectory("inquest-alertmanager"), FreePorts.next(), webhook,
                    bearerToken, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same on {@code port}, keeping its configuration, log and data in {@code folder}. */
    public static AlertmanagerServer at(Path folder, int port, URI webhook, String bearerToken) {
        return new AlertmanagerServer(folder, port, webhook, bearerToken, false);
    }

    /**
     * How long a new group waits before its first notification, then between notifications of
     * a changed group and of an unchanged one (defaults 5s, 1m, 4h); from the next start.
     */
    public synchronized AlertmanagerServer withTiming(Duration groupWait, Duration groupInterval, Duration repeatInterval) {
        this.groupWait = groupWait;
        this.groupInterval = groupInterval;
        this.repeatInterval = repeatInterval;
        return this;
    }

    public synchronized AlertmanagerServer start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        List<String> command;
        try {
            Files.createDirectories(folder.resolve("data"));
            Path config = folder.resolve("alertmanager.yml");
            Files.writeString(config, config());
            Path binary = runnable(PrometheusBinary.ALERTMANAGER.path());
            command = List.of(binary.toString(),
                    "--config.file=" + config,
                    "--storage.path=" + folder.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--cluster.listen-address=");
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare Alertmanager in " + folder, e);
        }
        process = ChildProcesses.startServer(command, folder, log(), URI.create(url() + "/-/ready"), READY_TIMEOUT,
                "Alertmanager on port " + port);
        return this;
    }

    public synchronized void stop() {
        if (process == null) {
            return;
        }
        ChildProcesses.stop(process, Duration.ofSeconds(30));
        process = null;
    }

    public int port() {
        return port;
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:9093}; alerts are posted to {@code /api/v2/alerts}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code 127.0.0.1:<port>}, as a Prometheus {@code alerting.alertmanagers} static target. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public Path log() {
        return folder.resolve("alertmanager.log");
    }

    public synchronized Optional<ProcessHandle> process() {
        return process != null && process.isAlive() ? Optional.of(process.toHandle()) : Optional.empty();
    }

    @Override
    public void close() {
        stop();
        if (temporary) {
            DataFolders.remove(folder);
        }
    }

    private String config() throws IOException {
        StringBuilder yml = new StringBuilder()
                .append("# Inquest: every alert goes to one webhook\n")
                .append("route:\n")
                .append("  receiver: inquest\n")
                .append("  group_by: [alertname]\n")
                .append("  group_wait: ").append(groupWait.toMillis()).append("ms\n")
                .append("  group_interval: ").append(groupInterval.toMillis()).append("ms\n")
                .append("  repeat_interval: ").append(repeatInterval.toMillis()).append("ms\n")
                .append("receivers:\n")
                .append("  - name: inquest\n")
                .append("    webhook_configs:\n")
                .append("      - url: '").append(webhook).append("'\n")
                .append("        send_resolved: true\n");
        if (bearerToken != null) {
            Path tokenFile = folder.resolve("webhook-token");
            Files.deleteIfExists(tokenFile);
            Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tokenFile, bearerToken);
            yml.append("        http_config:\n")
                    .append("          authorization:\n")
                    .append("            type: Bearer\n")
                    .append("            credentials_file: '").append(tokenFile).append("'\n");
        }
        return yml.toString();
    }

    /**
     * Debian's Alertmanager reads its default notification templates (and web UI) from
     * {@code /usr/share/prometheus/alertmanager}, a path compiled in, and exits without them.
     * Unpacked without root into a cache ({@link DebianPackages}), nothing is there: so a copy of
     * the binary has that string replaced by the relative path {@code _usr/share/...} of the same
     * length, and {@code _usr} in this server's folder (its working directory) links to the
     * package's {@code usr}. An installed package or the upstream binary is run as it is.
     */
    private Path runnable(Path binary) throws IOException {
        if (!binary.getFileName().toString().equals("prometheus-alertmanager") || binary.startsWith("/usr")
                || binary.getParent() == null || binary.getParent().getParent() == null) {
            return binary;
        }
        Path usr = binary.getParent().getParent();
        Path relocated = binary.resolveSibling(binary.getFileName() + ".relocated");
        if (!Files.isExecutable(relocated)) {
            byte[] original = Files.readAllBytes(binary);
            byte[] patched = replaceAll(original, DEBIAN_SHARE.getBytes(StandardCharsets.US_ASCII),
                    RELOCATED_SHARE.getBytes(StandardCharsets.US_ASCII));
            if (patched == original) {
                return binary;
            }
            Path partial = Files.createTempFile(binary.getParent(), ".relocating-", "");
            Files.write(partial, patched);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(partial, relocated, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        Path link = folder.resolve(RELOCATED_SHARE.substring(0, RELOCATED_SHARE.indexOf('/')));
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, usr.toAbsolutePath());
        return relocated;
    }

    /** {@code data} with every occurrence of {@code from} replaced by {@code to} (same length); {@code data} itself if none. */
    private static byte[] replaceAll(byte[] data, byte[] from, byte[] to) {
        byte[] result = data;
        outer:
        for (int i = 0; i <= data.length - from.length; i++) {
            for (int j = 0; j < from.length; j++) {
                if (data[i + j] != from[j]) {
                    continue outer;
                }
            }
            if (result == data) {
                result = data.clone();
            }
            System.arraycopy(to, 0, result, i, to.length);
        }
        return result;
    }
}
