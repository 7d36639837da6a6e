package io.inquest.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Iterator;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.engine.SourceOfRandomness;

/**
 * Hostile webhooks made by jqwik's generators: a valid payload of every intake format
 * (Alertmanager, Grafana, PagerDuty, generic, an operator's free text) broken one way at a time
 * (truncated, a value of the wrong type, a huge number, deep nesting, invalid UTF-8, CR LF in a
 * value or in an HTTP header, an oversized body, a text/plain body). Sent over raw sockets, so
 * bytes no HTTP client would send (bare CR in a header, invalid UTF-8) reach the gateway as
 * generated. Generation is seeded per request, so a run is reproducible from its seed.
 *
 * <p>The only answer that fails is a 5xx. A generated request may well be valid (CR LF inside a
 * label is legal JSON): it gets a 202, and its investigation is counted with the load's, with
 * an email expected. Each format keeps one identity per run (fingerprint, dedup key,
 * Idempotency-Key), so the valid ones collapse into a few investigations instead of thousands.
 */
final class GeneratedHostileRequests {

    /** A request as bytes on the wire, with what it is for the report. */
    record HostileRequest(String format, String attack, String path, String contentType, String extraHeaders, byte[] body) {
    }

    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final int MIB = 1024 * 1024;

    private final ObjectMapper json = new ObjectMapper();
    private final String host;
    private final int port;
    private final String token;
    private final long seed;
    private final String run = Long.toHexString(System.nanoTime());
    final List<AlertLoad.Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
    /** "format / attack" → answer → count. */
    private final Map<String, Map<String, Integer>> answers = new TreeMap<>();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();

    GeneratedHostileRequests(String gatewayUrl, String token, long seed) {
        URI uri = URI.create(gatewayUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.token = token;
        this.seed = seed;
    }

    /**
     * Requests from jqwik's generators, used as a data source ({@link Arbitrary#sampleStream()})
     * rather than as a {@code @Property}: the requests go to a whole system started once for the
     * run and paced with the load, which a property's tries cannot be. Seeded on the calling thread:
     * the same seed gives the same requests.
     */
    Iterator<HostileRequest> generated() {
        SourceOfRandomness.create(String.valueOf(seed));
        return requests().sampleStream().iterator();
    }

    Arbitrary<HostileRequest> requests() {
        List<Arbitrary<HostileRequest>> all = new ArrayList<>();
        for (Format format : Format.values()) {
            all.add(attacks(format));
        }
        return Arbitraries.oneOf(all);
    }

    /** The intake formats: where they go and a valid payload with one identity per run. */
    private enum Format {
        ALERTMANAGER("/webhooks/alertmanager"), GRAFANA("/webhooks/grafana"), PAGERDUTY("/webhooks/pagerduty"),
        GENERIC("/webhooks/generic"), FREE_TEXT("/api/investigations");

        final String path;

        Format(String path) {
            this.path = path;
        }
    }

    private ObjectNode valid(Format format) {
        String started = "2026-11-25T00:00:00Z";
        ObjectNode body = json.createObjectNode();
        switch (format) {
            case ALERTMANAGER, GRAFANA -> {
                body.put("version", format == Format.GRAFANA ? "1" : "4").put("status", "firing").put("receiver", "inquest")
                        .put("groupKey", "{}:{alertname=\"HostileProbe\"}");
                ObjectNode alert = body.putArray("alerts").addObject().put("status", "firing").put("startsAt", started)
                        .put("endsAt", "0001-01-01T00:00:00Z").put("generatorURL", "http://prometheus.bench:9090/graph")
                        .put("fingerprint", "hostile-" + format.name().toLowerCase() + "-" + run);
                alert.putObject("labels").put("alertname", "HostileProbe").put("service", "svc-hostile").put("severity", "critical");
                alert.putObject("annotations").put("summary", "hostile probe");
                if (format == Format.GRAFANA) {
                    alert.putObject("values").put("A", 93.4);
                    body.put("orgId", 1).put("title", "[FIRING:1] HostileProbe").put("truncatedAlerts", 0);
                }
            }
            case PAGERDUTY -> {
                body.put("routing_key", "samplekey0000000000000000000000").put("event_action", "trigger")
                        .put("dedup_key", "hostile-pagerduty-" + run);
                body.putObject("payload").put("summary", "hostile probe").put("source", "svc-hostile").put("severity", "error")
                        .put("timestamp", started).put("component", "queue").put("group", "orders")
                        .putObject("custom_details").put("backlog", 12850);
            }
            case GENERIC -> {
                body.put("title", "hostile probe").put("description", "a generated hostile payload").put("severity", "warning")
                        .put("service", "svc-hostile").put("startsAt", started).put("fingerprint", "hostile-generic-" + run);
                body.putObject("labels").put("env", "bench");
            }
            case FREE_TEXT -> body.put("text", "checkout is slow since the last deploy").put("service", "svc-hostile");
        }
        return body;
    }

    /** Every JSON pointer of {@code node}'s values, the root included. */
    private static List<String> pointers(JsonNode node, String at, List<String> into) {
        into.add(at);
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> pointers(e.getValue(), at + "/" + e.getKey(), into));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                pointers(node.get(i), at + "/" + i, into);
            }
        }
        return into;
    }

    private Arbitrary<HostileRequest> attacks(Format format) {
        ObjectNode valid = valid(format);
        byte[] validBytes = valid.toString().getBytes(StandardCharsets.UTF_8);
        Arbitrary<String> anyValue = Arbitraries.of(pointers(valid, "", new ArrayList<>()));
        Arbitrary<String> aStringValue = Arbitraries.of(pointers(valid, "", new ArrayList<>()).stream()
                .filter(p -> valid.at(p).isTextual()).toList());

        Arbitrary<HostileRequest> truncated = Arbitraries.integers().between(0, validBytes.length - 1)
                .map(cut -> request(format, "truncated JSON", java.util.Arrays.copyOf(validBytes, cut)));
        Arbitrary<HostileRequest> wrongType = Combinators.combine(anyValue, Arbitraries.of("0", "-1.5", "true", "false", "null",
                "[]", "{}", "\"text\"", "[1,\"a\",{}]", "{\"a\":{\"b\":[null]}}", "\"\"")).as((at, raw) -> request(format,
                        "wrong type", replaced(valid, at, raw)));
        Arbitrary<HostileRequest> hugeNumber = Combinators.combine(anyValue, Arbitraries.of("1e999999", "-1e-999999",
                "9223372036854775808", "-9223372036854775809", "9".repeat(40), "9".repeat(400), "9".repeat(5_000),
                "1." + "0".repeat(5_000) + "1", "0.000000000000000000000000000000000001e-400", "1E+2147483648"))
                .as((at, raw) -> request(format, "huge number", replaced(valid, at, raw)));
        Arbitrary<HostileRequest> deepNesting = Combinators.combine(anyValue, Arbitraries.of(64, 500, 999, 1_001, 5_000, 100_000),
                Arbitraries.of("[", "{\"a\":"), Arbitraries.of(true, false)).as((at, depth, open, closed) -> {
                    String close = open.equals("[") ? "]" : "}";
                    String raw = open.repeat(depth) + "1" + (closed ? close.repeat(depth) : "");
                    return request(format, "deep nesting", replaced(valid, at, raw));
                });
        Arbitrary<HostileRequest> invalidUtf8 = Combinators.combine(aStringValue, Arbitraries.of(
                new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xA0, (byte) 0xA1}, new byte[] {(byte) 0xE2, 0x28, (byte) 0xA1},
                new byte[] {(byte) 0xF0, 0x28, (byte) 0x8C, (byte) 0xBC}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFE, (byte) 0xFF},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}))
                .as((at, bad) -> request(format, "invalid UTF-8", replaced(valid, at, "\"probe", bad, "probe\"")));
        Arbitrary<HostileRequest> crlfInValues = Combinators.combine(aStringValue, Arbitraries.of(
                "x\r\nBcc: victim@evil.test", "x\r\n\r\n<script>alert(1)</script>", "x\nSubject: injected evil.test",
                "x\rX-Injected: evil.test", "a\u0000b", "line\u2028separator", "%0d%0aBcc:%20victim@evil.test"))
                .as((at, text) -> request(format, "CR LF in a value", replaced(valid, at, json.valueToTree(text).toString())));
        Arbitrary<HostileRequest> headerInjection = Arbitraries.of(
                "X-Note: a\rBcc: victim@evil.test\r\n", "X-Note: a\nBcc: victim@evil.test\r\n", "X-Note: a\u0000b\r\n",
                "X-Note: folded\r\n continued\r\n", "X-Note: caf\u00e9 \u00ff\r\n", "Bad Header Name: x\r\n",
                ": no name\r\n", "Content-Length: 0\r\n", "Transfer-Encoding: chunked\r\n",
                "X-Long: " + "a".repeat(70_000) + "\r\n")
                .map(extra -> new HostileRequest(format.name().toLowerCase(), "header injection", format.path, "application/json",
                        extra, validBytes));
        Arbitrary<HostileRequest> oversized = Combinators.combine(aStringValue, Arbitraries.of(MIB - 2_048, MIB + 1, 2 * MIB))
                .as((at, size) -> {
                    byte[] small = replaced(valid, at, "\"\"");
                    String padding = "x".repeat(Math.max(0, size - small.length));
                    return request(format, "oversized body", replaced(valid, at, "\"" + padding + "\""));
                });
        Arbitrary<HostileRequest> plainText = Arbitraries.strings().ofMinLength(0).ofMaxLength(2_000)
                .map(text -> new HostileRequest(format.name().toLowerCase(), "text/plain free text", format.path, "text/plain", "",
                        text.getBytes(StandardCharsets.UTF_8)));
        return Arbitraries.oneOf(truncated, wrongType, hugeNumber, deepNesting, invalidUtf8, crlfInValues, headerInjection,
                oversized, plainText);
    }

    private HostileRequest request(Format format, String attack, byte[] body) {
        return new HostileRequest(format.name().toLowerCase(), attack, format.path, "application/json", "", body);
    }

    /** {@code valid} with the value at {@code at} replaced by raw bytes (any bytes: the point is to break it). */
    private byte[] replaced(ObjectNode valid, String at, Object... raw) {
        ByteArrayOutputStream replacement = new ByteArrayOutputStream();
        for (Object part : raw) {
            replacement.writeBytes(part instanceof byte[] bytes ? bytes : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (at.isEmpty()) {
            return replacement.toByteArray();
        }
        String hole = "HOLE" + Long.toHexString(System.nanoTime()) + "HOLE";
        ObjectNode copy = valid.deepCopy();
        JsonPointer pointer = JsonPointer.compile(at);
        ContainerNode<?> parent = (ContainerNode<?>) copy.at(pointer.head());
        if (parent instanceof ObjectNode object) {
            object.put(pointer.last().getMatchingProperty(), hole);
        } else {
            ((ArrayNode) parent).set(pointer.last().getMatchingIndex(), hole);
        }
        String text = copy.toString();
        int i = text.indexOf("\"" + hole + "\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, i).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(replacement.toByteArray());
        out.writeBytes(text.substring(i + hole.length() + 2).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Sends {@code count} generated requests spread evenly over {@code duration}, four at a time at most. */
    void send(int count, Duration duration) throws InterruptedException {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        // Generated only when a sender is free: a slow gateway must not pile up requests (up to 2 MiB each) in memory.
        Semaphore inFlight = new Semaphore(8);
        long periodNanos = duration.toNanos() / count;
        long began = System.nanoTime();
        Iterator<HostileRequest> requests = generated();
        try {
            for (int i = 0; i < count; i++) {
                long wait = began + i * periodNanos - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int index = i;
                inFlight.acquire();
                HostileRequest request = requests.next();
                senders.execute(() -> {
                    try {
                        sendOne(index, request);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        } finally {
            senders.shutdown();
            if (!senders.awaitTermination(10, TimeUnit.MINUTES)) {
                senders.shutdownNow();
            }
        }
    }

    private void sendOne(int index, HostileRequest request) {
        String answer;
        String response = exchange(request);
        Matcher status = STATUS.matcher(response);
        if (status.find()) {
            int code = Integer.parseInt(status.group(1));
            answer = String.valueOf(code);
            if (code >= 500) {
                serverErrors.incrementAndGet();
                System.out.println("5xx for " + request.format() + " / " + request.attack() + " (request " + index + ", seed " + seed
                        + "): " + response.substring(0, Math.min(response.length(), 600)));
            } else if (code == 202) {
                Matcher id = ID.matcher(response.substring(response.indexOf("\r\n\r\n") + 4));
                while (id.find()) {
                    accepted.add(new AlertLoad.Accepted(-1 - index, id.group(1), Instant.now()));
                }
            }
        } else {
            answer = "no answer (" + (response.isEmpty() ? "closed" : response.substring(0, Math.min(40, response.length()))) + ")";
            unanswered.incrementAndGet();
        }
        sent.incrementAndGet();
        synchronized (answers) {
            answers.computeIfAbsent(request.format() + " / " + request.attack(), k -> new TreeMap<>()).merge(answer, 1, Integer::sum);
        }
    }

    /** Writes the request as generated and reads the whole answer; an empty string when the server closed without one. */
    private String exchange(HostileRequest request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(60_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            String idempotency = request.path().equals(Format.FREE_TEXT.path) ? "Idempotency-Key: hostile-text-" + run + "\r\n" : "";
            head.writeBytes(("POST " + request.path() + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: " + request.contentType() + "\r\nContent-Length: " + request.body().length
                    + "\r\nConnection: close\r\n" + idempotency).getBytes(StandardCharsets.ISO_8859_1));
            head.writeBytes(request.extraHeaders().getBytes(StandardCharsets.ISO_8859_1));
            head.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toByteArray());
                out.write(request.body());
                out.flush();
            } catch (IOException closedEarly) {
                // A server may answer (413) and close before reading a large body: the answer is still there to read.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8_192];
            int n;
            while (answer.size() < MIB && (n = in.read(buffer)) > 0) {
                answer.write(buffer, 0, n);
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    void report(PrintStream out) {
        out.printf("generated hostile requests: %d sent (seed %d), 5xx: %d, closed without an answer: %d, "
                + "202 (valid after all): %d naming %d investigations%n", sent.get(), seed, serverErrors.get(), unanswered.get(),
                accepted.size(), accepted.stream().map(AlertLoad.Accepted::investigationId).distinct().count());
        out.println("| format / attack | answers |");
        out.println("|---|---|");
        synchronized (answers) {
            answers.forEach((kind, counts) -> out.println("| " + kind + " | " + counts + " |"));
        }
    }
}
