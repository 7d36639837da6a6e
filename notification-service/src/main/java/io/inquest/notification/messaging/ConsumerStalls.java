package io.inquest.notification.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which consumers are holding a record because something it needs is down, since when, and
 * the last error: what the readiness check reports.
 */
@ApplicationScoped
public class ConsumerStalls {

    /** A channel waiting on a dependency. */
    public record Stall(Instant since, long failedAttempts, String lastError) {
    }

    private final Map<String, Stall> stalls = new ConcurrentHashMap<>();

    /** Notes one more failed attempt; the first one starts the stall. */
    public Stall failed(String channel, Throwable failure) {
        String error = RecordFailures.describe(failure);
        return stalls.merge(channel, new Stall(Instant.now(), 1, error),
                (ongoing, next) -> new Stall(ongoing.since(), ongoing.failedAttempts() + 1, error));
    }

    /** The channel's record went through (or turned out to be poison): it waits no more. */
    public Optional<Stall> resumed(String channel) {
        return Optional.ofNullable(stalls.remove(channel));
    }

    public Map<String, Stall> current() {
        return Map.copyOf(stalls);
    }
}
