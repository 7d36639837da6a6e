package io.inquest.notification.delivery;

import java.util.List;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends what is due, pass after pass: claims a batch ({@link DeliveryClaims}), sends it side by
 * side ({@link DeliverySender}) and records each outcome as soon as its send ends
 * ({@link DeliveryOutcomes}). The schedule lives in the delivery table, so retries survive a
 * restart.
 */
@ApplicationScoped
public class DeliveryLoop {

    private static final Logger LOG = Logger.getLogger(DeliveryLoop.class);

    private final DeliveryClaims claims;
    private final DeliverySender sender;
    private final DeliveryOutcomes outcomes;

    public DeliveryLoop(DeliveryClaims claims, DeliverySender sender, DeliveryOutcomes outcomes) {
        this.claims = claims;
        this.sender = sender;
        this.outcomes = outcomes;
    }

    @Scheduled(every = "${inquest.delivery.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not before the messaging channels are wired, nor while the pools shut down.
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sendDue() {
        return claims.claimDue()
                .flatMap(due -> due.isEmpty() ? Uni.createFrom().item(0) : sendAll(due).replaceWith(due.size()))
                // A full batch means more may be waiting: go on without waiting for the next tick.
                .flatMap(sent -> sent == claims.batch() ? sendDue() : Uni.createFrom().voidItem())
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("delivery pass failed (retried on the next tick): %s", e.toString());
                    return null;
                });
    }

    /**
     * Each outcome is recorded in its own transaction: a failed write re-sends (once the claim
     * expires) only the email whose outcome it was, never the rest of the batch.
     */
    private Uni<Void> sendAll(List<Delivery> due) {
        return Multi.createFrom().iterable(due)
                .onItem().transformToUniAndMerge(sender::send)
                .onItem().transformToUniAndConcatenate(outcomes::record)
                .collect().last().replaceWithVoid();
    }
}
