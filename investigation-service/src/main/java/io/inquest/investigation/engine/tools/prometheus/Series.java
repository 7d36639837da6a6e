package io.inquest.investigation.engine.tools.prometheus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One series of a range answer: its labels and its points in time order (NaN and infinite
 * values are left out when read). Pure values: the analyses work on these.
 */
record Series(Map<String, String> labels, List<Point> points) {

    record Point(long epochSecond, double value) {

        Instant at() {
            return Instant.ofEpochSecond(epochSecond);
        }
    }

    Series {
        labels = Map.copyOf(labels);
        points = List.copyOf(points);
    }

    static Series of(Map<String, String> labels, List<Point> points) {
        return new Series(labels, points);
    }

    boolean isEmpty() {
        return points.isEmpty();
    }

    String label(String name) {
        return labels.get(name);
    }

    Optional<Point> first() {
        return points.isEmpty() ? Optional.empty() : Optional.of(points.get(0));
    }

    Optional<Point> last() {
        return points.isEmpty() ? Optional.empty() : Optional.of(points.get(points.size() - 1));
    }

    Optional<Point> max() {
        return points.stream().max((a, b) -> Double.compare(a.value(), b.value()));
    }

    Optional<Point> min() {
        return points.stream().min((a, b) -> Double.compare(a.value(), b.value()));
    }

    /** The points in [from, to]. */
    Series between(Instant from, Instant to) {
        return new Series(labels, points.stream()
                .filter(p -> p.epochSecond() >= from.getEpochSecond() && p.epochSecond() <= to.getEpochSecond()).toList());
    }

    Series filter(Predicate<Point> which) {
        return new Series(labels, points.stream().filter(which).toList());
    }

    /** The median of the values; empty without points. */
    Optional<Double> median() {
        if (points.isEmpty()) {
            return Optional.empty();
        }
        List<Double> values = new ArrayList<>(points.stream().map(Point::value).toList());
        Collections.sort(values);
        int n = values.size();
        return Optional.of(n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2);
    }

    /** The value at or just before a time (within {@code tolerance} seconds), if any. */
    Optional<Point> at(Instant when, long toleranceSeconds) {
        Point found = null;
        for (Point p : points) {
            if (p.epochSecond() > when.getEpochSecond()) {
                break;
            }
            found = p;
        }
        return found != null && when.getEpochSecond() - found.epochSecond() <= toleranceSeconds ? Optional.of(found)
                : Optional.empty();
    }

    /**
     * This series with the points of {@code finer} in the span {@code finer} covers: a close read
     * of part of the window replaces the coarse points there.
     */
    Series refinedBy(Series finer) {
        if (finer.isEmpty()) {
            return this;
        }
        long from = finer.points.get(0).epochSecond();
        long to = finer.points.get(finer.points.size() - 1).epochSecond();
        TreeMap<Long, Double> merged = new TreeMap<>();
        points.stream().filter(p -> p.epochSecond() < from || p.epochSecond() > to).forEach(p -> merged.put(p.epochSecond(), p.value()));
        finer.points.forEach(p -> merged.put(p.epochSecond(), p.value()));
        return new Series(labels.isEmpty() ? finer.labels : labels,
                merged.entrySet().stream().map(e -> new Point(e.getKey(), e.getValue())).toList());
    }

    /**
     * Point-wise combination with another series at the same timestamps; where {@code other} has
     * no point, {@code missing} stands for it (null: the point is dropped).
     */
    Series combine(Series other, Double missing, java.util.function.DoubleBinaryOperator op) {
        Map<Long, Double> theirs = new TreeMap<>();
        other.points.forEach(p -> theirs.put(p.epochSecond(), p.value()));
        List<Point> out = new ArrayList<>();
        for (Point p : points) {
            Double v = theirs.getOrDefault(p.epochSecond(), missing);
            if (v != null) {
                double r = op.applyAsDouble(p.value(), v);
                if (Double.isFinite(r)) {
                    out.add(new Point(p.epochSecond(), r));
                }
            }
        }
        return new Series(labels, out);
    }

    /**
     * How much a counter went up over the points: the sum of its rises, a drop being a reset
     * (the counter restarted from zero, so the value after the drop is all rise).
     */
    double increase() {
        double total = 0;
        for (int i = 1; i < points.size(); i++) {
            double before = points.get(i - 1).value();
            double now = points.get(i).value();
            total += now >= before ? now - before : now;
        }
        return total;
    }

    /** The first point at which a counter went up, if it did. */
    Optional<Point> firstRise() {
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).value() != points.get(i - 1).value()) {
                return Optional.of(points.get(i));
            }
        }
        return Optional.empty();
    }
}
