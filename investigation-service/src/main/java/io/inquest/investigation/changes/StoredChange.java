package io.inquest.investigation.changes;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A deploy or configuration change, as recorded from {@code inquest.change-events}. */
@Entity
@Table(name = "change_event")
public class StoredChange extends PanacheEntityBase {

    @Id
    @Column(name = "change_id")
    public String changeId;

    public String service;

    public String kind;

    public String version;

    public String description;

    public String author;

    public Instant at;

    public String link;

    @Column(name = "labels_json")
    public String labelsJson;

    @Column(name = "received_at")
    public Instant receivedAt;
}
