package io.inquest.investigation.store;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One investigation as stored; never leaves this service (the API and events use records). */
@Entity
@Table(name = "investigation")
public class Investigation extends PanacheEntityBase {

    @Id
    public String id;

    @Column(columnDefinition = "varchar(16)")
    public InvestigationStatus status;

    public String source;
    public String title;
    public String service;
    public String severity;

    @Column(name = "alert_starts_at")
    public Instant alertStartsAt;

    @Column(name = "alert_json")
    public String alertJson;

    @Column(name = "recipients_json")
    public String recipientsJson;

    @Column(name = "report_json")
    public String reportJson;

    /** Why it failed or was cancelled. */
    /** The report's {@code rootCauseCategory}, kept by the database itself (V3) so the list can filter by it. */
    @Column(name = "root_cause_category", insertable = false, updatable = false)
    public String rootCauseCategory;

    @Column(name = "outcome_reason")
    public String outcomeReason;

    /** How many times a worker claimed it; more than one after a restart resumed it. */
    public int attempt;

    /** A running investigation whose lease expired is claimed again (its worker died). */
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;

    @Column(name = "cancel_requested")
    public boolean cancelRequested;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
