package io.inquest.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, recorded from many threads, summarised as percentiles in milliseconds. */
final class Latencies {

    private final long[] nanos;
    private int count;

    Latencies(int capacity) {
        nanos = new long[capacity];
    }

    synchronized void add(long value) {
        if (count < nanos.length) {
            nanos[count++] = value;
        }
    }

    synchronized double percentileMillis(double p) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    synchronized double meanMillis() {
        return count == 0 ? Double.NaN : Arrays.stream(nanos, 0, count).average().orElse(0) / 1e6;
    }

    synchronized int count() {
        return count;
    }
}
