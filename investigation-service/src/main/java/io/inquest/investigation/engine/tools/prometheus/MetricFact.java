package io.inquest.investigation.engine.tools.prometheus;

import java.time.Instant;
import java.util.Optional;

import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;

/**
 * What one series says about a signal around the alert, summed up the same way for every METRIC
 * and DATABASE observation: the baseline before, the value at the alert's start, the peak, when
 * it left its baseline.
 *
 * @param baseline  median of the calm stretch before the alert
 * @param value     the value at the alert's start (the last point at or before it, else the first after)
 * @param peak      the highest point of the window
 * @param changedAt when it left its baseline, if it did
 */
record MetricFact(Optional<Double> baseline, double value, Series.Point peak, Optional<ChangePoint> changedAt) {

    /** Empty when the series has no points. */
    static Optional<MetricFact> of(Series series, Inquiry inquiry, double floor) {
        return of(series, inquiry, floor, 0.5);
    }

    /** @param relative the share of the baseline a departure must exceed to count as a change */
    static Optional<MetricFact> of(Series series, Inquiry inquiry, double floor, double relative) {
        if (series.isEmpty()) {
            return Optional.empty();
        }
        Instant start = inquiry.alertStart();
        double value = valueAt(series, start, inquiry.window().step().toSeconds());
        return Optional.of(new MetricFact(ChangePoint.baseline(series, inquiry.calmUntil()), value, series.max().orElseThrow(),
                ChangePoint.find(series, inquiry.calmUntil(), floor, relative)));
    }

    /** No change, and the peak within a tenth of the baseline: a flat line. */
    boolean steady() {
        return changedAt.isEmpty() && baseline.map(b -> Math.abs(peak.value() - b) <= Math.max(Math.abs(b) * 0.1, 1e-9)).orElse(false);
    }

    /** The last point at or before the time (within two steps), else the first after it, else the last. */
    static double valueAt(Series series, Instant at, long step) {
        return series.at(at, 2 * step).or(() -> series.points().stream().filter(p -> p.epochSecond() >= at.getEpochSecond()).findFirst())
                .or(series::last).map(Series.Point::value).orElse(Double.NaN);
    }

    /** Rose (or fell) clearly: peak at least {@code factor} times the baseline and at least {@code floor} above it. */
    boolean rose(double factor, double floor) {
        double base = baseline.orElse(0.0);
        return peak.value() >= base * factor && peak.value() - base >= floor;
    }

    /** A METRIC observation with the common attributes filled in. */
    Observation.Builder metric(Inquiry inquiry, String scope, String of, String metric, String query, String unit) {
        Instant at = changedAt.map(ChangePoint::at).orElse(null);
        return Observation.of(Inquiry.SOURCE, Signal.METRIC, "metric/" + of + "/" + metric).at(at)
                .attr("scope", scope).attr("of", of).attr("metric", metric).attr("query", query)
                .attr("baseline", baseline.map(Quantities::exact).orElse(null))
                .attr("value", Quantities.exact(value)).attr("peak", Quantities.exact(peak.value()))
                .attr("peakAt", peak.at()).attr("unit", unit).attr("changedAt", at);
    }
}
