package io.inquest.investigation.engine.tools.prometheus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.inquest.investigation.engine.tools.prometheus.Series.Point;

/**
 * When a series left its baseline: the first point that departs from the baseline (the median
 * of the calm stretch before the alert) by more than half of it and more than {@code floor}, and
 * is still departed at the next point (a single point is noise), or is the last point read. One
 * point after the change is enough at the end of the data: an alert that fires quickly has no
 * more.
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
        double tolerance = Math.max(Math.abs(baseline) * 0.5, floor);
        for (int i = searchFrom; i < points.size(); i++) {
            boolean departed = Math.abs(points.get(i).value() - baseline) > tolerance;
            boolean stays = i + 1 == points.size() || Math.abs(points.get(i + 1).value() - baseline) > tolerance;
            if (departed && stays) {
                return Optional.of(new ChangePoint(points.get(i).at(), baseline, points.get(i).value()));
            }
        }
        return Optional.empty();
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
