package io.inquest.investigation.engine.tools.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.inquest.infra.PrometheusServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Prometheus (the binary from the PATH or the Debian package, see embedded-infra's
 * PrometheusBinary) holding the {@link Incidents}, backfilled with promtool before it starts.
 */
public class RealPrometheus implements QuarkusTestResourceLifecycleManager {

    private PrometheusServer server;

    @Override
    public Map<String, String> start() {
        try {
            Path data = Files.createTempFile("inquest-incidents", ".om");
            try {
                Incidents.write(data);
                server = PrometheusServer.onFreePort().backfill(data).start();
            } finally {
                Files.deleteIfExists(data);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("inquest.sources.prometheus.url", server.url());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
