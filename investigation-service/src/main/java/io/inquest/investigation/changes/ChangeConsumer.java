package io.inquest.investigation.changes;

import java.time.Instant;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.ChangeRecorded;
import io.inquest.investigation.messaging.DependencyRetry;
import io.inquest.investigation.messaging.PoisonRecordException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stores every recorded change once (by its id); an unreadable record goes to the dead-letter
 * topic, a good one waits for the database however long it is away ({@link DependencyRetry}).
 */
@ApplicationScoped
public class ChangeConsumer {

    private static final Logger LOG = Logger.getLogger(ChangeConsumer.class);
    private static final String CHANNEL = "change-events";

    private final ObjectMapper json;
    private final DependencyRetry retry;

    public ChangeConsumer(ObjectMapper json, DependencyRetry retry) {
        this.json = json;
        this.retry = retry;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> record) {
        ChangeRecorded change;
        try {
            change = json.readValue(record.getPayload() == null ? "" : record.getPayload(), ChangeRecorded.class);
            if (change.changeId() == null || change.service() == null || change.kind() == null || change.at() == null) {
                throw new PoisonRecordException("changeId, service, kind and at are required", null);
            }
        } catch (JsonProcessingException | PoisonRecordException e) {
            LOG.warnf("change record sent to the dead-letter topic: %s", e.getMessage());
            return Uni.createFrom().completionStage(record.nack(e));
        }
        return retry.untilDone(CHANNEL, () -> Panache.withTransaction(() -> StoredChange.<StoredChange>findById(change.changeId())
                .flatMap(existing -> existing != null ? Uni.createFrom().voidItem() : store(change))))
                .flatMap(stored -> Uni.createFrom().completionStage(record.ack()))
                .onFailure().recoverWithUni(poison -> {
                    LOG.errorf("change %s sent to the dead-letter topic: %s", change.changeId(), poison.getMessage());
                    return Uni.createFrom().completionStage(record.nack(poison));
                });
    }

    private Uni<Void> store(ChangeRecorded change) {
        StoredChange row = new StoredChange();
        row.changeId = change.changeId();
        row.service = change.service();
        row.kind = change.kind();
        row.version = change.version();
        row.description = change.description();
        row.author = change.author();
        row.at = change.at();
        row.link = change.link();
        try {
            row.labelsJson = json.writeValueAsString(change.labels());
        } catch (JsonProcessingException e) {
            throw new PoisonRecordException("labels cannot be stored", e);
        }
        row.receivedAt = Instant.now();
        LOG.infof("change %s recorded: %s %s of %s at %s", change.changeId(), change.kind(), change.version(), change.service(),
                change.at());
        return row.persist().replaceWithVoid();
    }
}
