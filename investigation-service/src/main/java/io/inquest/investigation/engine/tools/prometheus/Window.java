package io.inquest.investigation.engine.tools.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The span and resolution of a range read. Chosen from the alert, never from "now" alone: the
 * data may lie months in the past.
 *
 * @param from first evaluation time
 * @param to   last evaluation time
 * @param step between evaluations
 */
record Window(Instant from, Instant to, Duration step) {

    /** The steps a window snaps to: a reader compares them more easily than 17 s. */
    private static final List<Long> STEPS = List.of(1L, 2L, 5L, 10L, 15L, 30L, 60L, 120L, 300L, 600L, 900L, 1800L, 3600L);

    /**
     * The wide read around an alert: {@code lookBack} before its start to {@code lookAhead} after
     * (but never past {@code now}), at {@code step}, or at the next coarser step that keeps it
     * within {@code maxPoints}.
     */
    static Window around(Instant alertStart, Instant now, Duration lookBack, Duration lookAhead, Duration step, int maxPoints) {
        Instant from = alertStart.minus(lookBack);
        Instant to = alertStart.plus(lookAhead);
        if (to.isAfter(now)) {
            // An alert that started a moment ago: read up to now, but at least up to its start.
            to = now.isAfter(alertStart) ? now : alertStart;
        }
        return new Window(truncate(from), truncate(to), Duration.ofSeconds(stepFor(Duration.between(from, to), step, maxPoints)));
    }

    /**
     * A close read of the alert's start, at {@code fineStep}: 10 minutes before to 5 after, inside
     * this window. A short spike that a coarse step would step over shows here.
     */
    Window close(Instant alertStart, Duration fineStep, int maxPoints) {
        Instant closeFrom = later(from, alertStart.minus(Duration.ofMinutes(10)));
        Instant closeTo = earlier(to, alertStart.plus(Duration.ofMinutes(5)));
        if (!closeTo.isAfter(closeFrom)) {
            closeTo = to;
            closeFrom = from;
        }
        return new Window(truncate(closeFrom), truncate(closeTo),
                Duration.ofSeconds(stepFor(Duration.between(closeFrom, closeTo), fineStep, maxPoints)));
    }

    /** The same span moved back, e.g. a day: the same hour's baseline. */
    Window shiftedBack(Duration by) {
        return new Window(from.minus(by), to.minus(by), step);
    }

    /** The stretch of the same length that ends where this one begins. */
    Window before(Duration length) {
        return new Window(from.minus(length), from, step);
    }

    boolean finerThan(Window other) {
        return step.compareTo(other.step) < 0;
    }

    long points() {
        return Duration.between(from, to).toSeconds() / step.toSeconds() + 1;
    }

    Duration length() {
        return Duration.between(from, to);
    }

    /** The smallest standard step, at least {@code wanted}, that keeps the span within {@code maxPoints}. */
    static long stepFor(Duration span, Duration wanted, int maxPoints) {
        long minimum = Math.max(1, wanted.toSeconds());
        long needed = Math.max(minimum, (long) Math.ceil(span.toSeconds() / (double) (maxPoints - 1)));
        return STEPS.stream().filter(s -> s >= needed).findFirst().orElse(needed);
    }

    private static Instant truncate(Instant t) {
        return Instant.ofEpochSecond(t.getEpochSecond());
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
