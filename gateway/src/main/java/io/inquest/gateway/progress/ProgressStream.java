package io.inquest.gateway.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

/**
 * An investigation's events for one watcher: the stored history after {@code Last-Event-ID}
 * first, then live events, each once and in history order ({@link StreamPosition}), ending after
 * the terminal event. The first history fetch happens before the answer starts (an unknown id is
 * still a 404); the stream listens to the hub only while it is subscribed, so a client that goes
 * away, also during that fetch, leaves nothing behind.
 */
@ApplicationScoped
public class ProgressStream {

    /** Keeps proxies and load balancers from closing a quiet stream. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /** How long an unknown id may take to appear before the stream answers 404. */
    static final Duration NOT_YET_STORED = Duration.ofSeconds(5);

    private final ProgressHub hub;

    public ProgressStream(ProgressHub hub) {
        this.hub = hub;
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
        Function<Long, Uni<List<ProgressEvent>>> stored = from -> history.apply(from).map(page -> parse(investigationId, page));
        return stored.apply(after)
                // Right after a webhook's 202 the investigation-service may not have stored it yet.
                .onFailure(ProgressStream::notFound).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(1))
                .expireIn(NOT_YET_STORED.toMillis())
                .map(replay -> stream(investigationId, after, replay, stored));
    }

    private Multi<Item> stream(String investigationId, long after, List<ProgressEvent> replay,
            Function<Long, Uni<List<ProgressEvent>>> stored) {
        Item end = new Item(null);
        Multi<Item> content = Multi.createFrom().deferred(() -> {
            StreamPosition position = new StreamPosition(after, stored);
            Multi<ProgressEvent> replayed = Multi.createFrom().iterable(position.admit(replay));
            Multi<ProgressEvent> live = position.ended() ? Multi.createFrom().empty()
                    : hub.of(investigationId).onItem().transformToUniAndConcatenate(position::admit)
                            .onItem().<ProgressEvent>disjoint();
            return Multi.createBy().concatenating().streams(replayed, live);
        }).onItem().transformToMultiAndConcatenate(e -> e.terminal()
                ? Multi.createFrom().items(new Item(e), end) : Multi.createFrom().item(new Item(e)));
        Multi<Item> beats = Multi.createFrom().ticks().every(HEARTBEAT).map(tick -> new Item(null));
        return Multi.createBy().merging().streams(content, beats)
                .select().first(item -> item != end);
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
