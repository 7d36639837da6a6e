package io.inquest.investigation.engine.tools.prometheus;

import java.util.List;
import java.util.Optional;

/**
 * When a series changed: the first point that departs from the baseline (the median of its first
 * third) by more than half of it, and stays departed at the next point (one spike is noise).
 */
record ChangePoint(long epochSecond, double before, double after) {

    static Optional<ChangePoint> find(List<double[]> series) {
        if (series.size() < 6) {
            return Optional.empty();
        }
        double[] head = series.subList(0, series.size() / 3).stream().mapToDouble(p -> p[1]).sorted().toArray();
        double baseline = head[head.length / 2];
        double tolerance = Math.max(Math.abs(baseline) * 0.5, 1e-9);
        for (int i = series.size() / 3; i < series.size() - 1; i++) {
            if (Math.abs(series.get(i)[1] - baseline) > tolerance && Math.abs(series.get(i + 1)[1] - baseline) > tolerance) {
                return Optional.of(new ChangePoint((long) series.get(i)[0], baseline, series.get(i)[1]));
            }
        }
        return Optional.empty();
    }
}
