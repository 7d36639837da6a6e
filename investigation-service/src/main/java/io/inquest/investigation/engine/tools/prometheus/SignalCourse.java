package io.inquest.investigation.engine.tools.prometheus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.inquest.investigation.engine.tools.prometheus.Series.Point;

/**
 * How an alert's own signal ran around the alert's start, against its threshold: the baseline
 * before it crossed, the peak, when it crossed (the crossing that raised this alert), whether and
 * when it went back and stayed back, whether it was still past the threshold at the last point
 * read, and how often it crossed (an alert that crosses again and again is flapping).
 *
 * <p>A gap in the data counts as "not past the threshold", as it does for an alert rule: an error
 * ratio whose error series did not exist before the first error has no value before then.
 *
 * @param baseline    median before the crossing; empty when the signal had no value before it
 * @param peak        the most extreme point in the alert's direction (the highest, or the lowest for {@code <})
 * @param last        the last point read
 * @param crossedAt   when the signal crossed into the state that raised the alert, if it did in the window
 * @param recoveredAt when it went back for good (to the end of the window), if it did
 * @param firing      past the threshold at the end of the window
 * @param crossings   times it crossed into the alerting state within the window
 * @param firstValue  the first point that has a value (the series may begin late)
 */
record SignalCourse(Optional<Double> baseline, Point peak, Point last, Optional<Instant> crossedAt,
        Optional<Instant> recoveredAt, boolean firing, int crossings, Point firstValue) {

    /** Crossings within the window from which the alert counts as flapping. */
    static final int FLAPPING = 3;

    /**
     * @param windowEnd the end of the read: a signal whose data stops well before it is no longer firing
     * @param step      the step of the read: points further apart than two steps leave a gap
     */
    static Optional<SignalCourse> of(Series series, AlertExpression expression, Instant alertStart, Instant windowEnd,
            long step) {
        List<Point> points = series.points();
        if (points.isEmpty()) {
            return Optional.empty();
        }
        long gap = Math.max(2 * step, 1);
        // Runs of consecutive points past the threshold: [start index, end index].
        List<int[]> runs = new ArrayList<>();
        int runStart = -1;
        for (int i = 0; i < points.size(); i++) {
            boolean past = expression.crossed(points.get(i).value());
            boolean contiguous = i > 0 && points.get(i).epochSecond() - points.get(i - 1).epochSecond() <= gap;
            if (runStart >= 0 && (!past || !contiguous)) {
                runs.add(new int[] {runStart, i - 1});
                runStart = -1;
            }
            if (past && runStart < 0) {
                runStart = i;
            }
        }
        if (runStart >= 0) {
            runs.add(new int[] {runStart, points.size() - 1});
        }

        Point last = points.get(points.size() - 1);
        boolean dataReachesEnd = windowEnd.getEpochSecond() - last.epochSecond() <= gap;
        boolean firing = !runs.isEmpty() && runs.get(runs.size() - 1)[1] == points.size() - 1 && dataReachesEnd;

        // The crossing that raised this alert: the latest one at or before its start (rules wait `for:`),
        // else the first after it (clocks differ, evaluation lags).
        int[] raising = null;
        for (int[] run : runs) {
            if (points.get(run[0]).epochSecond() <= alertStart.getEpochSecond()) {
                raising = run;
            }
        }
        if (raising == null && !runs.isEmpty()) {
            raising = runs.get(0);
        }
        Optional<Instant> crossedAt = raising == null ? Optional.empty() : Optional.of(points.get(raising[0]).at());

        Optional<Instant> recoveredAt = Optional.empty();
        if (!runs.isEmpty() && !firing) {
            int[] lastRun = runs.get(runs.size() - 1);
            recoveredAt = Optional.of(lastRun[1] + 1 < points.size() ? points.get(lastRun[1] + 1).at()
                    // The data stopped while past the threshold: it recovered by vanishing, one step later.
                    : Instant.ofEpochSecond(points.get(lastRun[1]).epochSecond() + step));
        }

        long beforeCrossing = crossedAt.map(Instant::getEpochSecond).orElse(alertStart.getEpochSecond());
        Series before = series.filter(p -> p.epochSecond() < beforeCrossing);
        if (crossedAt.isPresent() && raising != null && raising != runs.get(0)) {
            // A flapping signal: the baseline is the calm before the first crossing.
            long firstCrossing = points.get(runs.get(0)[0]).epochSecond();
            before = series.filter(p -> p.epochSecond() < firstCrossing);
        }
        Optional<Double> baseline = before.median();

        Point peak = expression.firesLow() ? series.min().orElseThrow() : series.max().orElseThrow();
        return Optional.of(new SignalCourse(baseline, peak, last, crossedAt, recoveredAt, firing, runs.size(), points.get(0)));
    }

    boolean flapping() {
        return crossings >= FLAPPING;
    }
}
