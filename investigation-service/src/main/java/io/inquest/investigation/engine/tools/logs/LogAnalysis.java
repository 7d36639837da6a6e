package io.inquest.investigation.engine.tools.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.diagnosis.Relative;

/**
 * What the logs say, as pure logic: lines are joined into entries (a stack trace is one), the
 * entries that report an error are grouped into patterns (numbers, ids, hex, addresses and quoted
 * values masked), and well-known failure signatures are counted.
 */
public final class LogAnalysis {

    static final String SOURCE = "logs";
    private static final int MAX_SAMPLE = 500;
    private static final int MAX_PATTERN = 200;
    private static final int MAX_ENTRY_LINES = 200;
    /** What of an entry the signatures are looked for in: a stack trace's head, not a megabyte of payload. */
    private static final int MAX_MATCHED = 16 * 1024;

    private static final Pattern LOW_LEVEL = Pattern.compile(
            "(?i)(?:^|[\\s\\[|\"'=:])(info|debug|trace|notice|warn|warning)(?=[\\s\\]|\"',:]|$)");
    private static final Pattern DEBUG_LEVEL = Pattern.compile("(?i)(?:^|[\\s\\[|\"'=:])(debug|trace)(?=[\\s\\]|\"',:]|$)|^[D]\\d{4} ");
    private static final Pattern HIGH_LEVEL = Pattern.compile(
            "(?i)(?:^|[\\s\\[|\"'=:])(error|err|fatal|crit|critical|severe|panic|emerg|alert|exception)(?=[\\s\\]|\"',:]|$)|^[EF]\\d{4} ");
    private static final Pattern GLOG_WARNING = Pattern.compile("^W\\d{4} ");
    private static final int MAX_WARNING_PATTERNS = 3;
    private static final Pattern GO_FRAME = Pattern.compile("^[\\w./*()\\[\\]-]+\\(.*\\)$|^created by |^\\[signal |^exit status \\d+");
    private static final Pattern LEADING_TIME = Pattern.compile(
            "^\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?\\]?\\s*");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern UUID = Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern IP = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?\\b");
    // Possessive: a long line must not recurse once per character (StackOverflowError on a big JSON line).
    private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"(?:[^\"\\\\]++|\\\\.)*+\"");
    private static final Pattern SINGLE_QUOTED = Pattern.compile("(?<![\\w])'(?:[^'\\\\]++|\\\\.)*+'");
    private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b|\\b(?=[0-9a-f]*\\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private LogAnalysis() {
    }

    /** What was read and found. */
    public record Result(List<Observation> observations, int lines, int entries, int errorEntries, int patterns) {

        public List<Observation> signatures() {
            return observations.stream().filter(o -> o.signal() == Signal.LOG_SIGNATURE).toList();
        }
    }

    /** One log record: its first line and the lines that continue it (a stack trace). */
    record Entry(LogLine head, List<String> lines) {

        String text() {
            return String.join("\n", lines);
        }
    }

    /**
     * @param scope       what the logs are of ({@code shop/cart}), for the observations' subject
     * @param maxPatterns how many of the most frequent patterns to report
     */
    public static Result analyse(List<LogLine> lines, Instant alertStart, String scope, int maxPatterns) {
        List<Entry> entries = entries(lines);
        Map<String, Aggregate> signatures = new LinkedHashMap<>();
        Map<String, Aggregate> patterns = new HashMap<>();
        Map<String, Aggregate> warnings = new HashMap<>();
        int errors = 0;
        for (Entry entry : entries) {
            String head = entry.lines().get(0);
            if (DEBUG_LEVEL.matcher(head).find() && !HIGH_LEVEL.matcher(head).find()) {
                continue;
            }
            Optional<LogSignature.Match> match = LogSignature.find(abbreviate(entry.text(), MAX_MATCHED));
            if (match.isEmpty() && !isError(entry)) {
                if (isWarning(entry)) {
                    String headline = headline(entry);
                    warnings.computeIfAbsent(mask(headline), key -> new Aggregate(null)).add(entry, quote(headline, entry), null);
                }
                continue;
            }
            errors++;
            match.ifPresent(m -> signatures.computeIfAbsent(m.signature().wireName() + "|" + entry.head().previous(),
                    key -> new Aggregate(m.signature().wireName())).add(entry, quote(m.line(), entry), m.target()));
            String headline = headline(entry);
            patterns.computeIfAbsent(mask(headline), key -> new Aggregate(match.map(m -> m.signature().wireName()).orElse(null)))
                    .add(entry, quote(headline, entry), null);
        }
        List<Observation> observations = new ArrayList<>();
        signatures.values().stream().sorted(Comparator.comparingInt(Aggregate::count).reversed().thenComparing(a -> a.first))
                .forEach(a -> observations.add(signature(a, alertStart, scope)));
        List<Map.Entry<String, Aggregate>> top = ranked(patterns).limit(maxPatterns).toList();
        top.forEach(e -> observations.add(pattern(e.getKey(), e.getValue(), alertStart, scope)));
        // Warnings rank below every error: they explain a recovery (a rebalance, a retry), not a failure.
        ranked(warnings).limit(Math.min(MAX_WARNING_PATTERNS, maxPatterns))
                .forEach(e -> observations.add(warning(e.getKey(), e.getValue(), alertStart, scope)));
        return new Result(observations, lines.size(), entries.size(), errors, patterns.size());
    }

    /** The most frequent first, then the earliest. */
    private static java.util.stream.Stream<Map.Entry<String, Aggregate>> ranked(Map<String, Aggregate> aggregates) {
        return aggregates.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Aggregate> e) -> e.getValue().count()).reversed()
                        .thenComparing(e -> e.getValue().first, Comparator.nullsLast(Comparator.naturalOrder())));
    }

    /** Lines joined into entries, per container stream in time order: continuation lines belong to the line before. */
    static List<Entry> entries(List<LogLine> lines) {
        Map<String, List<LogLine>> streams = new LinkedHashMap<>();
        for (LogLine line : lines) {
            streams.computeIfAbsent(line.pod() + "|" + line.container() + "|" + line.previous(), k -> new ArrayList<>())
                    .addAll(JsonLogLines.expand(line));
        }
        List<Entry> entries = new ArrayList<>();
        for (List<LogLine> stream : streams.values()) {
            stream.sort(Comparator.comparing(LogLine::time, Comparator.nullsFirst(Comparator.naturalOrder())));
            Entry current = null;
            boolean traceback = false;
            boolean goPanic = false;
            boolean lastIndented = false;
            boolean chained = false;
            boolean validation = false;
            for (LogLine line : stream) {
                String text = line.text();
                boolean indented = !text.isEmpty() && (text.charAt(0) == ' ' || text.charAt(0) == '\t');
                boolean chainNote = text.startsWith("During handling of the above exception")
                        || text.startsWith("The above exception was the direct cause");
                boolean continues = current != null && current.lines().size() < MAX_ENTRY_LINES && (indented
                        || text.startsWith("Caused by:") || text.startsWith("Suppressed:")
                        || (goPanic && (text.isBlank() || text.startsWith("goroutine ") || GO_FRAME.matcher(text).find()))
                        || (traceback && lastIndented && !text.isBlank())
                        // Python's chained exceptions: "The above exception was ..." then another traceback.
                        || (chainNote && current.text().contains("Traceback (most recent call last)"))
                        || (chained && text.contains("Traceback (most recent call last)"))
                        // A validation error's field names are not indented; their messages are.
                        || (validation && DecisiveLine.FIELD.matcher(text.strip()).matches()));
                if (continues) {
                    current.lines().add(text);
                    if (traceback && !indented) {
                        traceback = false;
                        validation = DecisiveLine.VALIDATION_HEADER.matcher(text).find();
                    }
                    if (chainNote) {
                        chained = true;
                    } else if (text.contains("Traceback (most recent call last)")) {
                        chained = false;
                        traceback = true;
                        validation = false;
                    }
                } else {
                    if (text.isBlank()) {
                        continue;
                    }
                    current = new Entry(line, new ArrayList<>(List.of(text)));
                    entries.add(current);
                    traceback = text.contains("Traceback (most recent call last)");
                    chained = false;
                    validation = DecisiveLine.VALIDATION_HEADER.matcher(text).find();
                    goPanic = text.startsWith("panic: ") || text.startsWith("fatal error: ") || text.contains(" panic: ");
                }
                lastIndented = indented;
            }
        }
        return entries;
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * What to quote of an entry: the line that matched, and the entry's decisive line (its root cause,
     * a traceback's exception, a panic's frame) when that says more. A header line (a traceback's
     * opening) gives way to the decisive line; a long line is cut so the decisive part still fits.
     */
    static String quote(String line, Entry entry) {
        String decisive = DecisiveLine.of(entry.lines());
        String matched = line.strip();
        if (decisive == null || matched.contains(decisive)) {
            return line;
        }
        if (decisive.contains(matched) || DecisiveLine.header(matched)) {
            return decisive;
        }
        int room = Math.max(MAX_SAMPLE / 2, MAX_SAMPLE - decisive.length() - 5);
        return (matched.length() > room ? matched.substring(0, room) + "…" : matched) + " ... " + decisive;
    }

    /** What names an entry's pattern: its head, or its decisive line when the head is only a header. */
    private static String headline(Entry entry) {
        String head = entry.lines().get(0);
        if (DecisiveLine.header(head)) {
            String decisive = DecisiveLine.of(entry.lines());
            return decisive == null ? head : decisive;
        }
        return head;
    }

    /** A warning: its first level word is WARN/WARNING (or glog's W0304). */
    private static boolean isWarning(Entry entry) {
        String head = entry.lines().get(0);
        if (head.startsWith("W") && GLOG_WARNING.matcher(head).find()) {
            return true;
        }
        Matcher low = LOW_LEVEL.matcher(head);
        return low.find() && low.group(1).toLowerCase(java.util.Locale.ROOT).startsWith("warn");
    }

    private static boolean isError(Entry entry) {
        String head = entry.lines().get(0);
        Matcher high = HIGH_LEVEL.matcher(head);
        if (!high.find()) {
            return false;
        }
        Matcher low = LOW_LEVEL.matcher(head);
        return !low.find() || low.start() > high.start();
    }

    /** The line with its variable parts masked: timestamps, UUIDs, addresses, quoted values, hex and numbers. */
    static String mask(String line) {
        String s = LEADING_TIME.matcher(abbreviate(line.strip(), MAX_PATTERN * 4)).replaceFirst("");
        s = TIMESTAMP.matcher(s).replaceAll("<time>");
        s = UUID.matcher(s).replaceAll("<uuid>");
        s = IP.matcher(s).replaceAll("<ip>");
        s = DOUBLE_QUOTED.matcher(s).replaceAll("\"<*>\"");
        s = SINGLE_QUOTED.matcher(s).replaceAll("'<*>'");
        s = HEX.matcher(s).replaceAll("<hex>");
        s = NUMBER.matcher(s).replaceAll("<n>");
        s = s.replaceAll("\\s+", " ").strip();
        return s.length() > MAX_PATTERN ? s.substring(0, MAX_PATTERN) + "…" : s;
    }

    /** Occurrences of one signature or pattern: how many, the first one (its sample), the pods. */
    private static final class Aggregate {
        final String signature;
        int count;
        Instant first;
        Instant last;
        LogLine sample;
        String sampleText;
        Instant sampleAt;
        boolean sampleDecisive;
        final Set<String> pods = new HashSet<>();
        final Map<String, Integer> targets = new HashMap<>();

        Aggregate(String signature) {
            this.signature = signature;
        }

        int count() {
            return count;
        }

        void add(Entry entry, String line, String target) {
            count++;
            Instant at = entry.head().time();
            // The sample is the earliest occurrence that quotes a root cause (a stack trace's, not a one-line summary's).
            boolean decisive = DecisiveLine.of(entry.lines()) != null;
            boolean earlier = at != null && (sampleAt == null || at.isBefore(sampleAt));
            if (sample == null || (decisive && !sampleDecisive) || (decisive == sampleDecisive && earlier)) {
                sample = entry.head();
                sampleText = line;
                sampleAt = at;
                sampleDecisive = decisive;
            }
            if (at != null && (first == null || at.isBefore(first))) {
                first = at;
            }
            if (at != null && (last == null || at.isAfter(last))) {
                last = at;
            }
            if (entry.head().pod() != null) {
                pods.add(entry.head().pod());
            }
            if (target != null) {
                targets.merge(target, 1, Integer::sum);
            }
        }

        String target() {
            return targets.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
        }
    }

    private static Observation signature(Aggregate a, Instant alertStart, String scope) {
        String sample = clip(a.sampleText);
        String relative = Relative.toAlert(a.first, alertStart);
        String target = a.target();
        String text = "log signature " + a.signature + ": " + a.count + (a.count == 1 ? " occurrence" : " occurrences")
                + (a.pods.size() > 1 ? " in " + a.pods.size() + " pods" : "") + ", first " + relative
                + (a.first == null ? "" : " (" + a.first + ")") + " in " + where(a.sample)
                + (target == null ? "" : ", naming " + target) + ": \"" + sample + "\"";
        return Observation.of(SOURCE, Signal.LOG_SIGNATURE, "logs/" + scope + "/" + a.signature).at(a.first)
                .attr("signature", a.signature).attr("count", a.count).attr("first", a.first).attr("last", a.last)
                .attr("relative", relative).attr("sample", sample).attr("pod", a.sample.pod()).attr("container", a.sample.container())
                .attr("previous", a.sample.previous()).attr("target", target).attr("pods", a.pods.size()).text(text);
    }

    private static Observation pattern(String pattern, Aggregate a, Instant alertStart, String scope) {
        String sample = clip(a.sampleText);
        String relative = Relative.toAlert(a.first, alertStart);
        String text = a.count + (a.count == 1 ? " error line" : " error lines") + " like \"" + pattern + "\""
                + (a.pods.size() > 1 ? " in " + a.pods.size() + " pods" : "") + ", first " + relative
                + (a.first == null ? "" : " (" + a.first + ")") + " in " + where(a.sample) + ": \"" + sample + "\"";
        return Observation.of(SOURCE, Signal.LOG_PATTERN, "logs/" + scope).at(a.first)
                .attr("pattern", pattern).attr("count", a.count).attr("first", a.first).attr("last", a.last).attr("relative", relative)
                .attr("sample", sample).attr("pod", a.sample.pod()).attr("container", a.sample.container())
                .attr("previous", a.sample.previous()).attr("signature", a.signature).attr("pods", a.pods.size()).text(text);
    }

    private static Observation warning(String pattern, Aggregate a, Instant alertStart, String scope) {
        String sample = clip(a.sampleText);
        String relative = Relative.toAlert(a.first, alertStart);
        String text = a.count + (a.count == 1 ? " warning" : " warnings") + " like \"" + pattern + "\""
                + (a.pods.size() > 1 ? " in " + a.pods.size() + " pods" : "") + ", first " + relative
                + (a.first == null ? "" : " (" + a.first + ")") + (a.last == null || a.last.equals(a.first) ? "" : ", last "
                + Relative.toAlert(a.last, alertStart)) + " in " + where(a.sample) + ": \"" + sample + "\"";
        return Observation.of(SOURCE, Signal.LOG_WARNING, "logs/" + scope).at(a.first)
                .attr("pattern", pattern).attr("count", a.count).attr("first", a.first).attr("last", a.last).attr("relative", relative)
                .attr("sample", sample).attr("pod", a.sample.pod()).attr("container", a.sample.container())
                .attr("previous", a.sample.previous()).attr("pods", a.pods.size()).text(text);
    }

    private static String where(LogLine line) {
        String container = (line.pod() == null ? "" : line.pod()) + (line.container() == null ? "" : "/" + line.container());
        String at = container.isEmpty() ? "the logs" : container;
        return line.previous() ? "the previous container of " + at : at;
    }

    private static String clip(String line) {
        String s = line.strip();
        return s.length() > MAX_SAMPLE ? s.substring(0, MAX_SAMPLE) + "…" : s;
    }
}
