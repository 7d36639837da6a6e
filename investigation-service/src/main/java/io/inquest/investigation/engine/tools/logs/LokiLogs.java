package io.inquest.investigation.engine.tools.logs;

import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Target;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Grafana Loki's {@code /loki/api/v1/query_range}: the service's lines in the window, oldest
 * first, selected by the shipper's labels ({@code {namespace="shop", app="cart"}}, or the pod).
 */
@ApplicationScoped
public class LokiLogs {

    static final String BACKEND = "loki";

    /** The lines that can report a failure; the analysis decides which do. */
    static final String ERROR_FILTER = "(?i)(error|exception|fatal|panic|fail|refused|reset|timeout|timed out|deadline|denied|killed"
            + "|out of memory|oom|no space|x509|certificate|unable|cannot|could not|no such|too many|missing|not found|invalid|traceback"
            + "|caused by|eof|broken pipe|\\\\bat )";

    private final LokiSettings loki;
    private final LogSettings settings;
    private final WebClient client;

    public LokiLogs(LokiSettings loki, LogSettings settings, Vertx vertx) {
        this.loki = loki;
        this.settings = settings;
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) settings.timeout().toMillis()));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public boolean configured() {
        return loki.url().isPresent();
    }

    /** The LogQL selector for the alert's target; empty when it names no app or pod. */
    Optional<String> query(Target target) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (target.namespace() != null) {
            labels.put(loki.namespaceLabel(), target.namespace());
        }
        String app = target.workload() != null ? target.workload() : target.service();
        if (app != null) {
            labels.put(loki.appLabel(), app);
        } else if (target.pod() != null) {
            labels.put(loki.podLabel(), target.pod());
        } else {
            return Optional.empty();
        }
        StringBuilder selector = new StringBuilder("{");
        labels.forEach((k, v) -> selector.append(selector.length() > 1 ? ", " : "").append(k).append("=\"").append(escape(v)).append('"'));
        selector.append('}');
        if (loki.errorLinesOnly()) {
            selector.append(" |~ \"").append(ERROR_FILTER).append('"');
        }
        return Optional.of(selector.toString());
    }

    /**
     * The service's streams by the shipper's service label ({@code {service="analytics-db"}}), for
     * the lines whose app label is something else (a database on a VM, a chart's generic app name);
     * empty when the alert names no service or the labels are the same.
     */
    Optional<String> serviceQuery(Target target) {
        if (target.service() == null || loki.serviceLabel().equals(loki.appLabel())) {
            return Optional.empty();
        }
        StringBuilder selector = new StringBuilder("{");
        if (target.namespace() != null) {
            selector.append(loki.namespaceLabel()).append("=\"").append(escape(target.namespace())).append("\", ");
        }
        selector.append(loki.serviceLabel()).append("=\"").append(escape(target.service())).append("\"}");
        if (loki.errorLinesOnly()) {
            selector.append(" |~ \"").append(ERROR_FILTER).append('"');
        }
        return Optional.of(selector.toString());
    }

    public Uni<List<LogLine>> read(Subject subject, Instant from, Instant to) {
        Optional<String> query = query(subject.target());
        if (query.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return read(query.get(), from, to);
    }

    /** The lines a LogQL query selects in [from, to], oldest first. */
    public Uni<List<LogLine>> read(String query, Instant from, Instant to) {
        URI base = loki.url().orElseThrow();
        HttpRequest<Buffer> request = client.getAbs(base.toString().replaceAll("/+$", "") + "/loki/api/v1/query_range")
                .addQueryParam("query", query)
                .addQueryParam("start", nanos(from))
                .addQueryParam("end", nanos(to))
                .addQueryParam("limit", String.valueOf(settings.maxLines()))
                .addQueryParam("direction", "forward")
                .timeout(settings.timeout().toMillis());
        loki.tenant().ifPresent(tenant -> request.putHeader("X-Scope-OrgID", tenant));
        return request.send()
                .onFailure().transform(f -> new IllegalStateException("Loki at " + base + ": " + f.getMessage(), f))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("Loki answered " + response.statusCode() + ": " + clip(response.bodyAsString()));
                    }
                    return lines(response.bodyAsString(), loki.podLabel(), loki.containerLabel());
                });
    }

    /** A query_range answer's streams as lines; anything else is refused with what was wrong. */
    static List<LogLine> lines(String body, String podLabel, String containerLabel) {
        JsonObject answer;
        try {
            answer = new JsonObject(body == null ? "" : body);
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalStateException("Loki's answer is not JSON: " + clip(body));
        }
        JsonObject data = answer.getValue("data") instanceof JsonObject d ? d : null;
        if (!"success".equals(answer.getValue("status")) || data == null || !(data.getValue("result") instanceof JsonArray)) {
            throw new IllegalStateException("Loki's answer is not a query_range result: " + clip(body));
        }
        if (!"streams".equals(data.getValue("resultType"))) {
            throw new IllegalStateException("Loki answered " + data.getValue("resultType") + ", not streams");
        }
        List<LogLine> lines = new ArrayList<>();
        JsonArray result = data.getJsonArray("result");
        for (int i = 0; i < result.size(); i++) {
            if (!(result.getValue(i) instanceof JsonObject stream) || !(stream.getValue("values") instanceof JsonArray values)) {
                throw new IllegalStateException("Loki's answer has a stream without values: " + clip(body));
            }
            JsonObject labels = stream.getValue("stream") instanceof JsonObject l ? l : new JsonObject();
            for (int j = 0; j < values.size(); j++) {
                if (!(values.getValue(j) instanceof JsonArray pair) || pair.size() < 2) {
                    throw new IllegalStateException("Loki's answer has a value that is not [time, line]: " + clip(body));
                }
                lines.add(new LogLine(instant(String.valueOf(pair.getValue(0))), text(labels, podLabel), text(labels, containerLabel),
                        false, String.valueOf(pair.getValue(1)), BACKEND));
            }
        }
        return lines;
    }

    private static String text(JsonObject labels, String key) {
        return labels.getValue(key) instanceof String value ? value : null;
    }

    static String nanos(Instant at) {
        return BigInteger.valueOf(at.getEpochSecond()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(at.getNano())).toString();
    }

    private static Instant instant(String nanos) {
        try {
            BigInteger[] parts = new BigInteger(nanos.trim()).divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
            return Instant.ofEpochSecond(parts[0].longValueExact(), parts[1].longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalStateException("Loki's answer has a time that is not in nanoseconds: " + nanos);
        }
    }

    LokiSettings settings() {
        return loki;
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String clip(String body) {
        if (body == null) {
            return "(empty)";
        }
        String s = body.strip().replaceAll("\\s+", " ");
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
