package io.inquest.investigation.intake;

import java.time.Instant;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.AlertResolved;
import io.inquest.events.EventType;
import io.inquest.events.InvestigationQueued;
import io.inquest.events.InvestigationRequested;
import io.inquest.investigation.messaging.DependencyRetry;
import io.inquest.investigation.messaging.PoisonRecordException;
import io.inquest.investigation.outbox.OutboxRelay;
import io.inquest.investigation.run.InvestigationDispatcher;
import io.inquest.investigation.store.EventLog;
import io.inquest.investigation.store.Investigation;
import io.inquest.investigation.store.InvestigationStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stores each requested investigation as {@code queued}, then acknowledges the record. A
 * repeated request for the same id changes nothing; an unreadable record goes to the
 * dead-letter topic and the consumer goes on. While the database is away the record waits
 * ({@link DependencyRetry}): a request the gateway answered {@code 202} for is never dead-lettered
 * for an outage, however long.
 */
@ApplicationScoped
public class InvestigationRequestConsumer {

    private static final Logger LOG = Logger.getLogger(InvestigationRequestConsumer.class);
    private static final String CHANNEL = "investigation-requests";

    private final ObjectMapper json;
    private final EventLog events;
    private final OutboxRelay relay;
    private final InvestigationDispatcher dispatcher;
    private final DependencyRetry retry;

    public InvestigationRequestConsumer(ObjectMapper json, EventLog events, OutboxRelay relay,
            InvestigationDispatcher dispatcher, DependencyRetry retry) {
        this.json = json;
        this.events = events;
        this.relay = relay;
        this.dispatcher = dispatcher;
        this.retry = retry;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> record) {
        if (EventType.ALERT_RESOLVED.ceType().equals(ceTypeOf(record))) {
            return resolved(record);
        }
        InvestigationRequested request;
        try {
            request = parse(record);
        } catch (PoisonRecordException poison) {
            LOG.warnf("investigation request sent to the dead-letter topic: %s", poison.getMessage());
            return Uni.createFrom().completionStage(record.nack(poison));
        }
        return retry.untilDone(CHANNEL, () -> store(request))
                .flatMap(created -> {
                    if (created) {
                        LOG.infof("investigation %s queued: %s", request.investigationId(), request.alert().title());
                        relay.wake();
                        dispatcher.wake();
                    } else {
                        LOG.debugf("investigation %s already known, request ignored", request.investigationId());
                    }
                    return Uni.createFrom().completionStage(record.ack());
                })
                .onFailure().recoverWithUni(poison -> {
                    LOG.errorf("investigation %s sent to the dead-letter topic: %s", request.investigationId(), poison.getMessage());
                    return Uni.createFrom().completionStage(record.nack(poison));
                });
    }

    /**
     * The alert cleared at its source. The run goes on (why it fired is still worth knowing); the
     * resolution becomes part of the investigation's history, stored as already published since
     * it came from Kafka in the first place.
     */
    private Uni<Void> resolved(Message<String> record) {
        AlertResolved resolved;
        try {
            resolved = json.readValue(record.getPayload(), AlertResolved.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warnf("alert resolution sent to the dead-letter topic: %s", e.getMessage());
            return Uni.createFrom().completionStage(record.nack(new PoisonRecordException("not an AlertResolved", e)));
        }
        if (resolved == null || resolved.investigationId() == null) {
            return Uni.createFrom().completionStage(record.nack(new PoisonRecordException("AlertResolved without investigationId", null)));
        }
        Instant at = resolved.resolvedAt() == null ? Instant.now() : resolved.resolvedAt();
        return retry.untilDone(CHANNEL, () -> Panache.withTransaction(() -> Investigation.<Investigation>findById(resolved.investigationId())
                .flatMap(investigation -> investigation == null ? Uni.createFrom().item(false)
                        : events.recordHistory(resolved.investigationId() + ":resolved", resolved.investigationId(), resolved, at))))
                .flatMap(recorded -> {
                    LOG.infof("investigation %s: alert resolved at %s (%s)", resolved.investigationId(), resolved.source(),
                            recorded ? "recorded" : "no such investigation or already recorded");
                    return Uni.createFrom().completionStage(record.ack());
                })
                .onFailure().recoverWithUni(poison -> {
                    LOG.errorf("resolution of investigation %s sent to the dead-letter topic: %s", resolved.investigationId(),
                            poison.getMessage());
                    return Uni.createFrom().completionStage(record.nack(poison));
                });
    }

    private static String ceTypeOf(Message<String> record) {
        return record.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType)
                .orElse(EventType.INVESTIGATION_REQUESTED.ceType());
    }

    private InvestigationRequested parse(Message<String> record) {
        String ceType = ceTypeOf(record);
        if (!EventType.INVESTIGATION_REQUESTED.ceType().equals(ceType)) {
            throw new PoisonRecordException("unexpected ce_type " + ceType, null);
        }
        if (record.getPayload() == null) {
            throw new PoisonRecordException("empty record", null);
        }
        try {
            InvestigationRequested request = json.readValue(record.getPayload(), InvestigationRequested.class);
            if (request.investigationId() == null || request.investigationId().isBlank()
                    || request.alert() == null || request.alert().title() == null) {
                throw new PoisonRecordException("investigationId, alert and alert.title are required", null);
            }
            return request;
        } catch (JsonProcessingException e) {
            throw new PoisonRecordException("not an InvestigationRequested: " + e.getOriginalMessage(), e);
        }
    }

    private Uni<Boolean> store(InvestigationRequested request) {
        return Panache.withTransaction(() -> Investigation.<Investigation>findById(request.investigationId())
                .flatMap(existing -> existing != null ? Uni.createFrom().item(false) : insert(request)));
    }

    private Uni<Boolean> insert(InvestigationRequested request) {
        Instant now = Instant.now();
        Investigation investigation = new Investigation();
        investigation.id = request.investigationId();
        investigation.status = InvestigationStatus.QUEUED;
        investigation.source = request.alert().source();
        investigation.title = request.alert().title();
        investigation.service = request.alert().service();
        investigation.severity = request.alert().severity() == null ? "warning" : request.alert().severity().wireName();
        investigation.alertStartsAt = request.alert().startsAt() == null ? request.requestedAt() : request.alert().startsAt();
        investigation.alertJson = write(request.alert());
        investigation.recipientsJson = write(request.recipients());
        investigation.createdAt = now;
        return investigation.persist()
                .flatMap(saved -> events.append(investigation.id + ":queued", investigation.id,
                        new InvestigationQueued(investigation.id, investigation.title, investigation.service, now), now))
                .replaceWith(true);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new PoisonRecordException("cannot store the request: " + e.getOriginalMessage(), e);
        }
    }
}
