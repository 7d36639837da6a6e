package io.inquest.bench.rca;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The Kubernetes API for scenario runs, since no cluster can run here: one fabric8 mock API
 * server on 127.0.0.1 (plain HTTP) that lives for the whole run, so the investigation-service's
 * URL stays valid, while what it serves is replaced per scenario ({@link #serve}): the objects in
 * CRUD mode ({@link SnapshotDispatcher}) and the pods' logs ({@link PodLogs}). It counts the
 * requests it answers, by method and path.
 */
final class KubernetesStandIn implements AutoCloseable {

    /** The mock server logs every request at INFO through java.util.logging; kept referenced so the level holds. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");
    private static final Pattern POD_LOG = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/log");
    private static final String VERSION = """
            {"major":"1","minor":"30","gitVersion":"v1.30.0","platform":"linux/amd64"}""";

    /** What one scenario's cluster serves. */
    private record Cluster(ClusterSnapshot snapshot, PodLogs logs, SnapshotDispatcher objects) {
    }

    private final MockWebServer server = new MockWebServer();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile Cluster current = new Cluster(ClusterSnapshot.empty(), PodLogs.none(),
            new SnapshotDispatcher(ClusterSnapshot.empty()));

    private KubernetesStandIn() {
    }

    static KubernetesStandIn start() throws IOException {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        KubernetesStandIn standIn = new KubernetesStandIn();
        standIn.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return standIn.answer(request);
            }
        });
        standIn.server.start(InetAddress.getByName("127.0.0.1"), 0);
        return standIn;
    }

    /** From now on, serves these objects and logs (and nothing of the scenario before); the request counts start again. */
    void serve(ClusterSnapshot snapshot, PodLogs logs) {
        current = new Cluster(snapshot, logs, new SnapshotDispatcher(snapshot));
        requests.clear();
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** Requests answered since the last {@link #serve}, by {@code "GET /api/v1/namespaces/shop/pods"} (no query). */
    Map<String, Integer> requestCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        requests.forEach((key, count) -> counts.put(key, count.get()));
        return counts;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private MockResponse answer(RecordedRequest request) {
        URI uri = URI.create(request.getPath());
        String path = uri.getRawPath();
        requests.computeIfAbsent(request.getMethod() + " " + path, key -> new AtomicInteger()).incrementAndGet();
        Cluster cluster = current;
        if ("GET".equals(request.getMethod())) {
            Matcher log = POD_LOG.matcher(path);
            if (log.matches()) {
                PodLogs.Answer answer = cluster.logs().serve(cluster.snapshot(), decode(log.group(1)), decode(log.group(2)),
                        query(uri.getRawQuery()), Instant.now());
                return new MockResponse().setResponseCode(answer.status()).setHeader("Content-Type", answer.contentType())
                        .setBody(answer.body());
            }
            if (path.equals("/version")) {
                return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(VERSION);
            }
        }
        MockResponse response = cluster.objects().dispatch(request);
        return response != null ? response : new MockResponse().setResponseCode(405);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
