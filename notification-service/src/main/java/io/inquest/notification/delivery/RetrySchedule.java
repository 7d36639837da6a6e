package io.inquest.notification.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.inquest.notification.NotificationSettings;

/** Exponential back-off with ±20 % jitter, so recipients of one outage do not all retry at once. */
public record RetrySchedule(Duration initial, Duration max, int maxAttempts) {

    public static RetrySchedule of(NotificationSettings.Delivery settings) {
        return new RetrySchedule(settings.retryInitial(), settings.retryMax(), settings.maxAttempts());
    }

    /** Whether another attempt is allowed after {@code attemptsSoFar}. */
    public boolean allowsAnotherAfter(int attemptsSoFar) {
        return attemptsSoFar < maxAttempts;
    }

    /** The wait after the given (1-based) failed attempt. */
    public Duration delayAfter(int attempt) {
        long base = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
        long capped = Math.min(base <= 0 ? max.toMillis() : base, max.toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, Math.round(capped * jitter)));
    }
}
