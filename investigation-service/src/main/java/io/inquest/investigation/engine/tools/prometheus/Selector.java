package io.inquest.investigation.engine.tools.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Label matchers, as between the braces of a PromQL selector: {@code namespace="shop",pod=~"cart-.*"}.
 * They can be tried on a label set in Java the way Prometheus applies them (regexes fully
 * anchored; a matcher that accepts the empty string also accepts a missing label).
 */
record Selector(List<Selector.Match> matches) {

    record Match(String label, String op, String value) {

        boolean test(Map<String, String> labels) {
            String actual = labels.getOrDefault(label, "");
            return switch (op) {
                case "=" -> actual.equals(value);
                case "!=" -> !actual.equals(value);
                case "=~" -> Pattern.compile(value).matcher(actual).matches();
                case "!~" -> !Pattern.compile(value).matcher(actual).matches();
                default -> throw new IllegalArgumentException("unknown matcher " + op);
            };
        }

        String promql() {
            return label + op + quote(value);
        }
    }

    Selector {
        matches = List.copyOf(matches);
    }

    static Selector of() {
        return new Selector(List.of());
    }

    static Selector eq(String label, String value) {
        return of().and(label, "=", value);
    }

    Selector and(String label, String op, String value) {
        List<Match> more = new ArrayList<>(matches);
        more.add(new Match(label, op, value));
        return new Selector(more);
    }

    Selector and(Selector other) {
        List<Match> more = new ArrayList<>(matches);
        more.addAll(other.matches);
        return new Selector(more);
    }

    boolean test(Map<String, String> labels) {
        return matches.stream().allMatch(m -> m.test(labels));
    }

    /** The matchers alone, for use inside braces. */
    String inner() {
        return matches.stream().map(Match::promql).collect(Collectors.joining(","));
    }

    /** A metric with these matchers: {@code name{a="b"}}, with any extra matchers appended. */
    String of(String metric, String... extra) {
        List<String> all = new ArrayList<>(matches.stream().map(Match::promql).toList());
        all.addAll(List.of(extra));
        return metric + "{" + String.join(",", all) + "}";
    }

    /** A series selector for the series API: {@code {__name__=~"a|b",x="y"}}. */
    String forNames(List<String> names) {
        String name = "__name__=~" + quote(names.stream().map(Selector::literal).collect(Collectors.joining("|")));
        return "{" + (matches.isEmpty() ? name : name + "," + inner()) + "}";
    }

    /** A PromQL string literal. */
    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** A literal inside a regex, escaped for RE2 (Prometheus) and Java alike. */
    static String literal(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
