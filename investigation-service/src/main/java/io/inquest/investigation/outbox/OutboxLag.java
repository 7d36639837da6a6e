package io.inquest.investigation.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

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

    /** One read: how many events wait, and the oldest of them. */
    private static final String BACKLOG =
            "select count(*), min(created_at) from investigation_event where published_at is null";

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
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session
                        .createNativeQuery(BACKLOG, Object[].class).getSingleResult()))
                .invoke(row -> {
                    pending.set(((Number) row[0]).longValue());
                    Instant oldest = row[1] == null ? null : toInstant(row[1]);
                    lagMillis.set(oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis()));
                })
                .replaceWithVoid()
                // The database being away is reported by its own health check; the figures wait.
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private static Instant toInstant(Object timestamp) {
        return timestamp instanceof java.time.OffsetDateTime odt ? odt.toInstant()
                : timestamp instanceof java.sql.Timestamp ts ? ts.toInstant()
                : timestamp instanceof java.time.LocalDateTime ldt ? ldt.toInstant(java.time.ZoneOffset.UTC)
                : (Instant) timestamp;
    }
}
