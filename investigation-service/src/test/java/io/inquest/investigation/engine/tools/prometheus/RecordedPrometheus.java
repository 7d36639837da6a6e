package io.inquest.investigation.engine.tools.prometheus;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A local HTTP server answering {@code /api/v1/query_range} the way Prometheus does, with series
 * recorded around 2026-11-01T10:00:00Z: the error ratio steps up 8 minutes before, containers of a
 * service named {@code crashing-*} restart, their memory reaches 99 % of the limit. A service named
 * {@code broken-*} gets a 500, as from a Prometheus in trouble.
 */
public class RecordedPrometheus implements QuarkusTestResourceLifecycleManager {

    static final Instant ALERT_START = Instant.parse("2026-11-01T10:00:00Z");

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/query_range", RecordedPrometheus::answer);
        server.start();
        return Map.of("inquest.sources.prometheus.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
        if (query.contains("broken-")) {
            respond(exchange, 500, "{\"status\":\"error\",\"error\":\"query processing would load too many samples\"}");
            return;
        }
        long start = Long.parseLong(param(query, "start"));
        long end = Long.parseLong(param(query, "end"));
        long alert = ALERT_START.getEpochSecond();
        String values;
        if (query.contains("restarts_total")) {
            values = query.contains("crashing-") ? series(start, end, t -> t >= alert - 300 ? 4 : 0) : series(start, end, t -> 0);
        } else if (query.contains("container_memory_working_set_bytes")) {
            values = query.contains("crashing-") ? series(start, end, t -> t >= alert - 600 ? 0.99 : 0.55) : series(start, end, t -> 0.4);
        } else {
            values = series(start, end, t -> t >= alert - 480 ? 0.2 : 0.01);
        }
        respond(exchange, 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":["
                + values + "]}]}}");
    }

    private interface Signal {
        double at(long epochSecond);
    }

    private static String series(long start, long end, Signal signal) {
        StringJoiner points = new StringJoiner(",");
        for (long t = start; t <= end; t += 30) {
            points.add("[" + t + ",\"" + signal.at(t) + "\"]");
        }
        return points.toString();
    }

    private static String param(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException("no " + name + " in " + query);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
