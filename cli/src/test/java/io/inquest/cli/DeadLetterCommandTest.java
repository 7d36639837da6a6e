package io.inquest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** {@code inquest dlq list|replay} against a gateway that answers like the real one, recording what it was asked. */
class DeadLetterCommandTest {

    private static final String TOPIC = "inquest.investigation-requests.dlq";

    private HttpServer gateway;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    record Request(String method, String uri, String authorization, String body) {
    }

    @BeforeEach
    void startAGateway() throws Exception {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/api/dead-letters", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            if (exchange.getRequestURI().getPath().endsWith("/replay")) {
                answer(exchange, "{\"topic\":\"" + TOPIC + "\",\"replayedTo\":\"inquest.investigation-requests\",\"replayed\":["
                        + "{\"partition\":0,\"offset\":12,\"key\":\"inq-aaa\",\"ceId\":\"inq-aaa:requested\",\"toPartition\":0,\"toOffset\":40}]}");
            } else {
                answer(exchange, "{\"topics\":[{\"topic\":\"" + TOPIC + "\",\"count\":3,\"records\":[{\"topic\":\"" + TOPIC + "\","
                        + "\"partition\":0,\"offset\":12,\"timestamp\":\"2026-11-25T00:10:00Z\",\"key\":\"inq-aaa\","
                        + "\"ceType\":\"io.inquest.investigation.requested.v1\",\"ceId\":\"inq-aaa:requested\","
                        + "\"reason\":\"Connection refused\",\"valueBytes\":2,\"valuePreview\":\"{}\",\"valueTruncated\":false}]}]}");
            }
        });
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop(0);
    }

    @Test
    void listShowsEachRecordWithItsPositionAndReason() {
        Run run = inquest("dlq", "list", "--topic", TOPIC, "--limit", "5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.uri()).contains("limit=5").contains("topic=" + TOPIC);
            assertThat(r.authorization()).isEqualTo("Bearer operate-token");
        });
        assertThat(run.out()).contains(TOPIC + ": 3 record(s), the newest 1 shown", "0:12", "inq-aaa", "Connection refused");
    }

    @Test
    void replaySendsTheChosenRecordsAndSaysWhereTheyWent() throws Exception {
        Run run = inquest("dlq", "replay", "--topic", TOPIC, "--record", "0:12", "--record", "1:3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Request sent = requests.get(0);
        assertThat(sent.method()).isEqualTo("POST");
        JsonNode body = GatewayClient.json().readTree(sent.body());
        assertThat(body.path("topic").asText()).isEqualTo(TOPIC);
        assertThat(body.path("records").toString()).isEqualTo("[{\"partition\":0,\"offset\":12},{\"partition\":1,\"offset\":3}]");
        assertThat(body.has("all")).isFalse();
        assertThat(run.out()).contains("replayed 1 record(s) from " + TOPIC + " to inquest.investigation-requests",
                "0:12 -> 0:40", "inq-aaa:requested");
    }

    @Test
    void replayAllAsksForEveryRecord() throws Exception {
        Run run = inquest("dlq", "replay", "--topic", TOPIC, "--all");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(GatewayClient.json().readTree(requests.get(0).body()).path("all").asBoolean()).isTrue();
    }

    @Test
    void replayNeedsEitherAllOrRecordsAndRecordsAsPartitionColonOffset() {
        assertThat(inquest("dlq", "replay", "--topic", TOPIC).exitCode()).as("neither").isEqualTo(2);
        assertThat(inquest("dlq", "replay", "--topic", TOPIC, "--all", "--record", "0:1").exitCode()).as("both").isEqualTo(2);
        Run malformed = inquest("dlq", "replay", "--topic", TOPIC, "--record", "12");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("PARTITION:OFFSET");
        assertThat(requests).as("nothing was sent to the gateway").isEmpty();
    }

    private Run inquest(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = "http://127.0.0.1:" + gateway.getAddress().getPort();
        all[args.length + 2] = "--token";
        all[args.length + 3] = "operate-token";
        int code = Inquest.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Run(code, out.toString(), err.toString());
    }

    record Run(int exitCode, String out, String err) {
    }

    private static void answer(HttpExchange exchange, String json) throws java.io.IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
