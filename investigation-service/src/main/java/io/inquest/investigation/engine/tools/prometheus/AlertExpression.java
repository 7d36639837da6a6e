package io.inquest.investigation.engine.tools.prometheus;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An alert rule's PromQL, split into the signal it watches and its threshold: {@code
 * sum(rate(errors[1m])) / sum(rate(requests[1m])) > 0.05} watches the ratio and fires above 0.05.
 * An expression without a plain numeric comparison is read as a whole: the alert fires where it
 * has a value.
 *
 * @param expr      the whole expression
 * @param signal    what is compared (the whole expression when there is no threshold)
 * @param op        the comparison ({@code >}, {@code >=}, {@code <}, {@code <=}, {@code ==}, {@code !=}), or null
 * @param threshold the number it is compared with, or null
 */
record AlertExpression(String expr, String signal, String op, Double threshold) {

    private static final Pattern NUMBER = Pattern.compile("^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$");
    private static final Pattern BOOL = Pattern.compile("^bool\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern SET_OPERATOR = Pattern.compile("\\s(and|or|unless)\\s", Pattern.CASE_INSENSITIVE);

    /** What a generator link gave: the expression, none (no link, no expression), or why it is unreadable. */
    record FromLink(Optional<AlertExpression> expression, Optional<String> problem) {

        static FromLink none() {
            return new FromLink(Optional.empty(), Optional.empty());
        }

        static FromLink malformed(String why) {
            return new FromLink(Optional.empty(), Optional.of(why));
        }
    }

    /**
     * The {@code g0.expr} of a Prometheus generator link ({@code /graph?g0.expr=...}). A link
     * without an expression (Grafana's rule links) gives none; a link that cannot be read gives
     * the problem, which is a finding, not a failure.
     */
    static FromLink fromGeneratorUrl(String link) {
        if (link == null || link.isBlank()) {
            return FromLink.none();
        }
        String query;
        try {
            query = new URI(link.trim()).getRawQuery();
        } catch (URISyntaxException e) {
            return FromLink.malformed("its generatorURL is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        if (query == null) {
            return FromLink.none();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).matches("g\\d+\\.expr|expr|query")) {
                String expr;
                try {
                    expr = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).trim();
                } catch (IllegalArgumentException e) {
                    return FromLink.malformed("the expression in its generatorURL is not URL-encoded properly (" + e.getMessage() + ")");
                }
                if (expr.isEmpty()) {
                    return FromLink.malformed("its generatorURL has an empty expression");
                }
                if (!balanced(expr)) {
                    return FromLink.malformed("the expression in its generatorURL is cut off or unbalanced: " + expr);
                }
                return new FromLink(Optional.of(parse(expr)), Optional.empty());
            }
        }
        return FromLink.none();
    }

    /** The keys under which senders without a generator link (PagerDuty's custom details, generic alerts) put the PromQL. */
    static final java.util.List<String> EXPRESSION_KEYS = java.util.List.of("expr", "expression", "query", "promql");

    /**
     * The expression an alert carries in its annotations or labels ({@code expr}, {@code query}...).
     * Without a comparison of its own, a numeric {@code threshold} annotation makes it {@code > threshold}.
     */
    static Optional<AlertExpression> fromAnnotations(java.util.Map<String, String> annotations, java.util.Map<String, String> labels) {
        for (java.util.Map<String, String> map : java.util.List.of(annotations, labels)) {
            for (String key : EXPRESSION_KEYS) {
                String value = map.get(key);
                if (value == null || value.isBlank() || !balanced(value.trim())) {
                    continue;
                }
                AlertExpression parsed = parse(value.trim());
                String threshold = map.getOrDefault("threshold", annotations.get("threshold"));
                if (!parsed.hasThreshold() && threshold != null && NUMBER.matcher(threshold.trim()).matches()) {
                    return Optional.of(new AlertExpression(parsed.expr() + " > " + threshold.trim(), parsed.signal(), ">",
                            Double.parseDouble(threshold.trim())));
                }
                return Optional.of(parsed);
            }
        }
        return Optional.empty();
    }

    /** PromQL words that are not metric names: functions, aggregations, modifiers. */
    private static final java.util.Set<String> PROMQL_WORDS = java.util.Set.of("sum", "avg", "min", "max", "count", "rate", "irate",
            "increase", "delta", "deriv", "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool",
            "offset", "abs", "absent", "histogram_quantile", "quantile", "topk", "bottomk", "stddev", "clamp_min", "clamp_max",
            "avg_over_time", "max_over_time", "min_over_time", "sum_over_time", "count_over_time", "label_replace", "vector",
            "scalar", "time", "round", "ceil", "floor", "le", "changes", "resets");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_:]*");

    /**
     * A summary or description that is itself an expression ("kube_deployment_spec_replicas -
     * kube_deployment_status_replicas_available > 0"), as Grafana rules often carry theirs: every
     * word a metric name (it has an underscore), a label inside braces, or PromQL's own, and a
     * numeric threshold. Prose is never taken for PromQL.
     */
    static Optional<AlertExpression> fromText(String text) {
        if (text == null || text.isBlank() || text.length() > 2000 || !balanced(text.trim())) {
            return Optional.empty();
        }
        String outsideBraces = text.replaceAll("\\{[^}]*}", "").replaceAll("\\[[^\\]]*\\]", "")
                // label names in by (...), on (...): not prose
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "$1");
        Matcher words = WORD.matcher(outsideBraces);
        boolean metric = false;
        while (words.find()) {
            String w = words.group();
            boolean exponent = words.start() > 0 && Character.isDigit(outsideBraces.charAt(words.start() - 1));
            if (w.contains("_") && !PROMQL_WORDS.contains(w)) {
                metric = true;
            } else if (!PROMQL_WORDS.contains(w.toLowerCase(java.util.Locale.ROOT)) && !exponent) {
                return Optional.empty();
            }
        }
        AlertExpression parsed = parse(text.trim());
        return metric && parsed.hasThreshold() ? Optional.of(parsed) : Optional.empty();
    }

    /** Splits at the last top-level comparison with a number on one side. */
    static AlertExpression parse(String expr) {
        String whole = expr.trim();
        // "a > 1 and b > 2": the first condition names what the alert is about. Without a numeric
        // threshold there, the whole expression is read: it has a value exactly while the alert's condition holds.
        String condition = unwrap(topLevelSplit(whole).trim());
        int[] comparison = lastComparison(condition);
        if (comparison != null) {
            String left = condition.substring(0, comparison[0]).trim();
            String op = condition.substring(comparison[0], comparison[1]);
            String right = BOOL.matcher(condition.substring(comparison[1]).trim()).replaceFirst("");
            if (NUMBER.matcher(right).matches() && !left.isEmpty()) {
                return new AlertExpression(whole, left, op, Double.parseDouble(right));
            }
            if (NUMBER.matcher(left).matches() && !right.isEmpty()) {
                return new AlertExpression(whole, right, mirror(op), Double.parseDouble(left));
            }
        }
        return new AlertExpression(whole, whole, null, null);
    }

    boolean hasThreshold() {
        return threshold != null;
    }

    /** Whether a value of the signal is past the threshold (with no threshold: any value is). */
    boolean crossed(double value) {
        if (threshold == null) {
            return true;
        }
        return switch (op) {
            case ">" -> value > threshold;
            case ">=" -> value >= threshold;
            case "<" -> value < threshold;
            case "<=" -> value <= threshold;
            case "==" -> value == threshold;
            case "!=" -> value != threshold;
            default -> false;
        };
    }

    /** Whether the alert fires on low values ({@code up < 1}): its peak is then its lowest point. */
    boolean firesLow() {
        return "<".equals(op) || "<=".equals(op);
    }

    private static String mirror(String op) {
        return switch (op) {
            case ">" -> "<";
            case ">=" -> "<=";
            case "<" -> ">";
            case "<=" -> ">=";
            default -> op;
        };
    }

    /** {@code (a > 1)} → {@code a > 1}: parentheses around the whole condition. */
    private static String unwrap(String condition) {
        String c = condition;
        while (c.startsWith("(") && c.endsWith(")") && closingOf(c, 0) == c.length() - 1) {
            c = c.substring(1, c.length() - 1).trim();
        }
        return c;
    }

    /** The index of the parenthesis that closes the one at {@code open}, or -1. */
    private static int closingOf(String expr, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The part before the first top-level {@code and}/{@code or}/{@code unless}. */
    private static String topLevelSplit(String expr) {
        Matcher m = SET_OPERATOR.matcher(expr);
        while (m.find()) {
            if (depthAt(expr, m.start()) == 0) {
                return expr.substring(0, m.start());
            }
        }
        return expr;
    }

    /** [start, end) of the last comparison operator outside brackets, braces, parentheses and strings. */
    private static int[] lastComparison(String expr) {
        int depth = 0;
        int[] found = null;
        char quote = 0;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '"', '\'', '`' -> quote = c;
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> depth--;
                case '>', '<', '=', '!' -> {
                    if (depth != 0) {
                        break;
                    }
                    char next = i + 1 < expr.length() ? expr.charAt(i + 1) : 0;
                    if (next == '=') {
                        found = new int[] {i, i + 2};
                        i++;
                    } else if (c == '>' || c == '<') {
                        found = new int[] {i, i + 1};
                    } else if (c == '=' && next == '~' || c == '!' && next == '~') {
                        i++;
                    }
                }
                default -> {
                }
            }
        }
        return found;
    }

    private static int depthAt(String expr, int position) {
        return scan(expr, position)[0];
    }

    private static boolean balanced(String expr) {
        int[] end = scan(expr, expr.length());
        return end[0] == 0 && end[1] == 0;
    }

    /** {depth, 1 if inside a string literal} just before {@code position}. */
    private static int[] scan(String expr, int position) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < position; i++) {
            char c = expr.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return new int[] {depth, quote == 0 ? 0 : 1};
    }

    @Override
    public String toString() {
        return expr;
    }
}
