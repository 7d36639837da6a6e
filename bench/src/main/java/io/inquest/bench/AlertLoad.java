package io.inquest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An open-loop Alertmanager: sends one firing alert per request at a fixed rate, whatever the
 * answers, and retries each alert the way Alertmanager does (after {@code Retry-After} on 503
 * and 429, after a second when the connection fails) until the gateway accepts it or the
 * retry deadline passes. Records which investigation each accepted alert started, and when
 * the 202 arrived.
 */
final class AlertLoad {

    private static final String[] ALERTNAMES = {"HighErrorRate", "HighLatency", "KubePodCrashLooping", "DiskAlmostFull"};

    /** An alert the gateway accepted: the investigation it started and when the 202 arrived. */
    record Accepted(int alert, String investigationId, Instant at) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI uri;
    private final String token;
    private final String run = Long.toHexString(System.nanoTime());
    /** A daemon: a run that fails before {@link #settle} must still let the JVM end. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "alert-retries");
        thread.setDaemon(true);
        return thread;
    });
    final Map<Integer, Accepted> accepted = new ConcurrentHashMap<>();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger retried = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger gaveUp = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private volatile Instant retryDeadline = Instant.MAX;
    private volatile boolean markup;

    AlertLoad(String gatewayUrl, String token) {
        this.uri = URI.create(gatewayUrl + "/webhooks/alertmanager");
        this.token = token;
    }

    /**
     * From now on every tenth alert carries markup and header injection in its text: valid
     * alerts, accepted, whose emails must show the text escaped.
     */
    void withMarkup() {
        markup = true;
    }

    /** Sends {@code rate} alerts per second for {@code duration}; returns when the last is sent (answers may be pending). */
    void send(double rate, Duration duration) throws InterruptedException {
        long total = Math.round(rate * duration.toMillis() / 1000.0);
        long periodNanos = Math.round(1e9 / rate);
        long began = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = began + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            open.incrementAndGet();
            sent.incrementAndGet();
            // Built once: a retry sends the same alert (same startsAt), as Alertmanager does.
            attempt(i, payload(i));
        }
    }

    /** Waits until every alert is accepted or given up, retrying until {@code deadline}. */
    void settle(Instant deadline) throws InterruptedException {
        retryDeadline = deadline;
        while (open.get() > 0 && Instant.now().isBefore(deadline.plusSeconds(10))) {
            Thread.sleep(100);
        }
        timer.shutdownNow();
    }

    private void attempt(int alert, String body) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            if (failure != null) {
                retry(alert, body, Duration.ofSeconds(1));
            } else if (response.statusCode() == 202) {
                accepted.put(alert, new Accepted(alert, investigationId(response.body()), Instant.now()));
                open.decrementAndGet();
            } else if (response.statusCode() == 503 || response.statusCode() == 429) {
                long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                retry(alert, body, Duration.ofSeconds(Math.max(1, Math.min(seconds, 10))));
            } else {
                refused.incrementAndGet();
                open.decrementAndGet();
                System.out.println("alert " + alert + " refused with " + response.statusCode() + ": " + response.body());
            }
        });
    }

    private void retry(int alert, String body, Duration after) {
        if (Instant.now().plus(after).isAfter(retryDeadline)) {
            gaveUp.incrementAndGet();
            open.decrementAndGet();
            return;
        }
        retried.incrementAndGet();
        timer.schedule(() -> attempt(alert, body), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String investigationId(String body) {
        try {
            return json.readTree(body).path("investigations").path(0).path("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException("unreadable 202 answer: " + body, e);
        }
    }

    /** A single firing alert, unique per run and number, across 100 services and a few alert kinds. */
    String payload(int alert) {
        String name = ALERTNAMES[alert % ALERTNAMES.length];
        String service = "svc-" + (alert % 100);
        String summary = name + " on " + service;
        if (markup && alert % 10 == 0) {
            // The alert name becomes the email's "Alert" line; the summary its evidence.
            String hostile = " <script>alert('inquest')</script><img src=x onerror=alert(1)>\r\nBcc: victim@evil.test";
            name += hostile;
            summary += hostile;
        }
        ObjectNode body = json.createObjectNode().put("version", "4").put("status", "firing").put("receiver", "inquest")
                .put("groupKey", "{}:{alertname=\"" + name + "\"}");
        ObjectNode item = body.putArray("alerts").addObject().put("status", "firing")
                .put("startsAt", Instant.now().toString()).put("endsAt", "0001-01-01T00:00:00Z")
                .put("generatorURL", "http://prometheus.bench:9090/graph?g0.expr=up")
                .put("fingerprint", run + "-" + alert);
        item.putObject("labels").put("alertname", name).put("service", service).put("severity", "critical")
                .put("instance", service + "-" + (alert % 3) + ":8080");
        item.putObject("annotations").put("summary", summary);
        return body.toString();
    }
}
