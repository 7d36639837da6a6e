package io.inquest.investigation.engine.tools.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;

/**
 * How much a workload logs, and at which levels: lines per minute and the share of each level.
 * What a disk or volume alert asks of a workload whose own log is large: a service left at DEBUG
 * writes most of what fills its volume.
 */
public final class LogVolume {

    /** Fewer lines than this say nothing about a log's volume. */
    static final int FEW = 100;
    private static final Pattern LEVEL = Pattern.compile(
            "(?:^|[\\s\\[|\"'=:])(TRACE|DEBUG|DBG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRITICAL|SEVERE)(?=[\\s\\]|\"',:]|$)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern JSON_LEVEL = Pattern.compile("\"(?:level|severity|lvl|levelname|log\\.level|LogLevel)\"\\s*:\\s*\"(\\w+)\"",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern KLOG = Pattern.compile("^([IWEFD])\\d{4} ");

    private LogVolume() {
    }

    /** One observation per workload (pods grouped by their name's workload) whose log holds enough lines. */
    public static List<Observation> analyse(List<LogLine> lines, String scope) {
        Map<String, List<LogLine>> byWorkload = new LinkedHashMap<>();
        for (LogLine line : lines) {
            String workload = line.pod() == null ? scope : io.inquest.investigation.engine.Target.workloadOfPod(line.pod());
            byWorkload.computeIfAbsent(workload, k -> new ArrayList<>()).add(line);
        }
        List<Observation> observations = new ArrayList<>();
        byWorkload.forEach((workload, own) -> {
            if (own.size() >= FEW) {
                observations.add(volume(workload, own));
            }
        });
        return observations;
    }

    static String level(String text) {
        Matcher json = JSON_LEVEL.matcher(text);
        String raw = null;
        if (json.find()) {
            raw = json.group(1);
        } else {
            Matcher klog = KLOG.matcher(text);
            if (klog.find()) {
                raw = klog.group(1);
            } else {
                Matcher m = LEVEL.matcher(text.length() > 200 ? text.substring(0, 200) : text);
                if (m.find()) {
                    raw = m.group(1);
                }
            }
        }
        if (raw == null) {
            return "unleveled";
        }
        return switch (raw.toUpperCase(Locale.ROOT)) {
            case "TRACE" -> "TRACE";
            case "DEBUG", "DBG", "D" -> "DEBUG";
            case "INFO", "NOTICE", "I", "INFORMATION" -> "INFO";
            case "WARN", "WARNING", "W" -> "WARN";
            case "ERROR", "ERR", "E" -> "ERROR";
            case "FATAL", "CRITICAL", "SEVERE", "F" -> "FATAL";
            default -> "unleveled";
        };
    }

    private static Observation volume(String workload, List<LogLine> lines) {
        Map<String, Long> levels = lines.stream().collect(Collectors.groupingBy(l -> level(l.text()), LinkedHashMap::new, Collectors.counting()));
        Instant first = lines.stream().map(LogLine::time).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        Instant last = lines.stream().map(LogLine::time).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        double minutes = first == null ? 1 : Math.max(1, Duration.between(first, last).toSeconds() / 60.0);
        long pods = lines.stream().map(LogLine::pod).filter(Objects::nonNull).distinct().count();
        double perMinute = lines.size() / minutes;
        long verbose = levels.getOrDefault("DEBUG", 0L) + levels.getOrDefault("TRACE", 0L);
        double verboseShare = (double) verbose / lines.size();
        String mix = levels.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> Math.round(100.0 * e.getValue() / lines.size()) + " % " + e.getKey()).collect(Collectors.joining(", "));
        String text = Math.round(verboseShare * 100) + " % of " + workload + "'s log lines are DEBUG or TRACE, "
                + Math.round(perMinute) + " lines/min" + (pods > 1 ? " over " + pods + " pods" : "") + " (" + lines.size() + " lines read: "
                + mix + ")";
        return Observation.of(LogAnalysis.SOURCE, Signal.LOG_VOLUME, "log-volume/" + workload).at(first)
                .attr("of", workload).attr("lines", lines.size()).attr("linesPerMinute", Math.round(perMinute))
                .attr("debugShare", String.format(Locale.ROOT, "%.3f", verboseShare)).attr("pods", pods).attr("levels", mix).text(text);
    }
}
