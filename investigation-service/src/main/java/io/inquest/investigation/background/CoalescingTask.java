package io.inquest.investigation.background;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * A pass of background work that many triggers may ask for at once: one pass runs at a time,
 * and a trigger that arrives during a pass causes exactly one more pass after it.
 */
public final class CoalescingTask {

    private static final Logger LOG = Logger.getLogger(CoalescingTask.class);

    private final String name;
    private final BackgroundContexts contexts;
    private final Supplier<Uni<Boolean>> pass;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();

    /** @param pass one pass; its item says whether more work is left right away */
    public CoalescingTask(String name, BackgroundContexts contexts, Supplier<Uni<Boolean>> pass) {
        this.name = name;
        this.contexts = contexts;
        this.pass = pass;
    }

    public void trigger() {
        requested.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        requested.set(false);
        contexts.runIsolated(pass).subscribe().with(this::finished, failure -> {
            LOG.warnf("%s pass failed (retried on the next trigger): %s", name, failure.toString());
            running.set(false);
        });
    }

    private void finished(Boolean moreLeft) {
        running.set(false);
        if (Boolean.TRUE.equals(moreLeft) || requested.get()) {
            trigger();
        }
    }
}
