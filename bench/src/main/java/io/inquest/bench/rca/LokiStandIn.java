package io.inquest.bench.rca;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A scenario's {@code logs.jsonl} served as Grafana Loki serves a log store:
 * {@code GET /loki/api/v1/query_range} with a LogQL stream selector ({@code =}, {@code !=},
 * {@code =~}, {@code !~} on the lines' labels) and line filters ({@code |=}, {@code !=},
 * {@code |~}, {@code !~}), {@code start}/{@code end} in nanoseconds or RFC 3339, {@code limit}
 * and {@code direction}. No Loki binary exists for these machines, so this stands in for one; it
 * serves the same lines the Kubernetes stand-in serves as pod logs, including lines of pods the
 * scenario's objects do not hold (a VM, a pod already gone), as a log store keeps them.
 */
final class LokiStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MATCHER = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern LINE_FILTER = Pattern.compile("(\\|=|!=|\\|~|!~)\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|`([^`]*)`)");

    private final HttpServer server;
    private final AtomicInteger queries = new AtomicInteger();
    private volatile List<PodLogs.Line> lines = List.of();

    private LokiStandIn(HttpServer server) {
        this.server = server;
    }

    static LokiStandIn start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        LokiStandIn loki = new LokiStandIn(server);
        server.createContext("/loki/api/v1/query_range", loki::queryRange);
        server.createContext("/ready", exchange -> respond(exchange, 200, "text/plain", "ready"));
        server.start();
        return loki;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, serves these lines (and nothing of the scenario before). */
    void serve(PodLogs logs) {
        lines = logs.lines();
        queries.set(0);
    }

    int queries() {
        return queries.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void queryRange(HttpExchange exchange) throws IOException {
        queries.incrementAndGet();
        Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
        String query = params.getOrDefault("query", "");
        int brace = query.indexOf('}');
        if (!query.trim().startsWith("{") || brace < 0) {
            respond(exchange, 400, "text/plain", "parse error : queries require at least one regexp or equality matcher");
            return;
        }
        Predicate<PodLogs.Line> selected = selector(query.substring(query.indexOf('{') + 1, brace))
                .and(filters(query.substring(brace + 1)));
        Instant start = time(params.get("start"), Instant.EPOCH);
        Instant end = time(params.get("end"), Instant.now());
        int limit = Integer.parseInt(params.getOrDefault("limit", "100"));
        boolean backward = !"forward".equalsIgnoreCase(params.getOrDefault("direction", "backward"));
        List<PodLogs.Line> found = new ArrayList<>();
        for (PodLogs.Line line : lines) {
            if (!line.time().isBefore(start) && line.time().isBefore(end) && selected.test(line)) {
                found.add(line);
            }
        }
        if (backward) {
            java.util.Collections.reverse(found);
        }
        found = found.subList(0, Math.min(limit, found.size()));
        Map<Map<String, String>, ArrayNode> streams = new LinkedHashMap<>();
        for (PodLogs.Line line : found) {
            ArrayNode value = JSON.createArrayNode().add(nanos(line.time())).add(line.text());
            streams.computeIfAbsent(line.labels(), labels -> JSON.createArrayNode()).add(value);
        }
        ObjectNode body = JSON.createObjectNode().put("status", "success");
        ObjectNode data = body.putObject("data").put("resultType", "streams");
        ArrayNode result = data.putArray("result");
        streams.forEach((labels, values) -> {
            ObjectNode stream = result.addObject();
            ObjectNode streamLabels = stream.putObject("stream");
            labels.forEach(streamLabels::put);
            stream.set("values", values);
        });
        respond(exchange, 200, "application/json", JSON.writeValueAsString(body));
    }

    static Predicate<PodLogs.Line> selector(String matchers) {
        Predicate<PodLogs.Line> all = line -> true;
        Matcher m = MATCHER.matcher(matchers);
        while (m.find()) {
            String label = m.group(1);
            String op = m.group(2);
            String value = unescape(m.group(3));
            Predicate<String> test = switch (op) {
                case "=" -> v -> value.equals(v == null ? "" : v);
                case "!=" -> v -> !value.equals(v == null ? "" : v);
                case "=~" -> v -> Pattern.compile(value).matcher(v == null ? "" : v).matches();
                default -> v -> !Pattern.compile(value).matcher(v == null ? "" : v).matches();
            };
            all = all.and(line -> test.test(line.labels().get(label)));
        }
        return all;
    }

    static Predicate<PodLogs.Line> filters(String pipeline) {
        Predicate<PodLogs.Line> all = line -> true;
        Matcher m = LINE_FILTER.matcher(pipeline);
        while (m.find()) {
            String op = m.group(1);
            String value = m.group(2) != null ? unescape(m.group(2)) : m.group(3);
            Predicate<String> test = switch (op) {
                case "|=" -> text -> text.contains(value);
                case "!=" -> text -> !text.contains(value);
                case "|~" -> text -> Pattern.compile(value).matcher(text).find();
                default -> text -> !Pattern.compile(value).matcher(text).find();
            };
            all = all.and(line -> test.test(line.text()));
        }
        return all;
    }

    private static String unescape(String quoted) {
        return quoted.replaceAll("\\\\(.)", "$1");
    }

    private static Instant time(String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        if (value.chars().allMatch(Character::isDigit)) {
            long number = Long.parseLong(value);
            // Loki takes nanoseconds, and seconds where the number is too small to be nanoseconds.
            return number > 100_000_000_000L ? Instant.ofEpochSecond(0, number) : Instant.ofEpochSecond(number);
        }
        return Instant.parse(value);
    }

    private static String nanos(Instant time) {
        return java.math.BigInteger.valueOf(time.getEpochSecond()).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
                .add(java.math.BigInteger.valueOf(time.getNano())).toString();
    }

    private static Map<String, String> params(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
