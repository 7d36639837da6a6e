package io.inquest.investigation.store;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An event of an investigation: its history, and the outbox row the relay publishes. */
@Entity
@Table(name = "investigation_event")
public class StoredEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    /** The CloudEvent id; stable, so a republished record is recognisable. */
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "investigation_id")
    public String investigationId;

    public String topic;

    @Column(name = "ce_type")
    public String ceType;

    /** The event's data as JSON. */
    public String payload;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;
}
