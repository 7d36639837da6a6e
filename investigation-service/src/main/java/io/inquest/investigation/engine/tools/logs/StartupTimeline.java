package io.inquest.investigation.engine.tools.logs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;

/**
 * How long the service takes to start, as its own log says, and what a container that was stopped
 * before it finished was doing: the start-up completion lines of common frameworks (Spring Boot's
 * "Started X in N seconds", Quarkus' "started in Ns", Micronaut, Jetty, Tomcat, "listening on",
 * gunicorn and uvicorn), and the last lines of a previous container that never got there (a
 * migration step, a cache warm-up). This is what a liveness probe must allow for.
 */
final class StartupTimeline {

    private static final int MAX_OBSERVATIONS = 6;
    private static final int MAX_LINE = 300;
    /** How much of a line is looked at: start-up lines are short; a JSON payload is not one. */
    private static final int MAX_SCANNED = 1000;

    /** A completion line that states how long start-up took; group 1 the number, group 2 the unit when not seconds. */
    private static final List<Pattern> TIMED = List.of(
            Pattern.compile("\\bStarted \\S+ in (\\d+(?:\\.\\d+)?) seconds"),
            Pattern.compile("\\bstarted in (\\d+(?:\\.\\d+)?)(s|ms)\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bStartup completed in (\\d+(?:\\.\\d+)?) ?(ms|s)\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bServer startup in \\[?(\\d+)\\]? ?(ms|milliseconds)"),
            Pattern.compile("\\bStarted @(\\d+)(ms)\\b"),
            Pattern.compile("\\bready in (\\d+(?:\\.\\d+)?) ?(ms|s)\\b", Pattern.CASE_INSENSITIVE));
    /** A completion line without a duration: the server accepts requests from here on. */
    private static final Pattern READY = Pattern.compile("(?i)\\blistening (?:on|at)\\b|Now listening on:|Application startup complete"
            + "|Uvicorn running on|Booting worker with pid|Tomcat started on port|Started ServerConnector|\\bApplication started\\b"
            + "|\\bserver (?:is )?(?:running|started|ready)\\b|ready to accept connections|\\bstarted server on\\b");
    /** A line that opens a start-up (used where the log read does not begin with the container). */
    private static final Pattern STARTING = Pattern.compile("\\bStarting \\S+ (?:v[\\w.-]+ )?using Java\\b|^\\s*Operations to perform:"
            + "|\\bStarting gunicorn\\b|\\bStarted server process\\b|\\bBooting (?:application|server)\\b|^\\s*Running migrations:");
    /** A migration or start-up step in progress: Django, Flyway, Alembic, Liquibase, Rails/knex/sequelize. */
    private static final Pattern STEP = Pattern.compile("\\bApplying \\S+|\\bMigrating schema\\b|\\bMigrating to version\\b"
            + "|\\bRunning upgrade \\S+|\\bRunning Changeset\\b|==\\s*\\S+ \\S+: migrating|\\bExecuting migration\\b"
            + "|\\bRunning migration\\b", Pattern.CASE_INSENSITIVE);
    /** What a container logs once it has been told to stop: not what it was doing. */
    private static final Pattern SHUTDOWN = Pattern.compile("(?i)SIGTERM|SIGINT|SIGQUIT|handling signal|signal[: ]+(?:term|int|quit)\\b|shut(?:ting)? ?down|\\bstopping\\b|\\bstopped\\b"
            + "|\\bclosing\\b|disconnecting|received signal|graceful|\\bexiting\\b|terminat");

    private StartupTimeline() {
    }

    /** One observation per container log where a start-up shows: completed (how long) or cut short (doing what). */
    static List<Observation> observe(List<LogLine> lines, String scope) {
        return observe(lines, List.of(), scope);
    }

    /**
     * @param window the lines read around the alert
     * @param heads  the first lines of running containers, read from their start ({@link StartupLogs})
     */
    static List<Observation> observe(List<LogLine> window, List<LogLine> heads, String scope) {
        Map<String, List<LogLine>> streams = new LinkedHashMap<>();
        Set<String> fromStart = new HashSet<>();
        group(window, "", streams);
        group(heads, "head|", streams);
        streams.forEach((key, stream) -> {
            if (key.startsWith("head|") || stream.get(0).previous()) {
                fromStart.add(key);
            }
        });
        List<Observation> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        streams.forEach((key, stream) -> {
            stream.sort(Comparator.comparing(LogLine::time));
            Observation o = completed(stream, fromStart.contains(key), scope);
            if (o == null) {
                o = cutShort(lastAttempt(stream, fromStart.contains(key)), scope);
            }
            if (o != null && seen.add(o.attr("pod") + "|" + o.attr("container") + "|" + o.attr("completion") + "|" + o.attr("lastLine"))) {
                found.add(o);
            }
        });
        // The slowest start-ups and the cut-short ones first: they are what a probe must allow for.
        return found.stream().sorted(Comparator.comparing((Observation o) -> o.is("completed", "true"))
                        .thenComparing(o -> -o.number("seconds").orElse(0.0)))
                .limit(MAX_OBSERVATIONS).toList();
    }

    private static void group(List<LogLine> lines, String prefix, Map<String, List<LogLine>> streams) {
        for (LogLine line : lines) {
            if (line.time() != null) {
                streams.computeIfAbsent(prefix + line.pod() + "|" + line.container() + "|" + line.previous(), k -> new ArrayList<>())
                        .addAll(JsonLogLines.expand(line));
            }
        }
    }

    /** The last completed start-up in the log: its stated duration, else the time from its opening line. */
    private static Observation completed(List<LogLine> stream, boolean fromStart, String scope) {
        // One pass: the latest completion line, and the opening line nearest before it.
        LogLine opening = fromStart ? stream.get(0) : null;
        LogLine openingOfLast = null;
        LogLine completion = null;
        Double stated = null;
        for (LogLine line : stream) {
            String text = line.text().length() > MAX_SCANNED ? line.text().substring(0, MAX_SCANNED) : line.text();
            if (STARTING.matcher(text).find()) {
                opening = line;
            }
            Double duration = stated(text);
            if (duration != null || opening != null && READY.matcher(text).find()) {
                completion = line;
                stated = duration;
                openingOfLast = opening;
            }
        }
        return completion == null ? null : completedObservation(completion, stated, openingOfLast, scope);
    }

    private static Observation completedObservation(LogLine line, Double stated, LogLine opening, String scope) {
        double seconds = stated != null ? stated : Duration.between(opening.time(), line.time()).toMillis() / 1000.0;
        String duration = format(seconds);
        String text = where(line) + " finished starting in " + duration + " s" + (stated != null ? "" : " (from its first start-up line at "
                + opening.time() + ")") + ": \"" + clip(line.text()) + "\"";
        return Observation.of(LogAnalysis.SOURCE, Signal.STARTUP, "logs/" + scope + "/startup")
                .at(opening == null ? line.time() : opening.time()).attr("pod", line.pod()).attr("container", line.container())
                .attr("previous", line.previous()).attr("completed", true).attr("seconds", duration)
                .attr("completion", clip(line.text())).attr("firstLine", opening == null ? null : clip(opening.text())).text(text);
    }

    /**
     * The lines of the last start-up attempt: from the last opening line on (a log store keeps the
     * lines of every restarted instance under one stream), or the whole log of a container read
     * from its start; empty when no start-up shows.
     */
    private static List<LogLine> lastAttempt(List<LogLine> stream, boolean fromStart) {
        for (int i = stream.size() - 1; i >= 0; i--) {
            String text = stream.get(i).text();
            if (STARTING.matcher(text.length() > MAX_SCANNED ? text.substring(0, MAX_SCANNED) : text).find()) {
                return stream.subList(i, stream.size());
            }
        }
        return fromStart ? stream : List.of();
    }

    /** A start-up that never logged a completion: how long it ran and what it was doing last. */
    private static Observation cutShort(List<LogLine> stream, String scope) {
        if (stream.isEmpty()) {
            return null;
        }
        LogLine first = stream.get(0);
        LogLine last = null;
        String step = null;
        for (LogLine line : stream) {
            if (SHUTDOWN.matcher(line.text()).find() && last != null) {
                break;
            }
            if (!line.text().isBlank()) {
                last = line;
            }
            if (STEP.matcher(line.text()).find()) {
                step = line.text().strip();
            }
        }
        if (last == null) {
            return null;
        }
        String seconds = format(Duration.between(first.time(), stream.get(stream.size() - 1).time()).toMillis() / 1000.0);
        String doing = step != null && !step.equals(last.text().strip())
                ? "in step \"" + clip(step) + "\", last \"" + clip(last.text()) + "\""
                : "last \"" + clip(last.text()) + "\"";
        String text = where(first) + " did not finish starting: it logged for " + seconds + " s (" + first.time() + " to "
                + stream.get(stream.size() - 1).time() + ") with no start-up completion line; it was " + doing;
        return Observation.of(LogAnalysis.SOURCE, Signal.STARTUP, "logs/" + scope + "/startup").at(first.time())
                .attr("pod", first.pod()).attr("container", first.container()).attr("previous", first.previous()).attr("completed", false)
                .attr("seconds", seconds).attr("firstLine", clip(first.text())).attr("lastLine", clip(last.text()))
                .attr("step", step == null ? null : clip(step)).text(text);
    }

    /** The start-up duration a completion line states, in seconds. */
    static Double stated(String text) {
        for (Pattern p : TIMED) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                double value = Double.parseDouble(m.group(1));
                String unit = m.groupCount() > 1 && m.group(2) != null ? m.group(2).toLowerCase(Locale.ROOT) : "s";
                return unit.startsWith("m") ? value / 1000 : value;
            }
        }
        return null;
    }

    static String format(double seconds) {
        String s = String.format(Locale.ROOT, "%.3f", seconds).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String where(LogLine line) {
        String container = "container " + line.container() + " of pod " + line.pod();
        return line.previous() ? "The previous " + container : "The " + container;
    }

    private static String clip(String line) {
        String s = line.strip();
        return s.length() > MAX_LINE ? s.substring(0, MAX_LINE) + "…" : s;
    }
}
