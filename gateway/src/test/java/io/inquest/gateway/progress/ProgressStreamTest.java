package io.inquest.gateway.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * One investigation's stream against the hub and a stand-in for the investigation-service's
 * stored history: what the two Kafka channels deliver, in whatever order, reaches the watcher in
 * history order, once, and a watcher that goes away leaves nothing behind in the hub.
 */
class ProgressStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROGRESS = "io.inquest.investigation.stage-started.v1";
    private static final String COMPLETED = "io.inquest.investigation.completed.v1";

    private final ProgressHub hub = new ProgressHub();
    private final ProgressStream stream = new ProgressStream(hub);
    private final String id = "inq-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);

    /** The investigation-service's history: what is stored is what the relay may publish. */
    private final List<ProgressEvent> stored = new CopyOnWriteArrayList<>();

    private ProgressEvent event(long seq, String type) {
        return new ProgressEvent(id, seq, "ev-" + seq, type, Instant.parse("2026-01-01T00:00:00Z"), JSON.createObjectNode());
    }

    private ProgressEvent store(long seq, String type) {
        ProgressEvent event = event(seq, type);
        stored.add(event);
        return event;
    }

    private Uni<JsonNode> history(long after) {
        ArrayNode page = JSON.createArrayNode();
        stored.stream().filter(e -> e.seq() > after).forEach(e -> page.addObject().put("seq", e.seq()).put("id", e.id())
                .put("type", e.type()).put("time", e.time().toString()).set("data", e.data()));
        return Uni.createFrom().item(page);
    }

    private AssertSubscriber<Long> watch(long after) {
        Multi<ProgressStream.Item> items = stream.follow(id, after, this::history).await().atMost(Duration.ofSeconds(5));
        return items.select().where(item -> !item.heartbeat()).map(item -> item.event().seq())
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
    }

    @Test
    void aCompletionThatOvertakesTheLastProgressEventsArrivesLastAfterThem() {
        store(10, PROGRESS);
        AssertSubscriber<Long> watcher = watch(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> watcher.getItems().contains(10L));

        // The relay stored and published 11, 12 on the progress topic and 13 on the completions topic;
        // the completions channel is faster.
        store(11, PROGRESS);
        store(12, PROGRESS);
        ProgressEvent completed = store(13, COMPLETED);
        hub.publish(completed);
        hub.publish(event(11, PROGRESS));
        hub.publish(event(12, PROGRESS));

        watcher.awaitCompletion(Duration.ofSeconds(5));
        assertThat(watcher.getItems()).as("every event once, in history order, the completion last")
                .containsExactly(10L, 11L, 12L, 13L);
    }

    @Test
    void liveEventsThatOverlapTheStoredHistoryAreSentOnce() {
        store(3, PROGRESS);
        store(4, PROGRESS);
        AssertSubscriber<Long> watcher = watch(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> watcher.getItems().contains(4L));

        hub.publish(event(4, PROGRESS));
        hub.publish(store(5, PROGRESS));
        hub.publish(store(6, COMPLETED));

        watcher.awaitCompletion(Duration.ofSeconds(5));
        assertThat(watcher.getItems()).as("after Last-Event-ID 2, each event once").containsExactly(3L, 4L, 5L, 6L);
    }

    @Test
    void aWatcherThatLeavesDuringTheHistoryFetchLeavesNoSubscriber() {
        List<UniEmitter<? super JsonNode>> hanging = new CopyOnWriteArrayList<>();
        Uni<Multi<ProgressStream.Item>> following = stream.follow(id, 0,
                after -> Uni.createFrom().emitter(hanging::add));
        UniAssertSubscriber<Multi<ProgressStream.Item>> client = following.subscribe().withSubscriber(new UniAssertSubscriber<>());
        await().atMost(Duration.ofSeconds(5)).until(() -> !hanging.isEmpty());

        client.cancel();

        assertThat(hub.subscribers()).as("hub subscribers once the client went away during the history fetch").isZero();
    }

    @Test
    void aWatcherThatLeavesWhileTheEventsBeforeALiveOneAreFetchedLeavesNoSubscriber() {
        AtomicInteger fetches = new AtomicInteger();
        List<UniEmitter<? super JsonNode>> hanging = new CopyOnWriteArrayList<>();
        Multi<ProgressStream.Item> items = stream.follow(id, 0,
                after -> fetches.incrementAndGet() == 1 ? history(after) : Uni.createFrom().emitter(hanging::add))
                .await().atMost(Duration.ofSeconds(5));
        AssertSubscriber<ProgressStream.Item> watcher = items.subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        hub.publish(store(31, PROGRESS));
        await().atMost(Duration.ofSeconds(5)).until(() -> !hanging.isEmpty());

        watcher.cancel();

        assertThat(hub.subscribers()).as("hub subscribers once the client went away during a fetch inside the stream").isZero();
    }

    @Test
    void aWatcherThatLeavesWhileFollowingLeavesNoSubscriber() {
        store(1, PROGRESS);
        AssertSubscriber<Long> watcher = watch(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> watcher.getItems().contains(1L));

        watcher.cancel();

        assertThat(hub.subscribers()).as("hub subscribers once the client went away").isZero();
    }

    @Test
    void everyWatcherOfAnInvestigationGetsTheSameOrder() {
        AssertSubscriber<Long> first = watch(0);
        AssertSubscriber<Long> second = watch(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.subscribers() == 2);

        hub.publish(store(21, PROGRESS));
        hub.publish(store(22, PROGRESS));
        hub.publish(store(23, COMPLETED));

        first.awaitCompletion(Duration.ofSeconds(5));
        second.awaitCompletion(Duration.ofSeconds(5));
        assertThat(first.getItems()).as("first watcher").containsExactly(21L, 22L, 23L);
        assertThat(second.getItems()).as("second watcher").containsExactly(21L, 22L, 23L);
        assertThat(hub.subscribers()).as("hub subscribers after both streams ended").isZero();
    }
}
