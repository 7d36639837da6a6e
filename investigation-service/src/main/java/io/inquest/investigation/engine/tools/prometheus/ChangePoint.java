package io.inquest.investigation.engine.tools.prometheus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.inquest.investigation.engine.tools.prometheus.Series.Point;

/**
 * When a series left its baseline (the median of the calm stretch before the alert): the first
 * sustained departure after that stretch, by more than a share of the baseline (half, unless
 * said) and more than {@code floor}, dated where that departure began. Sustained: still departed
 * at the next point (a single point is noise), or the last point read; one point is enough at the
 * end of the data, since an alert that fires quickly has no more.
 *
 * @param at       the first departed point's time
 * @param baseline the baseline it departed from
 * @param after    the value at that point
 */
record ChangePoint(Instant at, double baseline, double after) {

    /**
     * @param calmUntil the baseline is read before this time (e.g. 15 min before the alert); with
     *                  fewer than 3 points there, from the first third of the series
     * @param floor     the smallest departure that counts, in the series' unit
     */
    static Optional<ChangePoint> find(Series series, Instant calmUntil, double floor) {
        return find(series, calmUntil, floor, 0.5);
    }

    /**
     * @param relative the smallest departure that counts, as a share of the baseline (a slow leak
     *                 is better dated with a small share, a noisy rate with a large one)
     */
    static Optional<ChangePoint> find(Series series, Instant calmUntil, double floor, double relative) {
        List<Point> points = series.points();
        if (points.size() < 2) {
            return Optional.empty();
        }
        Series calm = series.filter(p -> p.epochSecond() < calmUntil.getEpochSecond());
        int searchFrom = calm.points().size();
        if (calm.points().size() < 3) {
            calm = new Series(series.labels(), points.subList(0, Math.max(1, points.size() / 3)));
            searchFrom = calm.points().size();
        }
        double baseline = calm.median().orElseThrow();
        double tolerance = Math.max(Math.abs(baseline) * relative, floor);
        for (int i = searchFrom; i < points.size(); i++) {
            boolean departed = departed(points.get(i), baseline, tolerance);
            boolean stays = i + 1 == points.size() || departed(points.get(i + 1), baseline, tolerance);
            if (departed && stays) {
                // It may have left before the calm stretch ended: date it where this departure began.
                int begin = i;
                while (begin > 0 && departed(points.get(begin - 1), baseline, tolerance)) {
                    begin--;
                }
                return Optional.of(new ChangePoint(points.get(begin).at(), baseline, points.get(begin).value()));
            }
        }
        return Optional.empty();
    }

    private static boolean departed(Point p, double baseline, double tolerance) {
        return Math.abs(p.value() - baseline) > tolerance;
    }

    /** The baseline alone: the median of the calm stretch, as {@link #find} reads it. */
    static Optional<Double> baseline(Series series, Instant calmUntil) {
        Series calm = series.filter(p -> p.epochSecond() < calmUntil.getEpochSecond());
        if (calm.points().size() < 3) {
            calm = new Series(series.labels(), series.points().subList(0, Math.max(0, series.points().size() / 3)));
        }
        return calm.median();
    }
}
