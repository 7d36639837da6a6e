package io.inquest.investigation.engine.tools.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.diagnosis.Relative;

/**
 * Who and what the requests are, from access logs: the window around the alert against the period
 * before it. Counts requests, the top route, user agent and client network, and the status codes
 * that tell overload apart (429 rate-limited, 499 clients giving up, 5xx, 504 timeouts), and names
 * the route, agent or client whose requests grew the most. Worker and upstream timeouts in the same
 * logs (gunicorn's WORKER TIMEOUT, nginx's "upstream timed out") are counted alongside.
 */
public final class TrafficProfile {

    /** The window around the alert: this long before its start up to the end of what was read. */
    static final Duration AROUND = Duration.ofMinutes(10);
    /** Fewer requests than this around the alert say nothing about who sends them. */
    static final int FEW = 20;
    private static final int MAX_AGENT = 160;
    private static final Pattern WORKER_TIMEOUT = Pattern.compile(
            "WORKER TIMEOUT|upstream timed out|upstream prematurely closed|worker (?:\\w+ )?timed? ?out|Request timeout|H12 ",
            Pattern.CASE_INSENSITIVE);

    private TrafficProfile() {
    }

    /** The requests around the alert and before it, summarised; empty when the logs hold too few requests. */
    public static List<Observation> analyse(List<LogLine> lines, Instant alertStart, String scope) {
        List<AccessLogLine> requests = new ArrayList<>();
        List<LogLine> timeouts = new ArrayList<>();
        for (LogLine line : lines) {
            AccessLogLine.parse(line).ifPresentOrElse(requests::add, () -> {
                if (WORKER_TIMEOUT.matcher(line.text()).find()) {
                    timeouts.add(line);
                }
            });
        }
        List<Observation> observations = new ArrayList<>();
        Instant cut = alertStart.minus(AROUND);
        List<AccessLogLine> around = requests.stream().filter(r -> r.time() == null || !r.time().isBefore(cut)).toList();
        List<AccessLogLine> before = requests.stream().filter(r -> r.time() != null && r.time().isBefore(cut)).toList();
        if (around.size() >= FEW) {
            observations.add(profile(around, before, alertStart, scope));
        }
        if (!timeouts.isEmpty()) {
            observations.add(timeouts(timeouts, alertStart, scope));
        }
        return observations;
    }

    private static Observation profile(List<AccessLogLine> around, List<AccessLogLine> before, Instant alertStart, String scope) {
        Instant cut = alertStart.minus(AROUND);
        double minutesAround = Math.max(1.0, Duration.between(cut, latest(around, cut)).toSeconds() / 60.0);
        double minutesBefore = before.isEmpty() ? 0 : Math.max(1.0, Duration.between(earliest(before, cut), cut).toSeconds() / 60.0);
        double rate = around.size() / minutesAround;
        Double baseline = before.size() >= 5 && minutesBefore >= 2 ? before.size() / minutesBefore : null;

        Optional<Share> route = top(around, AccessLogLine::route);
        Optional<Share> agent = top(around, AccessLogLine::userAgent);
        Optional<Share> client = top(around, AccessLogLine::clientPrefix);
        Map<String, Long> statuses = statuses(around);
        Optional<Grown> grew = baseline == null ? Optional.empty() : grown(around, before, minutesAround, minutesBefore);

        StringBuilder text = new StringBuilder("access logs of ").append(scope).append(": ").append(around.size())
                .append(" requests from ").append(Relative.toAlert(alertStart.minus(AROUND), alertStart)).append(" on (")
                .append(perMinute(rate)).append("/min)");
        if (baseline != null) {
            text.append(" against ").append(perMinute(baseline)).append("/min before (").append(before.size()).append(" requests)");
        }
        route.ifPresent(r -> text.append("; ").append(percent(r.share())).append(" are ").append(r.value()));
        agent.ifPresent(a -> text.append("; ").append(percent(a.share())).append(" from user agent \"").append(clip(a.value())).append('"'));
        client.ifPresent(c -> text.append("; ").append(percent(c.share())).append(" from clients in ").append(c.value()));
        if (!statuses.isEmpty()) {
            text.append("; status ").append(statuses.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        grew.ifPresent(g -> text.append("; what grew most: ").append(g.what()).append(" \"").append(clip(g.value())).append("\" from ")
                .append(perMinute(g.before())).append(" to ").append(perMinute(g.around())).append("/min"));
        return Observation.of(LogAnalysis.SOURCE, Signal.ACCESS_LOG, "access/" + scope).at(alertStart.minus(AROUND))
                .attr("of", scope).attr("requests", around.size()).attr("ratePerMinute", number(rate))
                .attr("baselinePerMinute", baseline == null ? null : number(baseline))
                .attr("ratio", baseline == null || baseline == 0 ? null : number(rate / baseline))
                .attr("topRoute", route.map(Share::value).orElse(null)).attr("topRouteShare", route.map(r -> number(r.share())).orElse(null))
                .attr("topUserAgent", agent.map(Share::value).orElse(null))
                .attr("topUserAgentShare", agent.map(a -> number(a.share())).orElse(null))
                .attr("topClient", client.map(Share::value).orElse(null))
                .attr("topClientShare", client.map(c -> number(c.share())).orElse(null))
                .attr("statuses", statuses.isEmpty() ? null : statuses.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(",")))
                .attr("grew", grew.map(g -> g.what() + " " + g.value()).orElse(null))
                .attr("upstream", around.stream().map(AccessLogLine::upstream).filter(u -> u != null).findFirst().orElse(null))
                .text(text.toString());
    }

    private static Observation timeouts(List<LogLine> lines, Instant alertStart, String scope) {
        LogLine first = lines.stream().min(Comparator.comparing(LogLine::time, Comparator.nullsLast(Comparator.naturalOrder()))).orElseThrow();
        String sample = clip(first.text().strip());
        String relative = Relative.toAlert(first.time(), alertStart);
        return Observation.of(LogAnalysis.SOURCE, Signal.LOG_SIGNATURE, "logs/" + scope + "/worker_timeout").at(first.time())
                .attr("signature", "worker_timeout").attr("count", lines.size()).attr("first", first.time()).attr("relative", relative)
                .attr("sample", sample).attr("pod", first.pod()).attr("container", first.container())
                .text("log signature worker_timeout (requests outlasting a worker or the proxy's upstream timeout): " + lines.size()
                        + " occurrence(s), first " + relative + " in " + (first.pod() == null ? "the logs" : first.pod()) + ": \"" + sample
                        + "\"");
    }

    /** A value and its share of the requests. */
    record Share(String value, double share) {
    }

    /** A route, agent or client and its request rate before and around the alert. */
    record Grown(String what, String value, double before, double around) {
    }

    static Optional<Share> top(List<AccessLogLine> requests, Function<AccessLogLine, String> key) {
        Map<String, Long> counts = requests.stream().filter(r -> key.apply(r) != null)
                .collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new Share(e.getKey(), (double) e.getValue() / requests.size()));
    }

    /** The codes that tell overload apart, and every other 4xx/5xx code seen, by code. */
    static Map<String, Long> statuses(List<AccessLogLine> requests) {
        Map<String, Long> counts = new TreeMap<>();
        for (AccessLogLine r : requests) {
            if (r.status() >= 400) {
                counts.merge(String.valueOf(r.status()), 1L, Long::sum);
            }
        }
        long server = requests.stream().filter(r -> r.status() >= 500).count();
        if (server > 0 && counts.keySet().stream().filter(k -> k.startsWith("5")).count() > 1) {
            counts.put("5xx", server);
        }
        return counts;
    }

    /** The route, user agent or client network whose rate grew the most between before and around the alert. */
    static Optional<Grown> grown(List<AccessLogLine> around, List<AccessLogLine> before, double minutesAround, double minutesBefore) {
        List<Grown> candidates = new ArrayList<>();
        Map<String, Function<AccessLogLine, String>> keys = new LinkedHashMap<>();
        keys.put("route", AccessLogLine::route);
        keys.put("user agent", AccessLogLine::userAgent);
        keys.put("client network", AccessLogLine::clientPrefix);
        keys.forEach((what, key) -> {
            Map<String, Long> now = count(around, key);
            Map<String, Long> then = count(before, key);
            now.forEach((value, n) -> candidates.add(new Grown(what, value, then.getOrDefault(value, 0L) / minutesBefore, n / minutesAround)));
        });
        // What grew beyond the overall growth: a route every request takes grows with the total and tells nothing.
        double overall = before.isEmpty() ? 1 : (around.size() / minutesAround) / (before.size() / minutesBefore);
        return candidates.stream().filter(g -> g.around() >= 2 * g.before() && excess(g, overall) > 0)
                .max(Comparator.comparingDouble((Grown g) -> excess(g, overall)));
    }

    private static double excess(Grown g, double overall) {
        return g.around() - g.before() * overall;
    }

    private static Map<String, Long> count(List<AccessLogLine> requests, Function<AccessLogLine, String> key) {
        return requests.stream().filter(r -> key.apply(r) != null).collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    private static Instant latest(List<AccessLogLine> requests, Instant otherwise) {
        return requests.stream().map(AccessLogLine::time).filter(t -> t != null).max(Comparator.naturalOrder()).orElse(otherwise);
    }

    private static Instant earliest(List<AccessLogLine> requests, Instant otherwise) {
        return requests.stream().map(AccessLogLine::time).filter(t -> t != null).min(Comparator.naturalOrder()).orElse(otherwise);
    }

    private static String perMinute(double rate) {
        return rate >= 10 ? String.valueOf(Math.round(rate)) : String.format(Locale.ROOT, "%.1f", rate);
    }

    private static String percent(double share) {
        return Math.round(share * 100) + " %";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String clip(String s) {
        return s == null ? null : s.length() > MAX_AGENT ? s.substring(0, MAX_AGENT) + "…" : s;
    }
}
