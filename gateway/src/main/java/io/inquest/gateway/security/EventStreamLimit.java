package io.inquest.gateway.security;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.inquest.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How many event streams this gateway keeps open: each holds a connection, a live subscription
 * and a heartbeat timer for as long as the client stays, so their number is bounded
 * ({@code INQUEST_MAX_EVENT_STREAMS}).
 */
@ApplicationScoped
public class EventStreamLimit {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    public EventStreamLimit(GatewayConfig config) {
        this.max = Math.max(1, config.maxEventStreams());
    }

    /** A place for one stream, given back once (whichever way the stream ends). */
    public final class Permit {
        private final AtomicBoolean released = new AtomicBoolean();

        public void release() {
            if (released.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        }
    }

    /** @throws TooManyStreamsException when {@code max} streams are open already */
    public Permit acquire() {
        while (true) {
            int now = open.get();
            if (now >= max) {
                throw new TooManyStreamsException(max);
            }
            if (open.compareAndSet(now, now + 1)) {
                return new Permit();
            }
        }
    }

    int open() {
        return open.get();
    }

    /** Every place is taken: a 503 that says so. */
    public static class TooManyStreamsException extends RuntimeException {
        private final int max;

        TooManyStreamsException(int max) {
            super("This gateway has its " + max + " open event stream" + (max == 1 ? "" : "s")
                    + " (INQUEST_MAX_EVENT_STREAMS) already; retry later or poll GET /api/investigations/{id}.");
            this.max = max;
        }

        public int max() {
            return max;
        }
    }
}
