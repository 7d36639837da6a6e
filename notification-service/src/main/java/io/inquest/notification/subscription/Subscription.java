package io.inquest.notification.subscription;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A stored subscription rule; {@link SubscriptionRule} is its API shape and its matching logic. */
@Entity
@Table(name = "subscription")
public class Subscription extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    public String service;

    /** Comma-separated severities, or null for any. */
    public String severities;

    @Column(name = "labels_json")
    public String labelsJson;

    /** Comma-separated addresses. */
    public String addresses;

    @Column(name = "created_at")
    public Instant createdAt;
}
