package io.inquest.investigation.engine.tools.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for Grafana Loki: a local HTTP server answering {@code /loki/api/v1/query_range} the
 * way Loki 2.x/3.x does (streams, nanosecond timestamps as strings). No Loki binary exists for
 * these machines (Debian's package named loki is an unrelated genetics program), so the client is
 * tested against recorded answers. By the {@code app} the query selects: {@code checkout} has
 * lines, {@code broken} gets a 500, {@code garbage} an HTML page, {@code slow} an answer after 6 s.
 */
public class RecordedLoki implements QuarkusTestResourceLifecycleManager {

    /** The parameters of the last query, by app: what the client asked for. */
    static final Map<String, Map<String, String>> QUERIES = new ConcurrentHashMap<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/loki/api/v1/query_range", RecordedLoki::answer);
        server.start();
        return Map.of("inquest.sources.loki.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
        String query = params.getOrDefault("query", "");
        String app = query.replaceAll("(?s).*app=\"([^\"]*)\".*", "$1");
        QUERIES.put(app, params);
        switch (app) {
            case "broken" -> respond(exchange, 500, "text/plain", "too many outstanding requests");
            case "garbage" -> respond(exchange, 200, "text/html", "<html><body>Grafana login</body></html>");
            case "slow" -> {
                try {
                    Thread.sleep(6000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 200, "application/json", "{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[]}}");
            }
            case "checkout" -> respond(exchange, 200, "application/json", """
                    {"status":"success","data":{"resultType":"streams","result":[
                      {"stream":{"namespace":"shop","app":"checkout","pod":"checkout-7c9d8b6f5-r5s6t","container":"app"},
                       "values":[
                         ["1772618280000000000","2026-03-04T09:58:00Z ERROR payment call failed: dial tcp: lookup payments.shop.svc.cluster.local on 10.96.0.10:53: no such host"],
                         ["1772618290000000000","2026-03-04T09:58:10Z ERROR payment call failed: dial tcp: lookup payments.shop.svc.cluster.local on 10.96.0.10:53: no such host"],
                         ["1772618300000000000","2026-03-04T09:58:20Z ERROR payment call failed: dial tcp: lookup payments.shop.svc.cluster.local on 10.96.0.10:53: no such host"]]},
                      {"stream":{"namespace":"shop","app":"checkout","pod":"checkout-7c9d8b6f5-a8b9c","container":"app"},
                       "values":[
                         ["1772618310000000000","2026-03-04T09:58:30Z ERROR payment call failed: dial tcp: lookup payments.shop.svc.cluster.local on 10.96.0.10:53: no such host"]]}
                    ],"stats":{}}}
                    """);
            default -> respond(exchange, 200, "application/json", "{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[]}}");
        }
    }

    private static Map<String, String> params(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
