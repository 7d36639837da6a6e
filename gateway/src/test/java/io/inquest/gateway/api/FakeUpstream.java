package io.inquest.gateway.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for both the investigation-service and the notification-service: answers their
 * read paths with small fixed bodies (an investigation that is still running, with no events yet)
 * and records what each request carried, so a test can see what the gateway sends upstream. Like
 * the real services in production, it refuses a request without an {@code Authorization} header.
 * A test may give an investigation a stored history ({@link #HISTORY}), answered after {@code after}.
 */
public class FakeUpstream implements QuarkusTestResourceLifecycleManager {

    /** One request the gateway made. */
    public record Seen(String method, String path, String authorization) {
    }

    public static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

    /** One stored event of an investigation's history. */
    public record Stored(long seq, String type) {
    }

    /** Stored histories by investigation id; an investigation not here has no events yet. */
    public static final Map<String, List<Stored>> HISTORY = new ConcurrentHashMap<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::answer);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("inquest.investigation-service.url", url, "inquest.notification-service.url", url);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        SEEN.add(new Seen(exchange.getRequestMethod(), path, authorization));
        String body;
        if (authorization == null) {
            // As the real services in production: no service credential, no answer.
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            byte[] problem = "{\"status\":401,\"detail\":\"send Authorization: Bearer <INQUEST_SERVICE_TOKEN>\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, problem.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(problem);
            }
            return;
        }
        if (path.matches("/investigations/inq-[0-9a-f]{24}/events")) {
            body = history(path.split("/")[2], exchange.getRequestURI().getQuery());
        } else if (path.equals("/deliveries") || path.equals("/api/subscriptions")) {
            body = "[]";
        } else if (path.matches("/investigations/inq-[0-9a-f]{24}")) {
            body = "{\"id\":\"" + path.substring("/investigations/".length()) + "\",\"status\":\"running\"}";
        } else if (path.equals("/investigations")) {
            body = "{\"items\":[],\"next\":null}";
        } else if (path.equals("/api/smtp/verify")) {
            body = "{\"status\":\"passed\"}";
        } else {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String history(String investigationId, String query) {
        long after = query != null && query.startsWith("after=") ? Long.parseLong(query.substring("after=".length())) : 0;
        return HISTORY.getOrDefault(investigationId, List.of()).stream().filter(e -> e.seq() > after)
                .map(e -> "{\"seq\":" + e.seq() + ",\"id\":\"" + investigationId + "-" + e.seq() + "\",\"type\":\"" + e.type()
                        + "\",\"time\":\"2026-01-01T00:00:00Z\",\"data\":{}}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
