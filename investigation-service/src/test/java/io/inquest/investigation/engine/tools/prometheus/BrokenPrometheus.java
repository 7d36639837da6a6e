package io.inquest.investigation.engine.tools.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A Prometheus in trouble: every API call answers 503 with Prometheus' error JSON. */
public class BrokenPrometheus implements QuarkusTestResourceLifecycleManager {

    private StubPrometheus stub;

    @Override
    public Map<String, String> start() {
        try {
            stub = new StubPrometheus(request -> StubPrometheus.Answer.of(503, "application/json",
                    "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"TSDB not ready\"}"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("inquest.sources.prometheus.url", stub.url());
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
