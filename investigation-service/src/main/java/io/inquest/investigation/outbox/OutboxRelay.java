package io.inquest.investigation.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.inquest.events.EventSources;
import io.inquest.events.Topics;
import io.inquest.investigation.background.BackgroundContexts;
import io.inquest.investigation.background.CoalescingTask;
import io.inquest.investigation.store.StoredEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes stored events to Kafka in the order they were written, and marks them published
 * once Kafka acknowledged them. A crash between the two republishes with the same event id,
 * which consumers recognise: at-least-once, never lost.
 *
 * <p>Every instance of the service runs a relay over the same table; a pass holds a
 * transaction-scoped advisory lock in PostgreSQL from reading its batch to marking it
 * published, so two instances never publish the same events, and events leave in one order.
 * A pass that finds the lock taken waits for it, then publishes what is left. A pass whose batch
 * Kafka does not acknowledge within {@link OutboxSettings#publishTimeLimit()} gives up and rolls
 * back, so the lock is never held across an unbounded wait (the producers' own timeouts are
 * bounded too, in the configuration); its lag shows in {@link OutboxLag}.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;
    /** The advisory lock that makes one relay pass at a time, across instances. */
    static final long LOCK = 0x696e7175657374L; // "inquest"

    private final MutinyEmitter<String> progress;
    private final MutinyEmitter<String> completions;
    private final CoalescingTask task;
    private final OutboxSettings settings;

    public OutboxRelay(@Channel("investigation-progress") MutinyEmitter<String> progress,
            @Channel("investigation-completions") MutinyEmitter<String> completions,
            BackgroundContexts contexts, OutboxSettings settings) {
        this.progress = progress;
        this.completions = completions;
        this.settings = settings;
        this.task = new CoalescingTask("outbox relay", contexts, this::publishPending);
    }

    /** Asks for a relay pass soon; cheap, call it after every transaction that appended events. */
    public void wake() {
        task.trigger();
    }

    @Scheduled(every = "${inquest.outbox.sweep-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not before the messaging channels are wired, nor while the pools shut down.
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        task.trigger();
    }

    private Uni<Boolean> publishPending() {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery("select 1 from pg_advisory_xact_lock(" + LOCK + ")").getSingleResult())
                .flatMap(locked -> StoredEvent.<StoredEvent>find("publishedAt is null order by seq").page(0, BATCH).list())
                .flatMap(batch -> batch.isEmpty() ? Uni.createFrom().item(false)
                        : sendInOrder(batch).flatMap(sent -> markPublished(batch)).replaceWith(batch.size() == BATCH)));
    }

    private Uni<Void> sendInOrder(List<StoredEvent> batch) {
        // Sent without waiting between records: the idempotent producer keeps their order per partition.
        List<Uni<Void>> sends = batch.stream().map(this::send).toList();
        return Uni.join().all(sends).andFailFast().replaceWithVoid()
                .ifNoItem().after(settings.publishTimeLimit())
                .failWith(() -> new TimeoutException("Kafka did not acknowledge the batch within " + settings.publishTimeLimit()))
                .onFailure().invoke(e -> LOG.warnf("publishing %d events failed, will retry: %s", batch.size(), e.toString()));
    }

    private Uni<Void> send(StoredEvent event) {
        Message<String> message = Message.of(event.payload, Metadata.of(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(event.investigationId)
                        // The event's place in its investigation's history: live followers resume by it.
                        .withHeaders(new RecordHeaders().add(Topics.SEQUENCE_HEADER,
                                String.valueOf(event.seq).getBytes(StandardCharsets.UTF_8)))
                        .build(),
                OutgoingCloudEventMetadata.builder()
                        .withId(event.eventId)
                        .withType(event.ceType)
                        .withSource(URI.create(EventSources.INVESTIGATION_SERVICE))
                        .withSubject(event.investigationId)
                        .withDataContentType("application/json")
                        .withTimestamp(event.createdAt.atZone(ZoneOffset.UTC))
                        .build()));
        MutinyEmitter<String> emitter = Topics.INVESTIGATION_COMPLETIONS.equals(event.topic) ? completions : progress;
        return emitter.sendMessage(message);
    }

    private Uni<Integer> markPublished(List<StoredEvent> batch) {
        List<Long> seqs = batch.stream().map(e -> e.seq).toList();
        return StoredEvent.update("publishedAt = ?1 where seq in ?2", Instant.now(), seqs);
    }
}
