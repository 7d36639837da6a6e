package io.inquest.gateway.publish;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.inquest.events.EventSources;
import io.inquest.events.EventType;
import io.inquest.events.InvestigationRequested;
import io.inquest.gateway.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes investigation requests and completes only when Kafka acknowledged every record
 * (acks=all, idempotent producer): the gateway answers 202 on that and nothing earlier.
 */
@ApplicationScoped
public class InvestigationRequestPublisher {

    private final MutinyEmitter<InvestigationRequested> requests;
    private final GatewayConfig config;

    public InvestigationRequestPublisher(@Channel("investigation-requests") MutinyEmitter<InvestigationRequested> requests,
            GatewayConfig config) {
        this.requests = requests;
        this.config = config;
    }

    public Uni<Void> publishAll(List<InvestigationRequested> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = batch.stream().map(this::publish).toList();
        return Uni.join().all(sends).andFailFast().replaceWithVoid()
                .ifNoItem().after(config.publishTimeout())
                .failWith(() -> new BrokerUnavailableException("no acknowledgement within " + config.publishTimeout(),
                        null, config.retryAfter().toSeconds()))
                .onFailure(e -> !(e instanceof BrokerUnavailableException))
                .transform(e -> new BrokerUnavailableException(e.getMessage(), e, config.retryAfter().toSeconds()));
    }

    private Uni<Void> publish(InvestigationRequested request) {
        String id = request.investigationId();
        Message<InvestigationRequested> message = Message.of(request, Metadata.of(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(id).build(),
                OutgoingCloudEventMetadata.builder()
                        // Stable per alert: a redelivered or re-sent request keeps its event id.
                        .withId(id + ":requested")
                        .withType(EventType.INVESTIGATION_REQUESTED.ceType())
                        .withSource(URI.create(EventSources.GATEWAY))
                        .withSubject(id)
                        .withTimestamp(OffsetDateTime.ofInstant(request.requestedAt(), ZoneOffset.UTC).toZonedDateTime())
                        .build()));
        return Uni.createFrom().deferred(() -> requests.sendMessage(message));
    }
}
