package io.inquest.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Waiting for and stopping the servers this module runs as child processes. */
final class ChildProcesses {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ChildProcesses() {
    }

    /**
     * Starts {@code command} in {@code folder} with its output appended to {@code log}, and waits
     * until {@code readyProbe} answers 200; a server that does not get ready is stopped and the
     * failure names its log.
     */
    static Process startServer(List<String> command, Path folder, Path log, URI readyProbe, Duration timeout, String what) {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + what + " in " + folder, e);
        }
        try {
            awaitHttpOk(process, readyProbe, timeout, what, log);
        } catch (RuntimeException e) {
            stop(process, Duration.ofSeconds(30));
            throw e;
        }
        return process;
    }

    /** Waits until {@code probe} answers 200; fails at once when the process exits, naming its log. */
    static void awaitHttpOk(Process process, URI probe, Duration timeout, String what, Path log) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue() + ", see " + log);
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).build();
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException(what + " was not ready within " + timeout + ", see " + log);
    }

    /** SIGTERM, then SIGKILL if it has not ended within {@code grace}. */
    static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
