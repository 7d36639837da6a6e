package io.inquest.gateway.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

/**
 * An investigation's events for one watcher: the stored history after {@code Last-Event-ID}
 * first, then live events, without a gap or a repeat (live events are buffered from before the
 * history is fetched, and only those after its last one go out), ending after the terminal event.
 */
@ApplicationScoped
public class ProgressStream {

    /** Keeps proxies and load balancers from closing a quiet stream. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /** How long an unknown id may take to appear before the stream answers 404. */
    static final Duration NOT_YET_STORED = Duration.ofSeconds(5);

    private final ProgressHub feed;

    public ProgressStream(ProgressHub feed) {
        this.feed = feed;
    }

    /** An item of the stream: an event, or a heartbeat ({@code event == null}). */
    public record Item(ProgressEvent event) {
        public boolean heartbeat() {
            return event == null;
        }
    }

    /**
     * @param history fetches the stored events after a sequence number (the investigation-service's history)
     */
    public Uni<Multi<Item>> follow(String investigationId, long after, Function<Long, Uni<JsonNode>> history) {
        UnicastProcessor<ProgressEvent> live = UnicastProcessor.create();
        // Subscribed before the history is fetched: what happens meanwhile waits in the buffer.
        Cancellable listening = feed.of(investigationId).subscribe().with(live::onNext, live::onError, live::onComplete);
        // The history is fetched before the answer starts, so an unknown id is still a plain 404.
        return history.apply(after)
                // Right after a webhook's 202 the investigation-service may not have stored it yet.
                .onFailure(ProgressStream::notFound).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(1))
                .expireIn(NOT_YET_STORED.toMillis())
                .onFailure().invoke(listening::cancel)
                .map(stored -> stream(parse(investigationId, stored), after, live, listening));
    }

    private static Multi<Item> stream(List<ProgressEvent> replay, long after, Multi<ProgressEvent> live, Cancellable listening) {
        long last = replay.isEmpty() ? after : replay.get(replay.size() - 1).seq();
        boolean ended = replay.stream().anyMatch(ProgressEvent::terminal);
        Multi<ProgressEvent> rest = ended ? Multi.createFrom().empty() : live.select().where(e -> e.seq() > last);
        Item end = new Item(null);
        Multi<Item> content = Multi.createBy().concatenating().streams(Multi.createFrom().iterable(replay), rest)
                .onItem().transformToMultiAndConcatenate(e -> e.terminal()
                        ? Multi.createFrom().items(new Item(e), end) : Multi.createFrom().item(new Item(e)));
        Multi<Item> beats = Multi.createFrom().ticks().every(HEARTBEAT).map(tick -> new Item(null));
        return Multi.createBy().merging().streams(content, beats)
                .select().first(item -> item != end)
                .onTermination().invoke(listening::cancel);
    }

    /** Whether the failure (possibly wrapped by exhausted retries) is the investigation-service's 404. */
    public static boolean notFound(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebApplicationException web && web.getResponse().getStatus() == 404) {
                return true;
            }
        }
        return false;
    }

    private static List<ProgressEvent> parse(String investigationId, JsonNode stored) {
        List<ProgressEvent> events = new ArrayList<>();
        if (stored != null && stored.isArray()) {
            for (JsonNode e : stored) {
                events.add(new ProgressEvent(investigationId, e.path("seq").asLong(), e.path("id").asText(),
                        e.path("type").asText(), Instant.parse(e.path("time").asText()), e.path("data")));
            }
        }
        return events;
    }
}
