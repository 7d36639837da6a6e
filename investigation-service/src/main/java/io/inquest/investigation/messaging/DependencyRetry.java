package io.inquest.investigation.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs a consumer's work on one record until it is done, however long the database (or whatever
 * else it needs) is away: no attempt limit and no time limit, backing off exponentially up to
 * 5 s between attempts. The record is not acknowledged meanwhile, so its partition does not
 * move on; the connector stops fetching once its queue is full. Only a record that can never
 * succeed ends the wait, as a {@link PoisonRecordException} for the dead-letter topic.
 */
@ApplicationScoped
public class DependencyRetry {

    private static final Logger LOG = Logger.getLogger(DependencyRetry.class);

    private final ConsumerStalls stalls;

    public DependencyRetry(ConsumerStalls stalls) {
        this.stalls = stalls;
    }

    @AsynchronousNonBlocking
    @Retry(maxRetries = -1, maxDuration = 0, delay = 200, jitter = 100, abortOn = PoisonRecordException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 5_000)
    public <T> Uni<T> untilDone(String channel, Supplier<Uni<T>> work) {
        return Uni.createFrom().<T>deferred(() -> work.get())
                .onFailure().transform(RecordFailures::asPoisonIfPermanent)
                .onFailure(failure -> !(failure instanceof PoisonRecordException)).invoke(failure -> {
                    ConsumerStalls.Stall stall = stalls.failed(channel, failure);
                    if (stall.failedAttempts() == 1 || stall.failedAttempts() % 20 == 0) {
                        LOG.warnf("%s: waiting for a dependency since %s (%d failed attempts; the record is kept and the channel waits): %s",
                                channel, stall.since(), stall.failedAttempts(), stall.lastError());
                    }
                })
                .onItemOrFailure().invoke((item, failure) -> {
                    if (failure == null || failure instanceof PoisonRecordException) {
                        stalls.resumed(channel).ifPresent(stall -> LOG.infof("%s: going on after waiting %s (%d failed attempts)",
                                channel, Duration.between(stall.since(), Instant.now()), stall.failedAttempts()));
                    }
                });
    }
}
