package io.inquest.gateway.progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * Where one stream stands in its investigation's history: what it sent last (by {@code seq}), so
 * nothing goes out twice or out of order. The two Kafka topics arrive in no fixed order between
 * them, and a stream starts listening only after its first history fetch, so a live event is
 * sent directly only when nothing can be missing before it: after the stream has caught up with
 * the stored history once, a progress event follows the ones before it on the same partition.
 * The first live event and every terminal one (a completion may overtake the last progress
 * events) go out after the stored events before them, fetched from the source of truth.
 *
 * <p>Not thread-safe: a stream hands it one event at a time.
 */
final class StreamPosition {

    private static final int FETCH_ATTEMPTS = 3;

    private final Function<Long, Uni<List<ProgressEvent>>> history;
    private long last;
    private boolean caughtUp;
    private boolean ended;

    /**
     * @param after the {@code seq} the client has already (its {@code Last-Event-ID})
     * @param history the stored events after a {@code seq}
     */
    StreamPosition(long after, Function<Long, Uni<List<ProgressEvent>>> history) {
        this.last = after;
        this.history = history;
    }

    /** The stored events not sent yet, in history order, up to a terminal one. */
    List<ProgressEvent> admit(List<ProgressEvent> stored) {
        List<ProgressEvent> next = new ArrayList<>();
        for (ProgressEvent event : stored.stream().sorted(Comparator.comparingLong(ProgressEvent::seq)).toList()) {
            if (!ended && event.seq() > last) {
                next.add(event);
                last = event.seq();
                ended = event.terminal();
            }
        }
        return next;
    }

    /** What to send for a live event: nothing (sent already), the event, or the events before it and then it. */
    Uni<List<ProgressEvent>> admit(ProgressEvent live) {
        if (ended || live.seq() <= last) {
            return Uni.createFrom().item(List.of());
        }
        if (caughtUp && !live.terminal()) {
            return Uni.createFrom().item(admit(List.of(live)));
        }
        return history.apply(last)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(1)).atMost(FETCH_ATTEMPTS - 1)
                .map(stored -> {
                    caughtUp = true;
                    List<ProgressEvent> withLive = new ArrayList<>(stored);
                    withLive.add(live);
                    return admit(withLive);
                });
    }

    boolean ended() {
        return ended;
    }
}
