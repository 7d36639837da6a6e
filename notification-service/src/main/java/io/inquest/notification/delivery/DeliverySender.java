package io.inquest.notification.delivery;

import java.time.Instant;
import java.util.List;

import org.jboss.logging.Logger;

import io.inquest.notification.NotificationSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends due deliveries: new ones and retries whose time has come. The schedule lives in the
 * delivery table, so retries survive a restart, and a delivery is claimed (row lock, skip
 * locked, then a claim deadline) before it is sent, so two instances never send the same one.
 */
@ApplicationScoped
public class DeliverySender {

    private static final Logger LOG = Logger.getLogger(DeliverySender.class);

    private static final String DUE = """
            select id from delivery
            where status in ('pending', 'retrying') and next_attempt_at <= :now
              and (claimed_until is null or claimed_until < :now)
            order by next_attempt_at
            limit :batch
            for update skip locked""";

    private final ReactiveMailer mailer;
    private final NotificationEvents events;
    private final NotificationSettings.Delivery settings;
    private final RetrySchedule retries;

    public DeliverySender(ReactiveMailer mailer, NotificationEvents events, NotificationSettings settings) {
        this.mailer = mailer;
        this.events = events;
        this.settings = settings.delivery();
        this.retries = RetrySchedule.of(settings.delivery());
    }

    /** The result of one attempt at one delivery; {@code failure} is null when the server took it. */
    private record Attempt(Delivery delivery, SendFailure failure) {
    }

    @Scheduled(every = "${inquest.delivery.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not before the messaging channels are wired, nor while the pools shut down.
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sendDue() {
        return claimDue()
                .flatMap(due -> due.isEmpty() ? Uni.createFrom().item(0) : sendAll(due).replaceWith(due.size()))
                // A full batch means more may be waiting: go on without waiting for the next tick.
                .flatMap(sent -> sent == settings.batch() ? sendDue() : Uni.createFrom().voidItem())
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("delivery pass failed (retried on the next tick): %s", e.toString());
                    return null;
                });
    }

    private Uni<List<Delivery>> claimDue() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery(DUE, Long.class)
                        .setParameter("now", now)
                        .setParameter("batch", settings.batch())
                        .getResultList())
                .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Delivery>of())
                        : Delivery.update("claimedUntil = ?1, attempts = attempts + 1 where id in ?2",
                                now.plus(settings.claim()), ids)
                                .flatMap(claimed -> Delivery.<Delivery>list("id in ?1 order by nextAttemptAt", ids))));
    }

    private Uni<Void> sendAll(List<Delivery> due) {
        List<Uni<Attempt>> attempts = due.stream().map(this::send).toList();
        return Uni.join().all(attempts).andCollectFailures()
                .flatMap(done -> Panache.withTransaction(() -> record(done)).replaceWith(done))
                .flatMap(this::publish);
    }

    private Uni<Attempt> send(Delivery delivery) {
        Mail mail = Mail.withText(delivery.recipient, delivery.subject, delivery.textBody)
                .setHtml(delivery.htmlBody)
                .addHeader("Message-ID", delivery.messageId);
        return mailer.send(mail)
                .map(sent -> new Attempt(delivery, null))
                .onFailure().recoverWithItem(e -> new Attempt(delivery, SendFailure.of(e)));
    }

    private Uni<Void> record(List<Attempt> attempts) {
        Instant now = Instant.now();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Attempt attempt : attempts) {
            chain = chain.flatMap(previous -> record(attempt, now));
        }
        return chain;
    }

    private Uni<Void> record(Attempt attempt, Instant now) {
        return update(attempt, now).flatMap(updated -> DeliveryAttempt.of(attempt.delivery(), now).persist()).replaceWithVoid();
    }

    private Uni<Void> update(Attempt attempt, Instant now) {
        Delivery delivery = attempt.delivery();
        if (attempt.failure() == null) {
            delivery.status = DeliveryStatus.SENT;
            delivery.sentAt = now;
            delivery.lastError = null;
            LOG.infof("investigation %s: %s email sent (delivery %d, a recipient at %s, attempt %d)", delivery.investigationId,
                    delivery.kind, delivery.id, domainOf(delivery.recipient), delivery.attempts);
            return Delivery.update("status = ?1, sentAt = ?2, lastError = null, claimedUntil = null where id = ?3",
                    DeliveryStatus.SENT, now, delivery.id).replaceWithVoid();
        }
        delivery.lastError = attempt.failure().reason();
        if (!attempt.failure().permanent() && retries.allowsAnotherAfter(delivery.attempts)) {
            delivery.status = DeliveryStatus.RETRYING;
            delivery.nextAttemptAt = now.plus(retries.delayAfter(delivery.attempts));
            LOG.warnf("investigation %s: email failed (delivery %d, a recipient at %s, attempt %d), retrying at %s: %s",
                    delivery.investigationId, delivery.id, domainOf(delivery.recipient), delivery.attempts, delivery.nextAttemptAt,
                    delivery.lastError);
            return Delivery.update("status = ?1, lastError = ?2, nextAttemptAt = ?3, claimedUntil = null where id = ?4",
                    DeliveryStatus.RETRYING, delivery.lastError, delivery.nextAttemptAt, delivery.id).replaceWithVoid();
        }
        delivery.status = DeliveryStatus.FAILED;
        delivery.failedAt = now;
        LOG.errorf("investigation %s: email failed for good (delivery %d, a recipient at %s) after %d attempt(s): %s",
                delivery.investigationId, delivery.id, domainOf(delivery.recipient), delivery.attempts, delivery.lastError);
        return Delivery.update("status = ?1, lastError = ?2, failedAt = ?3, claimedUntil = null where id = ?4",
                DeliveryStatus.FAILED, delivery.lastError, now, delivery.id).replaceWithVoid();
    }

    /**
     * Recipients are personal data: the log names the delivery (its row, shown with the investigation's
     * notifications) and the recipient's mail domain, which is what a mail problem usually depends on.
     */
    static String domainOf(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? "an unknown domain" : address.substring(at + 1);
    }

    private Uni<Void> publish(List<Attempt> attempts) {
        List<Uni<Void>> published = attempts.stream().map(attempt -> {
            Delivery delivery = attempt.delivery();
            return switch (delivery.status) {
                case SENT -> events.delivered(delivery, delivery.sentAt);
                case RETRYING -> events.failed(delivery, delivery.lastError, true, Instant.now());
                default -> events.failed(delivery, delivery.lastError, false, delivery.failedAt);
            };
        }).toList();
        return Uni.join().all(published).andCollectFailures().replaceWithVoid();
    }
}
