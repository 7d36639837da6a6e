package io.inquest.gateway.publish;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.inquest.events.AlertResolved;
import io.inquest.events.ChangeRecorded;
import io.inquest.events.EventSources;
import io.inquest.events.EventType;
import io.inquest.events.InvestigationRequested;
import io.inquest.gateway.GatewayConfig;
import io.inquest.gateway.intake.IntakeBatch;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes what a webhook asked for and completes only when Kafka acknowledged every record
 * (acks=all, idempotent producer): the gateway answers 202 on that and nothing earlier. Event
 * ids are stable per alert, so a re-sent webhook publishes records consumers recognise.
 */
@ApplicationScoped
public class IntakePublisher {

    private final MutinyEmitter<Record> requests;
    private final MutinyEmitter<ChangeRecorded> changes;
    private final GatewayConfig config;

    public IntakePublisher(@Channel("investigation-requests") MutinyEmitter<Record> requests,
            @Channel("change-events") MutinyEmitter<ChangeRecorded> changes, GatewayConfig config) {
        this.requests = requests;
        this.changes = changes;
        this.config = config;
    }

    public Uni<Void> publish(IntakeBatch batch) {
        List<Uni<Void>> sends = new ArrayList<>();
        for (InvestigationRequested request : batch.requests()) {
            sends.add(send(requests, request, request.investigationId(), request.investigationId() + ":requested",
                    request.investigationId(), request.requestedAt()));
        }
        for (AlertResolved resolved : batch.resolutions()) {
            sends.add(send(requests, resolved, resolved.investigationId(), resolved.investigationId() + ":resolved",
                    resolved.investigationId(), resolved.resolvedAt()));
        }
        return acknowledged(sends);
    }

    /** A change is keyed by its service, so the changes of one service stay in order. */
    public Uni<Void> publish(ChangeRecorded change) {
        return acknowledged(List.of(send(changes, change, change.service(), change.changeId(), change.service(), change.at())));
    }

    private Uni<Void> acknowledged(List<Uni<Void>> sends) {
        if (sends.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid()
                .ifNoItem().after(config.publishTimeout())
                .failWith(() -> new BrokerUnavailableException("no acknowledgement within " + config.publishTimeout(),
                        null, config.retryAfter().toSeconds()))
                .onFailure(e -> !(e instanceof BrokerUnavailableException))
                .transform(e -> new BrokerUnavailableException(e.getMessage(), e, config.retryAfter().toSeconds()));
    }

    private static <R extends Record> Uni<Void> send(MutinyEmitter<R> emitter, R event, String key, String eventId,
            String subject, Instant at) {
        Message<R> message = Message.of(event, Metadata.of(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build(),
                OutgoingCloudEventMetadata.builder()
                        .withId(eventId)
                        .withType(EventType.of(event.getClass()).ceType())
                        .withSource(URI.create(EventSources.GATEWAY))
                        .withSubject(subject)
                        // Binary mode: without it no content-type header, and subscribers cannot tell the data is JSON.
                        .withDataContentType("application/json")
                        .withTimestamp((at == null ? Instant.now() : at).atZone(ZoneOffset.UTC))
                        .build()));
        return Uni.createFrom().deferred(() -> emitter.sendMessage(message));
    }
}
