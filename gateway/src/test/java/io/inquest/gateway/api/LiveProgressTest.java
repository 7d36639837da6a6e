package io.inquest.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.inquest.events.Topics;
import io.inquest.gateway.Published;
import io.inquest.infra.TopicWriter;
import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The SSE stream fed over the real broker: the investigation-service relays progress and
 * completions to two topics, which the gateway reads on two channels in no fixed order between
 * them. A completion that arrives first still reaches the client last, after the progress events
 * stored before it.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = FakeUpstream.class, restrictToAnnotatedClass = true)
@TestProfile(LiveProgressTest.WithServiceToken.class)
class LiveProgressTest {

    public static class WithServiceToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.service-token", "svc");
        }
    }

    private static final String QUEUED = "io.inquest.investigation.queued.v1";
    private static final String STAGE_STARTED = "io.inquest.investigation.stage-started.v1";
    private static final String COMPLETED = "io.inquest.investigation.completed.v1";

    private static void relay(String topic, String investigationId, long seq, String type) {
        TopicWriter.send(Published.bootstrap(), topic, investigationId, "{}", Map.of(
                "ce_specversion", "1.0", "ce_id", investigationId + "-" + seq, "ce_type", type,
                "ce_source", "/inquest/investigation-service", "content-type", "application/json",
                Topics.SEQUENCE_HEADER, String.valueOf(seq)));
    }

    @Test
    void aCompletionRelayedBeforeTheLastProgressEventsReachesTheClientAfterThem() {
        String id = "inq-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        FakeUpstream.HISTORY.put(id, new CopyOnWriteArrayList<>(List.of(new FakeUpstream.Stored(1, QUEUED))));
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> ended = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(
                RestAssured.baseURI + ":" + RestAssured.port + "/api/investigations/" + id + "/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    try (Stream<String> body = response.body()) {
                        body.forEach(lines::add);
                    }
                });
        await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(l -> l.matches("id:\\s*1")));

        // Stored in this order by the investigation-service, then relayed; the completion arrives first.
        FakeUpstream.HISTORY.get(id).addAll(List.of(new FakeUpstream.Stored(2, STAGE_STARTED),
                new FakeUpstream.Stored(3, STAGE_STARTED), new FakeUpstream.Stored(4, COMPLETED)));
        // Redelivered until the gateway's feed (reading from the latest offset) has its partitions: at-least-once, as in production.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            relay(Topics.INVESTIGATION_COMPLETIONS, id, 4, COMPLETED);
            return ended.isDone();
        });
        relay(Topics.INVESTIGATION_PROGRESS, id, 2, STAGE_STARTED);
        relay(Topics.INVESTIGATION_PROGRESS, id, 3, STAGE_STARTED);

        List<String> ids = lines.stream().filter(l -> l.startsWith("id:")).map(l -> l.substring(3).trim()).toList();
        List<String> names = lines.stream().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).trim()).toList();
        assertThat(ids).as("SSE ids: every stored event once, in history order").containsExactly("1", "2", "3", "4");
        assertThat(names).as("SSE event names").last().isEqualTo("completed");
    }
}
