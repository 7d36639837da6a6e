package io.inquest.notification.delivery;

import java.time.Instant;
import java.util.List;

import org.jboss.logging.Logger;

import io.inquest.notification.NotificationSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends due deliveries: new ones and retries whose time has come. The schedule lives in the
 * delivery table, so retries survive a restart, and a delivery is claimed (row lock, skip
 * locked, then a claim deadline) before it is sent, so two instances never send the same one.
 * What came of each send is recorded by {@link DeliveryOutcomes}.
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
    private final NotificationSettings.Delivery settings;
    private final DeliveryOutcomes outcomes;

    public DeliverySender(ReactiveMailer mailer, DeliveryOutcomes outcomes, NotificationSettings settings) {
        this.mailer = mailer;
        this.outcomes = outcomes;
        this.settings = settings.delivery();
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

    /**
     * Sends the batch side by side and records each outcome as soon as its send ends, in its own
     * transaction: a failed write re-sends (once the claim expires) only the email whose outcome
     * it was, never the rest of the batch.
     */
    private Uni<Void> sendAll(List<Delivery> due) {
        return Multi.createFrom().iterable(due)
                .onItem().transformToUniAndMerge(this::send)
                .onItem().transformToUniAndConcatenate(outcomes::record)
                .collect().last().replaceWithVoid();
    }

    private Uni<Attempt> send(Delivery delivery) {
        Mail mail = Mail.withText(delivery.recipient, delivery.subject, delivery.textBody)
                .setHtml(delivery.htmlBody)
                .addHeader("Message-ID", delivery.messageId);
        return mailer.send(mail)
                .map(sent -> new Attempt(delivery, null))
                .onFailure().recoverWithItem(e -> new Attempt(delivery, SendFailure.of(e)));
    }

}
