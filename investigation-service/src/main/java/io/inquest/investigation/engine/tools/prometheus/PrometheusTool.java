package io.inquest.investigation.engine.tools.prometheus;

import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.inquest.investigation.engine.EvidenceTool;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.ToolFindings;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads Prometheus around the alert's start ({@code /api/v1/query_range}): when the alert's own
 * signal changed, and the service's container restarts and memory against its limit. Only when
 * {@code inquest.sources.prometheus.url} is set.
 */
@ApplicationScoped
public class PrometheusTool implements EvidenceTool {

    /** {@code metric > 0.05}: the signal is the left-hand side, the threshold the right. */
    private static final Pattern COMPARISON = Pattern.compile("^(.+?)\\s*(>=|<=|==|!=|>|<)\\s*(-?[0-9.eE+]+)\\s*$", Pattern.DOTALL);

    private final PrometheusSettings settings;
    private final WebClient client;

    public PrometheusTool(PrometheusSettings settings, Vertx vertx) {
        this.settings = settings;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) this.settings.timeout().toMillis()));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public String name() {
        return "prometheus";
    }

    @Override
    public Optional<String> notConfigured() {
        return settings.url().isPresent() ? Optional.empty() : Optional.of("inquest.sources.prometheus.url is not set");
    }

    @Override
    public Uni<ToolFindings> investigate(Subject subject) {
        Instant start = subject.alert().startsAt();
        Instant from = start.minus(settings.lookBack());
        Instant to = start.plus(settings.step().multipliedBy(10));
        List<Uni<List<Observation>>> reads = new ArrayList<>();
        expression(subject).ifPresent(expr -> reads.add(range(expr, from, to).map(series -> signal(subject, expr, series))));
        String service = subject.alert().service();
        if (service != null) {
            String selector = "{" + settings.serviceLabel() + "=\"" + service.replace("\"", "") + "\"}";
            reads.add(range("sum(increase(kube_pod_container_status_restarts_total" + selector + "[5m]))", from, to)
                    .map(series -> restarts(subject, series)));
            reads.add(range("max(container_memory_working_set_bytes" + selector + ") / max(container_spec_memory_limit_bytes"
                    + selector + ")", from, to).map(series -> memory(subject, series)));
        }
        if (reads.isEmpty()) {
            return Uni.createFrom().item(ToolFindings.nothing("no expression and no service to query"));
        }
        return Uni.join().all(reads).andCollectFailures().map(lists -> {
            List<Observation> observations = lists.stream().flatMap(List::stream).toList();
            return new ToolFindings(observations.isEmpty() ? "Prometheus shows nothing unusual around the alert"
                    : observations.size() + " finding(s) from Prometheus: "
                            + String.join("; ", observations.stream().map(Observation::text).toList()), observations);
        });
    }

    /** The alert's PromQL from its generator link ({@code /graph?g0.expr=...}), if it has one. */
    static Optional<String> expression(Subject subject) {
        String generator = subject.alert().links().get("generator");
        if (generator == null || !generator.contains("expr=")) {
            return Optional.empty();
        }
        String query = URI.create(generator).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).endsWith("expr")) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private Uni<List<double[]>> range(String promql, Instant from, Instant to) {
        URI base = settings.url().orElseThrow();
        return client.getAbs(base.toString().replaceAll("/+$", "") + "/api/v1/query_range")
                .addQueryParam("query", promql)
                .addQueryParam("start", String.valueOf(from.getEpochSecond()))
                .addQueryParam("end", String.valueOf(to.getEpochSecond()))
                .addQueryParam("step", settings.step().toSeconds() + "s")
                .timeout(settings.timeout().toMillis())
                .send()
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("Prometheus answered " + response.statusCode() + " to " + promql);
                    }
                    return points(response.bodyAsJsonObject());
                });
    }

    /** The first series of a matrix answer as (epoch seconds, value) points. */
    static List<double[]> points(JsonObject answer) {
        JsonArray result = answer.getJsonObject("data", new JsonObject()).getJsonArray("result", new JsonArray());
        List<double[]> points = new ArrayList<>();
        if (result.isEmpty()) {
            return points;
        }
        JsonArray values = result.getJsonObject(0).getJsonArray("values", new JsonArray());
        for (int i = 0; i < values.size(); i++) {
            JsonArray point = values.getJsonArray(i);
            double value = Double.parseDouble(point.getValue(1).toString());
            if (!Double.isNaN(value)) {
                points.add(new double[] {Double.parseDouble(point.getValue(0).toString()), value});
            }
        }
        return points;
    }

    private List<Observation> signal(Subject subject, String expr, List<double[]> series) {
        Matcher comparison = COMPARISON.matcher(expr.trim());
        Optional<ChangePoint> change = ChangePoint.find(series);
        if (change.isEmpty()) {
            return List.of();
        }
        ChangePoint at = change.get();
        long minutes = (subject.alert().startsAt().getEpochSecond() - at.epochSecond()) / 60;
        String finding = "the alert's signal" + (comparison.matches() ? " (" + comparison.group(1).trim() + ")" : "")
                + " changed from " + format(at.before()) + " to " + format(at.after()) + " at " + Instant.ofEpochSecond(at.epochSecond())
                + " (" + minutes + " min before the alert)";
        return List.of(Observation.of(name(), Signal.ALERT_SIGNAL, "metric/" + expr).at(Instant.ofEpochSecond(at.epochSecond()))
                .attr("expr", expr).attr("baseline", format(at.before())).attr("peak", format(at.after()))
                .attr("crossedAt", Instant.ofEpochSecond(at.epochSecond())).text(finding));
    }

    private List<Observation> restarts(Subject subject, List<double[]> series) {
        double total = series.stream().mapToDouble(p -> p[1]).max().orElse(0);
        if (total < 1) {
            return List.of();
        }
        return List.of(Observation.of(name(), Signal.METRIC, "metric/restarts").attr("scope", "service")
                .attr("of", subject.alert().service()).attr("metric", "restarts").attr("value", Math.round(total))
                .text("containers of " + subject.alert().service() + " restarted " + Math.round(total)
                        + " time(s) in 5 minutes around the alert"));
    }

    private List<Observation> memory(Subject subject, List<double[]> series) {
        double peak = series.stream().mapToDouble(p -> p[1]).max().orElse(0);
        if (peak < 0.9) {
            return List.of();
        }
        return List.of(Observation.of(name(), Signal.METRIC, "metric/memory").attr("scope", "service")
                .attr("of", subject.alert().service()).attr("metric", "memory_usage").attr("ratio", format(peak))
                .text("memory of " + subject.alert().service() + " reached " + Math.round(peak * 100) + "% of its limit"));
    }

    private static String format(double value) {
        return BigDecimal.valueOf(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
