package io.inquest.notification.api;

import java.time.Instant;
import java.util.List;

import io.inquest.notification.delivery.Delivery;
import io.inquest.notification.delivery.DeliveryAttempt;

/**
 * What became of one email: {@code sent}, {@code retrying}, {@code pending} or {@code failed}
 * with the reason, and every attempt.
 */
public record DeliveryView(String recipient, String kind, String status, int attempts, String lastError,
        String messageId, Instant sentAt, Instant nextAttemptAt, List<AttemptView> history) {

    /** One try and what the server said. */
    public record AttemptView(int attempt, Instant at, String outcome, String error) {
    }

    static DeliveryView of(Delivery delivery, List<DeliveryAttempt> attempts) {
        boolean waiting = switch (delivery.status) {
            case PENDING, RETRYING -> true;
            default -> false;
        };
        return new DeliveryView(delivery.recipient, delivery.kind, delivery.status.wireName(), delivery.attempts,
                delivery.lastError, delivery.messageId, delivery.sentAt, waiting ? delivery.nextAttemptAt : null,
                attempts.stream().map(a -> new AttemptView(a.attempt, a.at, a.outcome, a.error)).toList());
    }
}
