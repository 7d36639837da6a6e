package io.inquest.investigation.engine.tools.alert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.inquest.events.Alert;

/**
 * What an alert says it measured, read from what its source sends when it carries no PromQL:
 * Grafana's {@code valueString} ({@code [ var='A' labels={topic=orders} value=5183 ]}, kept by
 * the gateway as the {@code value} annotation), a value in PagerDuty's or a generic sender's
 * details ({@code value}, {@code current_value}...), the threshold (a {@code threshold} detail,
 * else the words of the title, summary or description: "threshold 5000", "above 2%"), and the
 * metric when the alert names one ({@code metric} detail, or a metric-like name in its text).
 *
 * @param value     the measured value (the first of Grafana's values that is not a 0/1 condition)
 * @param var       Grafana's variable name of that value ({@code A}), if it came from there
 * @param series    the labels of the measured series, as the source gave them (empty when it gave none)
 * @param threshold the threshold, in the same unit as the value (a "2%" against a ratio of 0.41 is 0.02)
 * @param op        how the value compares with the threshold when the alert fires ({@code >} unless the words say below)
 * @param thresholdFrom where the threshold was read ("its summary", "its threshold label")
 * @param thresholdText the threshold as written ("2%", "5000")
 * @param metric    the metric the alert names, if any
 * @param quoted    the values as the source wrote them, for the report
 */
public record ReportedValue(Optional<Double> value, String var, Map<String, String> series, Optional<Double> threshold, String op,
        String thresholdFrom, String thresholdText, Optional<String> metric, String quoted) {

    /** The keys under which senders put the measured value. */
    private static final List<String> VALUE_KEYS = List.of("value", "current_value", "currentValue", "current value", "observed_value",
            "metric_value", "value_string", "valueString");
    private static final List<String> THRESHOLD_KEYS = List.of("threshold", "threshold_value", "thresholdValue", "alert_threshold");
    private static final List<String> METRIC_KEYS = List.of("metric", "metric_name", "metricName", "__name__");

    /** One {@code [ var='A' labels={a=b, c=d} value=5183 ]} of Grafana's valueString. */
    private static final Pattern GRAFANA_VALUE = Pattern.compile(
            "\\[\\s*var='([^']*)'\\s+(?:metric='[^']*'\\s+)?labels=\\{([^}]*)}\\s+value=([-+0-9.eE]+|NaN|null)\\s*]");
    private static final Pattern NUMBER = Pattern.compile("^\\s*([-+]?\\d+(?:[.,]\\d+)?(?:[eE][-+]?\\d+)?)\\s*(%)?");
    /** A value as a detail carries it: a number, maybe in percent or with a unit word ("5183 messages", "1.8s"). */
    private static final Pattern PLAIN_VALUE = Pattern.compile("([-+]?\\d+(?:[.,]\\d+)?(?:[eE][-+]?\\d+)?)\\s*(%)?\\s*[a-zA-Z/]{0,16}");
    /** "threshold 5000", "threshold: 2%", "threshold of 0.5", "threshold=300ms". */
    private static final Pattern THRESHOLD_WORD = Pattern.compile(
            "threshold(?:\\s+(?:is|of|at))?\\s*[:=]?\\s*(?:[<>]=?\\s*)?([-+]?\\d+(?:\\.\\d+)?)\\s*(%)?", Pattern.CASE_INSENSITIVE);
    /** "above 5000", "more than 2%", "exceeds 80%", "> 0.05", "under 3", "below 10%". */
    private static final Pattern COMPARISON_WORD = Pattern.compile(
            "(>=|<=|>|<|\\babove\\b|\\bover\\b|\\bmore than\\b|\\bgreater than\\b|\\bexceed(?:s|ed|ing)?\\b|\\bhigher than\\b"
                    + "|\\bbelow\\b|\\bunder\\b|\\bless than\\b|\\blower than\\b|\\bfewer than\\b)\\s*([-+]?\\d+(?:\\.\\d+)?)\\s*(%)?"
                    // "for more than 30 seconds" is how long, not how much
                    + "(?!\\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hours?|d|days?)\\b)",
            Pattern.CASE_INSENSITIVE);
    /** A Prometheus metric name as people write it in text: snake_case, at least two parts. */
    private static final Pattern METRIC_NAME = Pattern.compile("\\b([a-z][a-z0-9]*(?:_[a-z0-9]+){1,})\\b");

    public ReportedValue {
        series = series == null ? Map.of() : Map.copyOf(series);
    }

    /** What the alert reports; {@link #isEmpty()} when it reports neither a value nor a threshold nor a metric. */
    public static ReportedValue of(Alert alert) {
        Map<String, String> details = new LinkedHashMap<>(alert.labels());
        details.putAll(alert.annotations());
        String var = null;
        Map<String, String> series = Map.of();
        Optional<Double> value = Optional.empty();
        boolean valueInPercent = false;
        String quoted = null;
        for (String key : VALUE_KEYS) {
            String text = details.get(key);
            if (text == null || text.isBlank()) {
                continue;
            }
            List<Measured> grafana = grafanaValues(text);
            if (!grafana.isEmpty()) {
                Measured chosen = grafana.stream().filter(m -> m.value() != 0 && m.value() != 1).findFirst().orElse(grafana.get(0));
                var = chosen.var();
                series = chosen.labels();
                value = Optional.of(chosen.value());
                quoted = text.trim();
                break;
            }
            Matcher number = PLAIN_VALUE.matcher(text.trim());
            if (number.matches()) {
                value = Optional.of(parse(number.group(1)));
                valueInPercent = number.group(2) != null;
                quoted = key + " " + text.trim();
                break;
            }
        }

        String op = ">";
        Optional<Double> ratioValue = value;
        boolean inPercent = valueInPercent;
        Optional<Double> threshold = Optional.empty();
        String thresholdFrom = null;
        String thresholdText = null;
        for (String key : THRESHOLD_KEYS) {
            String text = details.get(key);
            Matcher number = text == null ? null : NUMBER.matcher(text);
            if (number != null && number.find()) {
                threshold = Optional.of(parse(number.group(1)));
                thresholdText = text.trim();
                thresholdFrom = "its " + key + " " + (alert.labels().containsKey(key) ? "label" : "detail");
                if (number.group(2) != null) {
                    threshold = threshold.map(t -> percentAgainst(t, valueIsRatio(ratioValue, inPercent)));
                }
                break;
            }
        }
        if (threshold.isEmpty()) {
            Map<String, String> texts = new LinkedHashMap<>();
            texts.put("title", alert.title());
            texts.put("summary", alert.summary());
            texts.put("description", alert.description());
            texts.put("message", details.get("message"));
            for (Map.Entry<String, String> t : texts.entrySet()) {
                if (t.getValue() == null) {
                    continue;
                }
                Matcher m = THRESHOLD_WORD.matcher(t.getValue());
                Matcher c = COMPARISON_WORD.matcher(t.getValue());
                String number = null;
                boolean percent = false;
                if (m.find()) {
                    number = m.group(1);
                    percent = m.group(2) != null;
                    if (c.find()) {
                        op = direction(c.group(1));
                    }
                } else if (c.find()) {
                    op = direction(c.group(1));
                    number = c.group(2);
                    percent = c.group(3) != null;
                }
                if (number != null) {
                    double parsed = parse(number);
                    threshold = Optional.of(percent ? percentAgainst(parsed, valueIsRatio(ratioValue, inPercent))
                            : parsed);
                    thresholdText = number + (percent ? "%" : "");
                    thresholdFrom = "its " + t.getKey();
                    break;
                }
            }
        }

        Optional<String> metric = Optional.empty();
        for (String key : METRIC_KEYS) {
            String text = details.get(key);
            if (text != null && text.trim().matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
                metric = Optional.of(text.trim());
                break;
            }
        }
        return new ReportedValue(value, var, series, threshold, op, thresholdFrom, thresholdText, metric, quoted);
    }

    /** Metric-like names (snake_case) that the alert's texts mention: candidates to look up, not facts. */
    public static List<String> metricNamesIn(Alert alert) {
        List<String> names = new ArrayList<>();
        for (String text : new String[] {alert.summary(), alert.description(), alert.annotations().get("message")}) {
            if (text == null) {
                continue;
            }
            Matcher m = METRIC_NAME.matcher(text);
            while (m.find()) {
                if (!names.contains(m.group(1))) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    public boolean isEmpty() {
        return value.isEmpty() && threshold.isEmpty() && metric.isEmpty();
    }

    /** "the alert reports 5183 (Grafana's A for {topic=orders}) against a threshold of 5000 (from its summary)". */
    public String describe() {
        StringBuilder s = new StringBuilder("the alert reports ");
        if (value.isPresent()) {
            s.append(plain(value.get()));
            if (var != null) {
                s.append(" (Grafana's ").append(var).append(series.isEmpty() ? "" : " for " + series).append(')');
            }
        } else {
            s.append("no value");
        }
        threshold.ifPresent(t -> s.append(" against a threshold of ").append(thresholdText == null ? plain(t) : thresholdText)
                .append(" (").append(op).append(' ').append(plain(t)).append(", from ").append(thresholdFrom).append(')'));
        metric.ifPresent(m -> s.append("; metric ").append(m));
        return s.toString();
    }

    /** Whether the value is past the threshold as the alert reports it. */
    public Optional<Boolean> pastThreshold() {
        if (value.isEmpty() || threshold.isEmpty()) {
            return Optional.empty();
        }
        double v = value.get();
        double t = threshold.get();
        return Optional.of(op.startsWith(">") ? (op.equals(">=") ? v >= t : v > t) : (op.equals("<=") ? v <= t : v < t));
    }

    public static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    record Measured(String var, Map<String, String> labels, double value) {
    }

    static List<Measured> grafanaValues(String valueString) {
        List<Measured> out = new ArrayList<>();
        Matcher m = GRAFANA_VALUE.matcher(valueString);
        while (m.find()) {
            String raw = m.group(3);
            if (raw.equals("NaN") || raw.equals("null")) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (String pair : m.group(2).split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
            try {
                out.add(new Measured(m.group(1), labels, Double.parseDouble(raw)));
            } catch (NumberFormatException e) {
                // not a number Grafana would write: leave this one out
            }
        }
        return out;
    }

    private static boolean valueIsRatio(Optional<Double> value, boolean valueInPercent) {
        return value.map(v -> v <= 1.5).orElse(false) && !valueInPercent;
    }

    /** A threshold written in percent, against a value that is a ratio (0.41), is a ratio too. */
    private static double percentAgainst(double percent, boolean valueIsRatio) {
        return valueIsRatio ? percent / 100 : percent;
    }

    private static String direction(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.startsWith("<")) {
            return w;
        }
        if (w.startsWith(">")) {
            return w;
        }
        return w.startsWith("below") || w.startsWith("under") || w.startsWith("less") || w.startsWith("lower") || w.startsWith("fewer")
                ? "<" : ">";
    }

    private static double parse(String number) {
        return Double.parseDouble(number.replace(',', '.'));
    }
}
