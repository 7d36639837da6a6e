package io.inquest.investigation.engine.tools.prometheus;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server in Prometheus' place, for the answers a real Prometheus does not give:
 * garbage, errors, silence. Each request (path and form) is recorded and answered by a function.
 */
final class StubPrometheus implements AutoCloseable {

    /** One request: the API path and its form fields (match[] may repeat: joined with " | "). */
    record Request(String path, Map<String, String> form) {

        String query() {
            return form.getOrDefault("query", form.getOrDefault("match[]", ""));
        }
    }

    /** An answer; {@code hangUntilClosed} never answers (a Prometheus that accepted and went silent). */
    record Answer(int status, String contentType, String body, boolean hangUntilClosed) {

        static Answer json(String body) {
            return new Answer(200, "application/json", body, false);
        }

        static Answer of(int status, String contentType, String body) {
            return new Answer(status, contentType, body, false);
        }

        static Answer silence() {
            return new Answer(0, null, null, true);
        }

        static final Answer NO_SERIES = json("{\"status\":\"success\",\"data\":[]}");
        static final Answer EMPTY_MATRIX = json("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");
    }

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch closed = new CountDownLatch(1);

    StubPrometheus(Function<Request, Answer> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            Request request = new Request(exchange.getRequestURI().getPath(), form(exchange));
            requests.add(request);
            respond(exchange, answers.apply(request));
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }

    private void respond(HttpExchange exchange, Answer answer) throws IOException {
        if (answer.hangUntilClosed()) {
            try {
                closed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String raw = exchange.getRequestURI().getRawQuery();
        String all = raw == null ? body : body.isEmpty() ? raw : body + "&" + raw;
        return java.util.Arrays.stream(all.split("&")).filter(p -> p.contains("="))
                .collect(Collectors.toMap(p -> URLDecoder.decode(p.substring(0, p.indexOf('=')), StandardCharsets.UTF_8),
                        p -> URLDecoder.decode(p.substring(p.indexOf('=') + 1), StandardCharsets.UTF_8), (a, b) -> a + " | " + b));
    }
}
