package io.inquest.investigation.engine.tools.prometheus;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The two Prometheus HTTP API calls the tool makes ({@code /api/v1/query_range} and {@code
 * /api/v1/series}), sent as forms (long selectors do not fit a URL), each with a time limit.
 * Anything but a well-formed {@code "status":"success"} answer is a {@link PrometheusException}
 * that says what came back.
 */
final class PrometheusApi {

    /** An answer this large is not one of ours (a wrong URL, a proxy's page): refuse it. */
    private static final int MAX_BODY = 32 * 1024 * 1024;

    private final WebClient client;
    private final String base;
    private final Duration timeout;

    PrometheusApi(WebClient client, URI url, Duration timeout) {
        this.client = client;
        this.base = url.toString().replaceAll("/+$", "");
        this.timeout = timeout;
    }

    String base() {
        return base;
    }

    /** A range query: every series of the matrix, NaN and infinite points left out. */
    Uni<List<Series>> range(String promql, Window window) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("query", promql)
                .add("start", String.valueOf(window.from().getEpochSecond()))
                .add("end", String.valueOf(window.to().getEpochSecond()))
                .add("step", window.step().toSeconds() + "s")
                .add("timeout", Math.max(1, timeout.toSeconds()) + "s");
        return post("/api/v1/query_range", form, promql).map(data -> matrix(data, promql));
    }

    /** The label sets of the series that match any of the selectors and have samples in [from, to]. */
    Uni<List<Map<String, String>>> series(List<String> selectors, Instant from, Instant to) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("start", String.valueOf(from.getEpochSecond()))
                .add("end", String.valueOf(to.getEpochSecond()));
        selectors.forEach(s -> form.add("match[]", s));
        String what = "series " + String.join(" or ", selectors);
        return post("/api/v1/series", form, what).map(data -> labelSets(data, what));
    }

    private Uni<Object> post(String path, MultiMap form, String what) {
        return client.postAbs(base + path)
                .timeout(timeout.toMillis())
                .sendForm(form)
                .ifNoItem().after(timeout).failWith(() -> new PrometheusException(
                        "Prometheus at " + base + " gave no answer within " + timeout.toSeconds() + "s to " + brief(what)))
                .onFailure(f -> !(f instanceof PrometheusException)).transform(f -> new PrometheusException(
                        "Prometheus at " + base + " could not be read (" + describe(f) + ") for " + brief(what), f))
                .map(response -> data(response, what));
    }

    static Object data(HttpResponse<Buffer> response, String what) {
        Buffer body = response.body();
        int size = body == null ? 0 : body.length();
        if (size > MAX_BODY) {
            throw new PrometheusException("Prometheus answered " + size + " bytes to " + brief(what) + ", more than the "
                    + MAX_BODY + " this tool reads");
        }
        JsonObject json;
        try {
            json = size == 0 ? null : new JsonObject(body.toString());
        } catch (DecodeException | ClassCastException e) {
            throw new PrometheusException("Prometheus answered HTTP " + response.statusCode() + " with something that is not"
                    + " its JSON (" + contentType(response) + ": " + excerpt(body.toString()) + ") to " + brief(what));
        }
        if (json == null) {
            throw new PrometheusException("Prometheus answered HTTP " + response.statusCode() + " with an empty body to " + brief(what));
        }
        String status = json.getValue("status") instanceof String s ? s : null;
        if (response.statusCode() != 200 || !"success".equals(status)) {
            String error = json.getValue("error") instanceof String e ? e : null;
            String type = json.getValue("errorType") instanceof String t ? t : null;
            throw new PrometheusException("Prometheus answered HTTP " + response.statusCode()
                    + (error != null ? " (" + (type == null ? "" : type + ": ") + error + ")" : " with status " + status)
                    + " to " + brief(what));
        }
        if (!json.containsKey("data")) {
            throw new PrometheusException("Prometheus answered without data to " + brief(what));
        }
        return json.getValue("data");
    }

    static List<Series> matrix(Object data, String what) {
        if (!(data instanceof JsonObject object) || !"matrix".equals(object.getValue("resultType"))
                || !(object.getValue("result") instanceof JsonArray result)) {
            throw new PrometheusException("Prometheus answered something other than a matrix to " + brief(what));
        }
        List<Series> series = new ArrayList<>();
        try {
            for (int i = 0; i < result.size(); i++) {
                JsonObject one = result.getJsonObject(i);
                Map<String, String> labels = labels(one.getJsonObject("metric", new JsonObject()));
                JsonArray values = one.getJsonArray("values", new JsonArray());
                List<Series.Point> points = new ArrayList<>(values.size());
                for (int j = 0; j < values.size(); j++) {
                    JsonArray point = values.getJsonArray(j);
                    double value = Double.parseDouble(String.valueOf(point.getValue(1)));
                    if (Double.isFinite(value)) {
                        points.add(new Series.Point(Math.round(Double.parseDouble(String.valueOf(point.getValue(0)))), value));
                    }
                }
                series.add(Series.of(labels, points));
            }
        } catch (ClassCastException | NumberFormatException | IndexOutOfBoundsException | NullPointerException e) {
            throw new PrometheusException("Prometheus answered a malformed matrix (" + e.getMessage() + ") to " + brief(what));
        }
        return series;
    }

    static List<Map<String, String>> labelSets(Object data, String what) {
        if (!(data instanceof JsonArray array)) {
            throw new PrometheusException("Prometheus answered something other than a list of series to " + brief(what));
        }
        List<Map<String, String>> sets = new ArrayList<>(array.size());
        try {
            for (int i = 0; i < array.size(); i++) {
                sets.add(labels(array.getJsonObject(i)));
            }
        } catch (ClassCastException e) {
            throw new PrometheusException("Prometheus answered a malformed list of series to " + brief(what));
        }
        return sets;
    }

    private static Map<String, String> labels(JsonObject metric) {
        Map<String, String> labels = new HashMap<>();
        metric.forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
        return labels;
    }

    private static String contentType(HttpResponse<Buffer> response) {
        String type = response.getHeader("Content-Type");
        return type == null ? "no content type" : type;
    }

    private static String excerpt(String body) {
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() > 80 ? flat.substring(0, 80) + "…" : flat;
    }

    static String brief(String what) {
        return what.length() > 160 ? what.substring(0, 160) + "…" : what;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        String kind = failure.getClass().getSimpleName();
        if (failure instanceof java.net.ConnectException || kind.contains("Connect")) {
            return "connection refused or unreachable: " + message;
        }
        if (failure instanceof java.util.concurrent.TimeoutException || kind.contains("Timeout")) {
            return "no answer in time: " + message;
        }
        return message == null ? kind : kind + ": " + message;
    }

    /** Prometheus could not be read, or answered something that is not a usable answer. */
    static final class PrometheusException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        PrometheusException(String message) {
            super(message);
        }

        PrometheusException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
