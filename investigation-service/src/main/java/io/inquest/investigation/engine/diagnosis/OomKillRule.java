package io.inquest.investigation.engine.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Containers killed for using more memory than their limit: OOMKilled (exit code 137) in the
 * pod status, an OutOfMemoryError or kernel OOM kill in the logs, the working set at the limit.
 */
@ApplicationScoped
public class OomKillRule implements DiagnosisRule {

    @Override
    public String family() {
        return "oom-killed";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        List<Observation> killed = Facts.terminations(incident, "OOMKilled");
        List<Observation> oomLogs = Facts.logs(incident, "oom");
        List<Observation> oomEvents = Facts.join(Facts.events(incident, "OOMKilling"),
                Facts.eventsMentioning(incident, "OOMKilled", "out of memory"));
        Optional<Observation> memory = Facts.metric(incident, "memory_usage");
        boolean atLimit = Facts.ratio(memory) >= 0.9;
        if (killed.isEmpty() && oomLogs.isEmpty() && oomEvents.isEmpty()) {
            return Optional.empty();
        }
        double confidence = !killed.isEmpty() ? 0.85 : !oomEvents.isEmpty() ? 0.75 : 0.6;
        if (atLimit) {
            confidence += 0.05;
        }
        int restarts = killed.stream().mapToInt(o -> o.number("restarts").orElse(0.0).intValue()).max().orElse(0);
        if (!killed.isEmpty() && restarts == 0 && Facts.allPodsReady(incident) && killed.stream().noneMatch(o -> o.is("state", "current"))) {
            confidence -= 0.2;
        }
        Observation first = !killed.isEmpty() ? killed.get(0) : !oomEvents.isEmpty() ? oomEvents.get(0) : oomLogs.get(0);
        String limit = killed.stream().map(o -> o.attr("memoryLimit")).filter(l -> l != null).findFirst()
                .orElse(incident.first(Signal.CONTAINER_SPEC, o -> o.attr("memoryLimit") != null).map(o -> o.attr("memoryLimit"))
                        .orElse(null));
        boolean jvmHeap = oomLogs.stream().anyMatch(o -> Facts.contains(o.attr("sample"), "java.lang.OutOfMemoryError"));

        StringBuilder cause = new StringBuilder();
        if (!killed.isEmpty()) {
            cause.append(capital(Facts.where(first))).append(" was OOMKilled (exit code ")
                    .append(first.attr("exitCode", "137")).append(") ").append(incident.relative(first.at()));
            if (killed.size() > 1 || restarts > 1) {
                cause.append(", ").append(restarts > 0 ? restarts + " restarts" : killed.size() + " kills");
            }
            cause.append(": it ran out of memory against its ").append(limit == null ? "memory limit" : "memory limit of " + limit);
        } else {
            cause.append(capital(Facts.workload(incident))).append(" ran out of memory (OOM): ").append(first.text());
        }
        memory.filter(m -> atLimit).ifPresent(m -> cause.append("; ").append(m.text()));
        if (jvmHeap) {
            cause.append("; the JVM threw java.lang.OutOfMemoryError");
        }
        List<Observation> gc = Facts.logs(incident, "gc_pressure");
        gc.stream().findFirst().ifPresent(o -> cause.append("; its logs show long garbage-collection pauses: \"")
                .append(o.attr("sample")).append("\" (").append(o.attr("count")).append("x)"));
        Optional<Observation> oversizedHeap = oversizedHeap(incident, first.attr("container"));
        oversizedHeap.ifPresent(spec -> cause.append("; the JVM may grow its heap to ").append(maxHeap(spec.attr("jvmOptions")))
                .append(" (").append(spec.attr("jvmOptions")).append("), at or above the container's memory limit of ")
                .append(spec.attr("memoryLimit")).append(": the heap alone can outgrow the limit"));

        String container = first.attr("container", Facts.workload(incident));
        List<String> steps = new ArrayList<>();
        steps.add("Raise the memory limit of container " + container + " in " + Facts.workload(incident)
                + (limit == null ? "" : " above " + limit) + ", or find what grew: compare its working set before and after "
                + incident.relative(Facts.onset(killed.isEmpty() ? List.of(first) : killed)));
        if (oversizedHeap.isPresent()) {
            steps.add("Set -Xmx of container " + container + " well below its memory limit (heap + metaspace + threads "
                    + "must fit: about 75% of the limit, or -XX:MaxRAMPercentage=75 instead of a fixed -Xmx), or raise the limit");
        } else if (jvmHeap) {
            steps.add("Keep the JVM heap below the container limit (-Xmx or -XX:MaxRAMPercentage) and take a heap dump "
                    + "(-XX:+HeapDumpOnOutOfMemoryError) to find the leak");
        } else {
            steps.add("Look for a leak or an unbounded cache in " + container
                    + " (memory that only grows between restarts is a leak; a jump with load is sizing)");
        }
        List<Observation> evidence = Facts.join(killed, oomEvents, oomLogs, memory.stream().toList(),
                oversizedHeap.stream().toList(), gc);
        return Optional.of(new Hypothesis(family(), RootCauseCategory.RESOURCE_EXHAUSTION, confidence, cause.toString(),
                evidence, steps, Facts.onset(evidence), true));
    }

    /** A container spec whose JVM heap limit (-Xmx) is at least 90% of its memory limit. */
    static Optional<Observation> oversizedHeap(Case incident, String container) {
        return incident.first(Signal.CONTAINER_SPEC, spec -> (container == null || container.equals(spec.attr("container")))
                && spec.attr("jvmOptions") != null && maxHeap(spec.attr("jvmOptions")) != null
                && spec.number("memoryLimitBytes").map(limit -> bytes(maxHeap(spec.attr("jvmOptions"))) >= 0.9 * limit).orElse(false));
    }

    private static final java.util.regex.Pattern XMX = java.util.regex.Pattern.compile("-Xmx(\\d+)([kKmMgG]?)");

    static String maxHeap(String options) {
        java.util.regex.Matcher m = XMX.matcher(options);
        String last = null;
        while (m.find()) {
            last = m.group(1) + m.group(2);
        }
        return last;
    }

    static double bytes(String size) {
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        double number = Double.parseDouble(Character.isDigit(unit) ? size : size.substring(0, size.length() - 1));
        return switch (unit) {
            case 'k' -> number * 1024;
            case 'm' -> number * 1024 * 1024;
            case 'g' -> number * 1024 * 1024 * 1024;
            default -> number;
        };
    }

    @Override
    public List<String> ruledOut(Case incident) {
        if (incident.kubernetesRead() && !Facts.pods(incident).isEmpty() && Facts.terminations(incident, "OOMKilled").isEmpty()) {
            return List.of("not an out-of-memory kill: no container of " + Facts.workload(incident) + " was OOMKilled");
        }
        return List.of();
    }

    /** "container app of pod x" opens a sentence as "Container app of pod x"; a bare name keeps its case. */
    static String capital(String s) {
        return s.startsWith("container ") || s.startsWith("pod ") ? Character.toUpperCase(s.charAt(0)) + s.substring(1) : s;
    }
}
