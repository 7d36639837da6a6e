package io.inquest.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.inquest.notification.NotificationSettings;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.ConsumeEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends what is due, pass after pass: claims a batch ({@link DeliveryClaims}), sends it side by
 * side ({@link DeliverySender}) and records each outcome as soon as its send ends
 * ({@link DeliveryOutcomes}). The schedule lives in the delivery table, so retries survive a
 * restart.
 *
 * <p>A pass starts when work is written, not on a clock: when deliveries are recorded
 * ({@link #wake()}), when a retry falls due, when a claim whose outcome was not written runs out,
 * and after a failed pass. The poll ({@code inquest.delivery.poll-interval}) is only the safety net
 * for what no wake covers (another instance's claims, the retries pending at a restart). One pass
 * runs at a time; a wake during a pass causes exactly one more.
 */
@ApplicationScoped
public class DeliveryLoop {

    private static final Logger LOG = Logger.getLogger(DeliveryLoop.class);
    /** Event-bus address of a pass: its consumer runs on its own duplicated context, as database sessions need. */
    static final String PASS = "inquest.delivery.pass";

    private final DeliveryClaims claims;
    private final DeliverySender sender;
    private final DeliveryOutcomes outcomes;
    private final NotificationSettings.Delivery settings;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();

    public DeliveryLoop(DeliveryClaims claims, DeliverySender sender, DeliveryOutcomes outcomes, NotificationSettings settings,
            Vertx vertx) {
        this.claims = claims;
        this.sender = sender;
        this.outcomes = outcomes;
        this.settings = settings.delivery();
        this.vertx = vertx;
    }

    /** Asks for a pass soon: deliveries were recorded, or something came due. Safe from any thread. */
    public void wake() {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            requested.set(false);
            // The reply comes when the pass ends; only "nobody listens" (before start-up wired the
            // consumer) means no pass will run and the flag must be let go.
            vertx.eventBus().request(PASS, "", new DeliveryOptions().setSendTimeout(Duration.ofDays(1).toMillis()), reply -> {
                if (reply.failed() && reply.cause() instanceof ReplyException refused
                        && refused.failureType() == ReplyFailure.NO_HANDLERS) {
                    running.set(false);
                }
            });
        }
    }

    @Scheduled(every = "${inquest.delivery.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not before the messaging channels are wired, nor while the pools shut down.
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wake();
    }

    @ConsumeEvent(PASS)
    Uni<Void> pass(String ignored) {
        return sendDue().eventually(() -> {
            running.set(false);
            if (requested.get()) {
                wake();
            }
        });
    }

    private Uni<Void> sendDue() {
        return claims.claimDue()
                .flatMap(due -> due.isEmpty() ? Uni.createFrom().item(0) : sendAll(due).replaceWith(due.size()))
                // A full batch means more may be waiting: go on at once.
                .flatMap(sent -> sent == claims.batch() ? sendDue() : Uni.createFrom().voidItem())
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("delivery pass failed (retried in %s): %s", settings.retryInitial(), e.toString());
                    wakeAfter(settings.retryInitial());
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
                .onItem().transformToUniAndConcatenate(attempt -> outcomes.record(attempt).invoke(recorded -> {
                    if (!recorded) {
                        wakeAfter(settings.claim());
                    } else if (attempt.delivery().status == DeliveryStatus.RETRYING) {
                        wakeAfter(Duration.between(Instant.now(), attempt.delivery().nextAttemptAt));
                    }
                }))
                .collect().last().replaceWithVoid();
    }

    private void wakeAfter(Duration delay) {
        // A Vert.x timer needs at least 1 ms; the retry's own time is checked again by the claim query.
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> wake());
    }
}
