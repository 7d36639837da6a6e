package io.inquest.investigation.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.Alert;
import io.inquest.events.InvestigationFailed;
import io.inquest.events.RunStats;
import io.inquest.investigation.outbox.OutboxRelay;
import io.inquest.investigation.store.EventLog;
import io.inquest.investigation.store.Investigation;
import io.inquest.investigation.store.InvestigationStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/**
 * Ends an investigation whose every attempt lost its worker (the lease expired each time: a run
 * that kills or hangs the process it runs in) as {@code failed}, with the reason and its terminal
 * event, so its email still goes out and no worker takes it up again.
 */
@ApplicationScoped
public class AbandonedRuns {

    private static final Logger LOG = Logger.getLogger(AbandonedRuns.class);

    private final EventLog events;
    private final OutboxRelay relay;
    private final RunSettings settings;
    private final ObjectMapper json;

    public AbandonedRuns(EventLog events, OutboxRelay relay, RunSettings settings, ObjectMapper json) {
        this.events = events;
        this.relay = relay;
        this.settings = settings;
        this.json = json;
    }

    /** Whether a running investigation whose lease expired has had all its attempts. */
    boolean exhausted(Investigation candidate) {
        return candidate.status == InvestigationStatus.RUNNING && candidate.attempt >= settings.maxAttempts();
    }

    /**
     * Fails {@code candidate} if it is still running at the attempt it was read with and its lease
     * is still expired (a late worker's step renewed nothing); true when this call ended it.
     */
    Uni<Boolean> giveUp(Investigation candidate) {
        Instant now = Instant.now();
        String reason = "gave up after " + candidate.attempt + " attempts: each time, its worker stopped before finishing"
                + " (no step within the " + settings.lease().toSeconds()
                + " s lease), so this alert may crash or hang the investigation-service";
        return Panache.withTransaction(() -> Investigation.<Investigation>findById(candidate.id, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(current -> {
                    if (current == null || current.status != InvestigationStatus.RUNNING || current.attempt != candidate.attempt
                            || current.leaseExpiresAt == null || !current.leaseExpiresAt.isBefore(now)) {
                        return Uni.createFrom().item(false);
                    }
                    current.status = InvestigationStatus.FAILED;
                    current.outcomeReason = reason;
                    current.finishedAt = now;
                    current.leaseExpiresAt = null;
                    long ms = current.startedAt == null ? 0 : Duration.between(current.startedAt, now).toMillis();
                    InvestigationFailed failed = new InvestigationFailed(current.id, read(current.alertJson, new TypeReference<Alert>() { }),
                            read(current.recipientsJson, new TypeReference<List<String>>() { }), reason,
                            new RunStats(0, 0, 0, ms), now);
                    return events.append(current.id + ":failed", current.id, failed, now);
                }))
                .invoke(ended -> {
                    if (ended) {
                        LOG.errorf("investigation %s failed: %s", candidate.id, reason);
                        relay.wake();
                    }
                });
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return text == null ? null : json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored investigation is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
