package io.inquest.gateway.progress;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hands every live progress and completion event to the streams watching its investigation.
 * Both Kafka channels publish here from their own threads; {@link #publish} lets one event
 * through at a time, so every watcher of an investigation sees the same order. A watcher is
 * registered only while its stream is subscribed and removed however that ends (client gone,
 * stream ended, too far behind).
 */
@ApplicationScoped
public class ProgressHub {

    /**
     * Events a watcher may have waiting; a client that falls further behind has its stream
     * ended, and resumes from the stored history with {@code Last-Event-ID}.
     */
    static final int BACKLOG = 1024;

    private final Map<String, Set<MultiEmitter<? super ProgressEvent>>> watchers = new ConcurrentHashMap<>();

    /** The live events of one investigation, from the moment of subscription. */
    public Multi<ProgressEvent> of(String investigationId) {
        return Multi.createFrom().<ProgressEvent> emitter(emitter -> {
            emitter.onTermination(() -> leave(investigationId, emitter));
            watchers.compute(investigationId, (id, present) -> {
                Set<MultiEmitter<? super ProgressEvent>> set = present == null ? ConcurrentHashMap.newKeySet() : present;
                set.add(emitter);
                return set;
            });
            if (emitter.isCancelled()) {
                leave(investigationId, emitter);
            }
        }, BackPressureStrategy.ERROR).onOverflow().buffer(BACKLOG);
    }

    public synchronized void publish(ProgressEvent event) {
        Set<MultiEmitter<? super ProgressEvent>> set = watchers.get(event.investigationId());
        if (set != null) {
            set.forEach(emitter -> emitter.emit(event));
        }
    }

    /** Whether any stream watches this investigation now: the feed skips reading events nobody would see. */
    public boolean watched(String investigationId) {
        return watchers.containsKey(investigationId);
    }

    private void leave(String investigationId, MultiEmitter<? super ProgressEvent> emitter) {
        watchers.computeIfPresent(investigationId, (id, set) -> {
            set.remove(emitter);
            return set.isEmpty() ? null : set;
        });
    }

    /** How many streams are listening now. */
    int subscribers() {
        return watchers.values().stream().mapToInt(Set::size).sum();
    }
}
