package io.inquest.investigation.engine.diagnosis;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;

/** The questions several rules ask of the evidence, asked one way. */
final class Facts {

    private Facts() {
    }

    /** Recent container terminations (current or last state) whose reason or exit code matches. */
    static List<Observation> terminations(Case incident, String reason) {
        return incident.list(Signal.CONTAINER_TERMINATED,
                o -> incident.recent(o) && (reason == null || reason.equalsIgnoreCase(o.attr("reason"))));
    }

    static List<Observation> waiting(Case incident, String... reasons) {
        return incident.list(Signal.CONTAINER_WAITING, o -> Stream.of(reasons).anyMatch(r -> r.equalsIgnoreCase(o.attr("reason"))));
    }

    /** Events (Warning or Normal) with one of the reasons, recent. */
    static List<Observation> events(Case incident, String... reasons) {
        return incident.list(Signal.EVENT, o -> incident.recent(o)
                && Stream.of(reasons).anyMatch(r -> r.equalsIgnoreCase(o.attr("reason"))));
    }

    static List<Observation> eventsMentioning(Case incident, String... words) {
        return incident.list(Signal.EVENT, o -> incident.recent(o) && contains(o.attr("message"), words));
    }

    static List<Observation> logs(Case incident, String... signatures) {
        return incident.list(Signal.LOG_SIGNATURE, o -> Stream.of(signatures).anyMatch(s -> s.equalsIgnoreCase(o.attr("signature"))))
                .stream().sorted(Comparator.comparingDouble((Observation o) -> o.number("count").orElse(1.0)).reversed())
                .toList();
    }

    static int count(List<Observation> observations) {
        return (int) observations.stream().mapToDouble(o -> o.number("count").orElse(1.0)).sum();
    }

    static Optional<Observation> metric(Case incident, String metric) {
        return incident.first(Signal.METRIC, o -> metric.equals(o.attr("metric")) && !"dependency".equals(o.attr("scope")));
    }

    static Optional<Observation> database(Case incident, String metric) {
        return incident.all(Signal.DATABASE, o -> metric.equals(o.attr("metric")))
                .max(Comparator.comparingDouble(o -> o.number("ratio").orElse(o.number("peak").orElse(0.0))));
    }

    static double ratio(Optional<Observation> o) {
        return o.flatMap(x -> x.number("ratio")).orElse(0.0);
    }

    static List<Observation> pods(Case incident) {
        return incident.list(Signal.POD_STATUS, o -> true);
    }

    /** Every pod of the workload read is Ready (and there is at least one). */
    static boolean allPodsReady(Case incident) {
        List<Observation> pods = pods(incident);
        return !pods.isEmpty() && pods.stream().allMatch(p -> p.is("ready", "true"));
    }

    /** When the last pod became Ready (the latest readySince), if known. */
    static Optional<Instant> readySince(Case incident) {
        return pods(incident).stream().map(p -> p.attr("readySince")).filter(Objects::nonNull).map(Facts::instant)
                .filter(Objects::nonNull).max(Comparator.naturalOrder());
    }

    static List<Observation> unhealthyNodes(Case incident) {
        return incident.list(Signal.NODE_CONDITION, o -> o.is("healthy", "false"));
    }

    static boolean contains(String text, String... words) {
        if (text == null) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return Stream.of(words).anyMatch(w -> lower.contains(w.toLowerCase(Locale.ROOT)));
    }

    static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The earliest time among the observations, if any has one. */
    static Instant onset(List<Observation> observations) {
        return observations.stream().map(Observation::at).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
    }

    /** "container app of pod cart-7d9f-x2k4 (namespace shop)". */
    static String where(Observation o) {
        StringBuilder s = new StringBuilder();
        if (o.attr("container") != null) {
            s.append("container ").append(o.attr("container")).append(" of ");
        }
        s.append(o.attr("pod") != null ? "pod " + o.attr("pod") : o.subject());
        if (o.attr("namespace") != null) {
            s.append(" (namespace ").append(o.attr("namespace")).append(')');
        }
        return s.toString();
    }

    static String workload(Case incident) {
        return incident.subject().target().workload() != null ? incident.subject().target().workload()
                : incident.subject().serviceOrUnknown();
    }

    @SafeVarargs
    static List<Observation> join(List<Observation>... lists) {
        return Stream.of(lists).flatMap(List::stream).distinct().toList();
    }
}
