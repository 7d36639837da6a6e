package io.inquest.investigation.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.inquest.investigation.store.StoredEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How far the outbox relay is behind, as metrics: {@code inquest_outbox_pending_events} (events
 * stored but not yet acknowledged by Kafka) and {@code inquest_outbox_lag_seconds} (the age of
 * the oldest of them; 0 when none waits). Read from the table, so it counts every instance's
 * backlog, and it grows while Kafka is unreachable.
 */
@ApplicationScoped
public class OutboxLag {

    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();

    public OutboxLag(MeterRegistry registry) {
        Gauge.builder("inquest.outbox.pending.events", pending, AtomicLong::get)
                .description("Stored investigation events not yet acknowledged by Kafka").register(registry);
        Gauge.builder("inquest.outbox.lag.seconds", lagMillis, millis -> millis.get() / 1000.0)
                .description("Age of the oldest investigation event not yet acknowledged by Kafka (0 when none)")
                .register(registry);
    }

    @Scheduled(every = "${inquest.outbox.sweep-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> measure() {
        return Panache.withSession(() -> StoredEvent.count("publishedAt is null")
                .flatMap(count -> count == 0 ? Uni.createFrom().item((Instant) null)
                        : StoredEvent.<StoredEvent>find("publishedAt is null order by seq").firstResult()
                                .map(oldest -> oldest == null ? null : oldest.createdAt)
                        .invoke(oldest -> pending.set(count))))
                .invoke(oldest -> {
                    if (oldest == null) {
                        pending.set(0);
                        lagMillis.set(0);
                    } else {
                        lagMillis.set(Math.max(0, Duration.between(oldest, Instant.now()).toMillis()));
                    }
                })
                .replaceWithVoid()
                // The database being away is reported by its own health check; the figures wait.
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
