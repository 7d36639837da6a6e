package io.inquest.notification.api;

import java.time.Instant;

import io.inquest.notification.delivery.Delivery;

/** What became of one email: {@code sent}, {@code retrying}, {@code pending} or {@code failed} with the reason. */
public record DeliveryView(String recipient, String kind, String status, int attempts, String lastError,
        String messageId, Instant sentAt, Instant nextAttemptAt) {

    static DeliveryView of(Delivery delivery) {
        boolean waiting = switch (delivery.status) {
            case PENDING, RETRYING -> true;
            default -> false;
        };
        return new DeliveryView(delivery.recipient, delivery.kind, delivery.status.wireName(), delivery.attempts,
                delivery.lastError, delivery.messageId, delivery.sentAt, waiting ? delivery.nextAttemptAt : null);
    }
}
