package io.inquest.notification.delivery;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One attempt at a delivery and what came of it: the record of every try, kept after the delivery ends. */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "delivery_id")
    public Long deliveryId;

    public int attempt;

    public Instant at;

    /** {@code sent}, {@code retrying} or {@code failed}. */
    public String outcome;

    public String error;

    static DeliveryAttempt of(Delivery delivery, Instant at) {
        DeliveryAttempt attempt = new DeliveryAttempt();
        attempt.deliveryId = delivery.id;
        attempt.attempt = delivery.attempts;
        attempt.at = at;
        attempt.outcome = delivery.status.wireName();
        attempt.error = delivery.lastError;
        return attempt;
    }
}
