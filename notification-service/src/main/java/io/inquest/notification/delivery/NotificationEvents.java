package io.inquest.notification.delivery;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.Instant;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.EventSources;
import io.inquest.events.EventType;
import io.inquest.events.NotificationDelivered;
import io.inquest.events.NotificationFailed;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells {@code inquest.notification-events} what became of each delivery. Informational: the
 * delivery table is the record, so a failed publish is logged and never undoes a sent email.
 */
@ApplicationScoped
public class NotificationEvents {

    private static final Logger LOG = Logger.getLogger(NotificationEvents.class);

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    public NotificationEvents(@Channel("notification-events") MutinyEmitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    public Uni<Void> delivered(Delivery delivery, Instant at) {
        return publish(delivery, "delivered", new NotificationDelivered(delivery.investigationId, delivery.recipient,
                delivery.kind, delivery.messageId, delivery.attempts, at));
    }

    public Uni<Void> failed(Delivery delivery, String reason, boolean retrying, Instant at) {
        String outcome = retrying ? "retrying-" + delivery.attempts : "failed";
        return publish(delivery, outcome, new NotificationFailed(delivery.investigationId, delivery.recipient,
                delivery.kind, reason, delivery.attempts, retrying, at));
    }

    private Uni<Void> publish(Delivery delivery, String outcome, Record event) {
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        Instant now = Instant.now();
        Message<String> message = Message.of(payload, Metadata.of(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(delivery.investigationId).build(),
                OutgoingCloudEventMetadata.builder()
                        // Stable per delivery and outcome, so a republished event is recognisable.
                        .withId(delivery.messageId + ":" + outcome)
                        .withType(EventType.of(event.getClass()).ceType())
                        .withSource(URI.create(EventSources.NOTIFICATION_SERVICE))
                        .withSubject(delivery.investigationId)
                        .withDataContentType("application/json")
                        .withTimestamp(now.atZone(ZoneOffset.UTC))
                        .build()));
        return emitter.sendMessage(message)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("investigation %s: notification event not published: %s", delivery.investigationId, e.toString());
                    return null;
                });
    }
}
