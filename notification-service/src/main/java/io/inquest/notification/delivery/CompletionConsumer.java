package io.inquest.notification.delivery;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.Alert;
import io.inquest.events.EventType;
import io.inquest.events.InvestigationCompleted;
import io.inquest.events.InvestigationFailed;
import io.inquest.notification.email.EmailContent;
import io.inquest.notification.email.RcaEmails;
import io.inquest.notification.messaging.DependencyRetry;
import io.inquest.notification.messaging.UnreadableEventException;
import io.inquest.notification.smtp.SmtpSettings;
import io.inquest.notification.subscription.Subscriptions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns each terminal investigation event into deliveries: completed and failed investigations
 * get an email per recipient, cancelled ones none. The record is acknowledged once the
 * deliveries are stored; sending is {@link DeliveryLoop}'s job, so a slow or absent SMTP
 * server never holds up the topic. An unreadable record goes to the dead-letter topic; a good one
 * waits for the database however long it is away ({@link DependencyRetry}).
 */
@ApplicationScoped
public class CompletionConsumer {

    private static final Logger LOG = Logger.getLogger(CompletionConsumer.class);
    private static final String CHANNEL = "investigation-completions";

    private final ObjectMapper json;
    private final RcaEmails emails;
    private final DeliveryLedger ledger;
    private final SmtpSettings smtp;
    private final Subscriptions subscriptions;
    private final DependencyRetry retry;
    private final DeliveryLoop deliveries;

    public CompletionConsumer(ObjectMapper json, RcaEmails emails, DeliveryLedger ledger, SmtpSettings smtp,
            Subscriptions subscriptions, DependencyRetry retry, DeliveryLoop deliveries) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.retry = retry;
        this.json = json;
        this.emails = emails;
        this.ledger = ledger;
        this.smtp = smtp;
    }

    /** One email to send for a terminal event. */
    private record Outcome(String investigationId, DeliveryKind kind, Alert alert, List<String> recipients, EmailContent email) {
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> record) {
        Optional<Outcome> outcome;
        try {
            outcome = read(record);
        } catch (UnreadableEventException unreadable) {
            LOG.warnf("completion event sent to the dead-letter topic: %s", unreadable.getMessage());
            return Uni.createFrom().completionStage(record.nack(unreadable));
        }
        if (outcome.isEmpty()) {
            return Uni.createFrom().completionStage(record.ack());
        }
        Outcome email = outcome.get();
        return retry.untilDone(CHANNEL, () -> Panache.withSession(() -> subscriptions.addressesFor(email.alert()))
                .flatMap(subscribed -> {
                    Set<String> recipients = Recipients.merge(smtp.defaultTo().orElse(List.of()), email.recipients(), subscribed);
                    if (recipients.isEmpty()) {
                        LOG.warnf("investigation %s: no recipients (set SMTP_DEFAULT_TO, the alert's notify or a subscription),"
                                + " no email sent", email.investigationId());
                        return Uni.createFrom().item(0);
                    }
                    return ledger.record(email.investigationId(), email.kind(), recipients, email.email());
                }))
                .flatMap(added -> {
                    if (added > 0) {
                        LOG.infof("investigation %s: %s email queued for %d recipient(s)", email.investigationId(),
                                email.kind().wireName(), added);
                        // Committed: the sender can claim them now rather than at its next poll.
                        deliveries.wake();
                    } else {
                        LOG.debugf("investigation %s: %s already recorded or nobody to send to", email.investigationId(),
                                email.kind().wireName());
                    }
                    return Uni.createFrom().completionStage(record.ack());
                })
                .onFailure().recoverWithUni(poison -> {
                    LOG.errorf("investigation %s: completion sent to the dead-letter topic: %s", email.investigationId(),
                            poison.getMessage());
                    return Uni.createFrom().completionStage(record.nack(poison));
                });
    }

    private Optional<Outcome> read(Message<String> record) {
        String ceType = record.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType)
                .orElseThrow(() -> new UnreadableEventException("no CloudEvent type (ce_type header)", null));
        EventType type = EventType.ofCeType(ceType)
                .orElseThrow(() -> new UnreadableEventException("unknown ce_type " + ceType, null));
        if (record.getPayload() == null || record.getPayload().isBlank()) {
            throw new UnreadableEventException("empty " + ceType + " record", null);
        }
        return switch (type) {
            case INVESTIGATION_COMPLETED -> {
                InvestigationCompleted completed = parse(record.getPayload(), InvestigationCompleted.class);
                requireId(completed.investigationId());
                yield Optional.of(new Outcome(completed.investigationId(), DeliveryKind.RCA_COMPLETE, completed.alert(),
                        completed.recipients(), emails.completed(completed)));
            }
            case INVESTIGATION_FAILED -> {
                InvestigationFailed failed = parse(record.getPayload(), InvestigationFailed.class);
                requireId(failed.investigationId());
                yield Optional.of(new Outcome(failed.investigationId(), DeliveryKind.RCA_FAILED, failed.alert(),
                        failed.recipients(), emails.failed(failed)));
            }
            case INVESTIGATION_CANCELLED -> Optional.empty();
            default -> throw new UnreadableEventException(ceType + " does not belong on the completions topic", null);
        };
    }

    private <T> T parse(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static void requireId(String investigationId) {
        if (investigationId == null || !investigationId.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new UnreadableEventException("missing or malformed investigationId", null);
        }
    }
}
