package io.inquest.notification.delivery;

import java.time.Instant;

import org.jboss.logging.Logger;

import io.inquest.notification.NotificationSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records what came of one attempt at one delivery, in its own transaction: the delivery's new
 * state (sent, retrying at the next time of the schedule, or failed for good), the attempt in
 * its history, then its {@code NotificationDelivered}/{@code NotificationFailed} event. A write
 * that fails leaves the delivery claimed: it is sent again once the claim expires, and its
 * deterministic Message-ID lets mail systems drop the repeat.
 */
@ApplicationScoped
public class DeliveryOutcomes {

    private static final Logger LOG = Logger.getLogger(DeliveryOutcomes.class);

    private final NotificationEvents events;
    private final RetrySchedule retries;

    public DeliveryOutcomes(NotificationEvents events, NotificationSettings settings) {
        this.events = events;
        this.retries = RetrySchedule.of(settings.delivery());
    }

    /**
     * Never fails: a write that fails is logged, and the claim's expiry brings the delivery back.
     * Answers whether the outcome was recorded.
     */
    Uni<Boolean> record(Attempt attempt) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> record(attempt, now))
                .flatMap(recorded -> publish(attempt))
                .replaceWith(true)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("investigation %s: the outcome of delivery %d could not be recorded (sent again once its claim"
                            + " expires): %s", attempt.delivery().investigationId, attempt.delivery().id, e.toString());
                    return false;
                });
    }

    private Uni<Void> record(Attempt attempt, Instant now) {
        return update(attempt, now).flatMap(updated -> DeliveryAttempt.of(attempt.delivery(), now).persist()).replaceWithVoid();
    }

    private Uni<Void> update(Attempt attempt, Instant now) {
        Delivery delivery = attempt.delivery();
        if (attempt.failure() == null) {
            delivery.status = DeliveryStatus.SENT;
            delivery.sentAt = now;
            delivery.lastError = null;
            LOG.infof("investigation %s: %s email sent (delivery %d, a recipient at %s, attempt %d)", delivery.investigationId,
                    delivery.kind, delivery.id, domainOf(delivery.recipient), delivery.attempts);
            return Delivery.update("status = ?1, sentAt = ?2, lastError = null, claimedUntil = null where id = ?3",
                    DeliveryStatus.SENT, now, delivery.id).replaceWithVoid();
        }
        delivery.lastError = attempt.failure().reason();
        if (!attempt.failure().permanent() && retries.allowsAnotherAfter(delivery.attempts)) {
            delivery.status = DeliveryStatus.RETRYING;
            delivery.nextAttemptAt = now.plus(retries.delayAfter(delivery.attempts));
            LOG.warnf("investigation %s: email failed (delivery %d, a recipient at %s, attempt %d), retrying at %s: %s",
                    delivery.investigationId, delivery.id, domainOf(delivery.recipient), delivery.attempts, delivery.nextAttemptAt,
                    delivery.lastError);
            return Delivery.update("status = ?1, lastError = ?2, nextAttemptAt = ?3, claimedUntil = null where id = ?4",
                    DeliveryStatus.RETRYING, delivery.lastError, delivery.nextAttemptAt, delivery.id).replaceWithVoid();
        }
        delivery.status = DeliveryStatus.FAILED;
        delivery.failedAt = now;
        LOG.errorf("investigation %s: email failed for good (delivery %d, a recipient at %s) after %d attempt(s): %s",
                delivery.investigationId, delivery.id, domainOf(delivery.recipient), delivery.attempts, delivery.lastError);
        return Delivery.update("status = ?1, lastError = ?2, failedAt = ?3, claimedUntil = null where id = ?4",
                DeliveryStatus.FAILED, delivery.lastError, now, delivery.id).replaceWithVoid();
    }

    /**
     * Recipients are personal data: the log names the delivery (its row, shown with the investigation's
     * notifications) and the recipient's mail domain, which is what a mail problem usually depends on.
     */
    static String domainOf(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? "an unknown domain" : address.substring(at + 1);
    }

    private Uni<Void> publish(Attempt attempt) {
        Delivery delivery = attempt.delivery();
        return switch (delivery.status) {
            case SENT -> events.delivered(delivery, delivery.sentAt);
            case RETRYING -> events.failed(delivery, delivery.lastError, true, Instant.now());
            default -> events.failed(delivery, delivery.lastError, false, delivery.failedAt);
        };
    }
}
