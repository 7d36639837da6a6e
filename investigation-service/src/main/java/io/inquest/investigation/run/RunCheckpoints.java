package io.inquest.investigation.run;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.Alert;
import io.inquest.events.RcaReport;
import io.inquest.investigation.outbox.OutboxRelay;
import io.inquest.investigation.store.EventLog;
import io.inquest.investigation.store.Investigation;
import io.inquest.investigation.store.InvestigationStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/**
 * A run's persistence: what it starts from, its checkpoints (each stores the step's event and
 * renews the lease, or stops the run if it was cancelled or taken over) and its one terminal
 * outcome, written in the same transaction as its event. The stages themselves are
 * {@link InvestigationRunner}'s.
 */
@ApplicationScoped
public class RunCheckpoints {

    private final EventLog events;
    private final OutboxRelay relay;
    private final RunSettings settings;
    private final ObjectMapper json;

    public RunCheckpoints(EventLog events, OutboxRelay relay, RunSettings settings, ObjectMapper json) {
        this.events = events;
        this.relay = relay;
        this.settings = settings;
        this.json = json;
    }

    /** What a run starts from: the stored alert and its recipients. */
    record Start(Alert alert, List<String> recipients) {
    }

    /** One step's event, stored under an id unique to the attempt and the step. */
    record Step(String name, Record event) {
    }

    Uni<Start> load(Claim claim) {
        return Panache.withSession(() -> Investigation.<Investigation>findById(claim.investigationId())).map(found -> {
            if (found == null) {
                throw new RunInterrupted(RunInterrupted.Why.CLAIM_LOST, "investigation vanished");
            }
            return new Start(read(found.alertJson, new TypeReference<Alert>() { }),
                    read(found.recipientsJson, new TypeReference<List<String>>() { }));
        });
    }

    /**
     * Stores the steps' events, in one transaction, and renews the claim; or stops the run if it
     * was cancelled or taken over.
     */
    Uni<Void> checkpoint(Claim claim, List<Step> steps) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> lock(claim).flatMap(current -> {
            if (!ownedBy(current, claim)) {
                throw new RunInterrupted(RunInterrupted.Why.CLAIM_LOST, "claim lost");
            }
            if (current.cancelRequested) {
                throw new RunInterrupted(RunInterrupted.Why.CANCEL_REQUESTED, "cancelled by an operator");
            }
            current.leaseExpiresAt = now.plus(settings.lease());
            return append(claim, steps, now);
        })).invoke(relay::wake).replaceWithVoid();
    }

    /**
     * Writes the terminal status and its event in one transaction, only if this attempt still
     * owns the running investigation: one terminal event per final outcome, whatever happens.
     * A cancel that arrived after the last step still wins over completing: the operator was
     * told it was accepted. The run's pending steps are stored first, in the same transaction.
     * Answers whether this attempt wrote the outcome.
     */
    Uni<Boolean> finish(Claim claim, List<Step> pending, InvestigationStatus status, RcaReport report, String reason, Record event,
            Instant now) {
        return Panache.withTransaction(() -> lock(claim).flatMap(current -> {
            if (!ownedBy(current, claim)) {
                return Uni.createFrom().item(false);
            }
            if (status == InvestigationStatus.COMPLETED && current.cancelRequested) {
                throw new RunInterrupted(RunInterrupted.Why.CANCEL_REQUESTED, "cancelled by an operator");
            }
            current.status = status;
            current.reportJson = report == null ? null : write(report);
            current.outcomeReason = reason;
            current.finishedAt = now;
            current.leaseExpiresAt = null;
            return append(claim, pending, now)
                    .flatMap(ignored -> events.append(claim.investigationId() + ":" + status.wireName(), claim.investigationId(),
                            event, now))
                    .replaceWith(true);
        })).invoke(written -> {
            if (written) {
                relay.wake();
            }
        });
    }

    /** The steps' events in their order, each under an id unique to the attempt and the step. */
    private Uni<Void> append(Claim claim, List<Step> steps, Instant now) {
        return events.appendAll(claim.investigationId(), steps.stream()
                .map(step -> new EventLog.Entry(claim.investigationId() + ":" + claim.attempt() + ":" + step.name(), step.event()))
                .toList(), now);
    }

    /**
     * Reads the investigation with its row locked until the transaction ends, so the worker's
     * steps and an operator's cancel never overwrite each other.
     */
    private static Uni<Investigation> lock(Claim claim) {
        return Investigation.findById(claim.investigationId(), LockModeType.PESSIMISTIC_WRITE);
    }

    private static boolean ownedBy(Investigation current, Claim claim) {
        return current != null && current.status == InvestigationStatus.RUNNING && current.attempt == claim.attempt();
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored investigation is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report", e);
        }
    }
}
