package io.inquest.investigation.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import io.inquest.investigation.background.BackgroundContexts;
import io.inquest.investigation.background.CoalescingTask;
import io.inquest.investigation.store.Investigation;
import io.inquest.investigation.store.InvestigationStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Claims queued investigations, and running ones whose worker died (lease expired), up to the
 * configured concurrency, and runs each on its own isolated context. The claim is a conditional
 * update, so two instances never run the same attempt. One whose attempts are used up is not run
 * again but ended as failed ({@link AbandonedRuns}).
 */
@ApplicationScoped
public class InvestigationDispatcher {

    private static final Logger LOG = Logger.getLogger(InvestigationDispatcher.class);

    private final RunSettings settings;
    private final InvestigationRunner runner;
    private final BackgroundContexts contexts;
    private final AtomicInteger active = new AtomicInteger();
    private final CoalescingTask task;
    private final AbandonedRuns abandoned;

    public InvestigationDispatcher(RunSettings settings, InvestigationRunner runner, BackgroundContexts contexts,
            AbandonedRuns abandoned) {
        this.settings = settings;
        this.runner = runner;
        this.contexts = contexts;
        this.abandoned = abandoned;
        this.task = new CoalescingTask("dispatcher", contexts, this::claimAndStart);
    }

    /** Asks for a dispatch pass soon: a new investigation was queued or a worker became free. */
    public void wake() {
        task.trigger();
    }

    @Scheduled(every = "${inquest.investigations.poll-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not before the messaging channels are wired, nor while the pools shut down.
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        task.trigger();
    }

    public int active() {
        return active.get();
    }

    private Uni<Boolean> claimAndStart() {
        int free = settings.concurrency() - active.get();
        if (free <= 0) {
            return Uni.createFrom().item(false);
        }
        Instant now = Instant.now();
        return Panache.withSession(() -> Investigation.<Investigation>find(
                "status = ?1 or (status = ?2 and leaseExpiresAt < ?3) order by createdAt",
                InvestigationStatus.QUEUED, InvestigationStatus.RUNNING, now).page(0, free).list())
                .flatMap(candidates -> Multi.createFrom().iterable(candidates)
                        .onItem().transformToUniAndConcatenate(this::claim)
                        .collect().in(ArrayList<Claim>::new, (claims, claim) -> {
                            if (claim != null) {
                                claims.add(claim);
                            }
                        })
                        .map(claims -> {
                            claims.forEach(this::start);
                            return candidates.size() == free && !claims.isEmpty();
                        }));
    }

    private Uni<Claim> claim(Investigation candidate) {
        if (abandoned.exhausted(candidate)) {
            return abandoned.giveUp(candidate).replaceWith((Claim) null);
        }
        Instant now = Instant.now();
        int attempt = candidate.attempt + 1;
        return Panache.withTransaction(() -> Investigation.update(
                "status = ?1, attempt = ?2, leaseExpiresAt = ?3, startedAt = coalesce(startedAt, ?4) "
                        + "where id = ?5 and attempt = ?6 and (status = ?7 or (status = ?1 and leaseExpiresAt < ?4))",
                InvestigationStatus.RUNNING, attempt, now.plus(settings.lease()), now, candidate.id, candidate.attempt,
                InvestigationStatus.QUEUED))
                .map(updated -> updated == 1 ? new Claim(candidate.id, attempt) : null);
    }

    private void start(Claim claim) {
        active.incrementAndGet();
        if (claim.attempt() > 1) {
            LOG.infof("investigation %s resumed (attempt %d): its previous worker stopped", claim.investigationId(),
                    claim.attempt());
        }
        contexts.runIsolated(() -> runner.run(claim)).subscribe().with(
                done -> finished(),
                failure -> {
                    LOG.errorf(failure, "investigation %s: run ended abnormally", claim.investigationId());
                    finished();
                });
    }

    private void finished() {
        active.decrementAndGet();
        wake();
    }
}
