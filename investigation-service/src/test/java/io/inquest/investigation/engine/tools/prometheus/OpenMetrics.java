package io.inquest.investigation.engine.tools.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes OpenMetrics text with a timestamp on every sample, as {@code promtool tsdb
 * create-blocks-from openmetrics} takes it: one family after the other, each series' samples in
 * time order, {@code # EOF} at the end. Series are sampled like a scrape every {@code step}; a
 * function answering null leaves the sample out (the series does not exist then).
 */
final class OpenMetrics {

    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, List<String>> samples = new LinkedHashMap<>();

    /** A gauge (or any sample) of a family: {@code value(t)} at each scrape. */
    OpenMetrics sample(String family, String type, String name, Map<String, String> labels, Instant from, Instant to, Duration step,
            Function<Instant, Double> value) {
        types.putIfAbsent(family, type);
        List<String> lines = samples.computeIfAbsent(family, f -> new ArrayList<>());
        String selector = name + "{" + new TreeMap<>(labels).entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(",")) + "}";
        for (Instant t = from; !t.isAfter(to); t = t.plus(step)) {
            Double v = value.apply(t);
            if (v != null) {
                lines.add(selector + " " + plain(v) + " " + t.getEpochSecond());
            }
        }
        return this;
    }

    OpenMetrics gauge(String name, Map<String, String> labels, Instant from, Instant to, Duration step, Function<Instant, Double> value) {
        return sample(name, "gauge", name, labels, from, to, step, value);
    }

    /** A counter ({@code <family>_total}) that goes up by {@code rate(t)} per second; absent while the rate is null. */
    OpenMetrics counter(String family, Map<String, String> labels, Instant from, Instant to, Duration step,
            Function<Instant, Double> rate) {
        return sample(family, "counter", family + "_total", labels, from, to, step, integral(rate, step));
    }

    /**
     * The running total of a per-second rate, sampled every step. While the rate is null there is
     * no sample (the series does not exist, or was not scraped); the total goes on where it left off.
     */
    static Function<Instant, Double> integral(Function<Instant, Double> rate, Duration step) {
        double[] total = {0};
        boolean[] started = {false};
        return t -> {
            Double r = rate.apply(t);
            if (r == null) {
                return null;
            }
            if (started[0]) {
                total[0] += r * step.toSeconds();
            }
            started[0] = true;
            return total[0];
        };
    }

    void write(Path file) {
        StringBuilder out = new StringBuilder();
        types.forEach((family, type) -> {
            out.append("# TYPE ").append(family).append(' ').append(type).append('\n');
            samples.get(family).forEach(line -> out.append(line).append('\n'));
        });
        out.append("# EOF\n");
        try {
            Files.writeString(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
