package io.inquest.investigation.engine.tools.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.inquest.investigation.engine.EvidenceTool;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Target;
import io.inquest.investigation.engine.ToolFindings;
import io.inquest.investigation.engine.tools.kubernetes.KubernetesAccess;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The service's log lines around the alert's start, from the Kubernetes API (current and previous
 * containers) and from Loki when it is configured, de-duplicated: error lines grouped into
 * patterns, and well-known failure signatures. The call fails only when every backend failed.
 */
@ApplicationScoped
public class LogsTool implements EvidenceTool {

    public static final String NAME = LogAnalysis.SOURCE;

    private final KubernetesAccess kubernetes;
    private final KubeletLogs kubelet;
    private final LokiLogs loki;
    private final LogSettings settings;
    private final StartupLogs startups;
    private final CompanionLogs companions;

    public LogsTool(KubernetesAccess kubernetes, KubeletLogs kubelet, LokiLogs loki, LogSettings settings, StartupLogs startups,
            CompanionLogs companions) {
        this.kubernetes = kubernetes;
        this.kubelet = kubelet;
        this.loki = loki;
        this.settings = settings;
        this.startups = startups;
        this.companions = companions;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> notConfigured() {
        Optional<String> cluster = kubernetes.notConfigured();
        if (cluster.isEmpty() || loki.configured()) {
            return Optional.empty();
        }
        return Optional.of("no log backend: Kubernetes is not read (" + cluster.get() + ") and inquest.sources.loki.url is not set");
    }

    /** What one backend gave: its lines and notes, or why it failed. */
    private record Outcome(String backend, KubeletLogs.Batch batch, Throwable failure) {
    }

    @Override
    public Uni<ToolFindings> investigate(Subject subject) {
        Target target = subject.target();
        if (target.workload() == null && target.service() == null && target.pod() == null) {
            return Uni.createFrom().item(ToolFindings.nothing("the alert names no workload, service or pod whose logs to read"));
        }
        Instant start = subject.alert().startsAt();
        Instant from = start.minus(settings.before());
        Instant to = start.plus(settings.after());
        List<Uni<Outcome>> reads = new ArrayList<>();
        if (kubernetes.notConfigured().isEmpty()) {
            reads.add(kubelet.read(subject, from, to).map(batch -> new Outcome("Kubernetes", batch, null))
                    .onFailure().recoverWithItem(f -> new Outcome("Kubernetes", null, f)));
        }
        if (loki.configured()) {
            String scope = (target.namespace() == null ? "" : target.namespace() + "/")
                    + (target.workload() != null ? target.workload() : target.service() != null ? target.service() : target.pod());
            // The service's streams by the shipper's service label too (a database on a VM), best effort:
            // whether Loki answered is what the query by app or pod says.
            Uni<List<LogLine>> byApp = loki.read(subject, from, to);
            Uni<List<LogLine>> lokiLines = loki.serviceQuery(target).map(q -> byApp.flatMap(lines -> loki.read(q, from, to)
                    .map(more -> merge(List.of(lines, more))).onFailure().recoverWithItem(lines))).orElse(byApp);
            reads.add(lokiLines.map(lines -> new Outcome("Loki", new KubeletLogs.Batch(lines, List.of(), scope,
                    lines.isEmpty() ? 0 : 1, 0), null)).onFailure().recoverWithItem(f -> new Outcome("Loki", null, f)));
        }
        if (reads.isEmpty()) {
            return Uni.createFrom().item(ToolFindings.nothing(notConfigured().orElse("no log backend")));
        }
        return Uni.combine().all().unis(Uni.join().all(reads).andFailFast(), startups.read(subject, from)).asTuple()
                .flatMap(both -> {
                    List<Outcome> outcomes = both.getItem1();
                    List<LogLine> heads = both.getItem2();
                    if (outcomes.stream().allMatch(o -> o.failure() != null)) {
                        return Uni.createFrom().item(findings(subject, outcomes, heads, CompanionLogs.Lines.none(), from, to));
                    }
                    List<Observation> signatures = ownSignatures(outcomes, subject.alert().startsAt());
                    Set<String> hosts = new java.util.LinkedHashSet<>();
                    signatures.stream().filter(o -> List.of("too_many_connections", "disk_full").contains(o.attr("signature")))
                            .map(o -> o.attr("target")).filter(t -> t != null).forEach(hosts::add);
                    boolean refused = signatures.stream().anyMatch(o -> o.is("signature", "too_many_connections"));
                    return companions.read(subject, hosts, refused, from, to)
                            .map(extra -> findings(subject, outcomes, heads, extra, from, to));
                });
    }

    /** The signatures in the service's own lines: the hosts they name are the servers whose logs are read next. */
    private List<Observation> ownSignatures(List<Outcome> outcomes, Instant alertStart) {
        List<LogLine> lines = merge(outcomes.stream().filter(o -> o.failure() == null).map(o -> o.batch().lines()).toList());
        return LogAnalysis.analyse(lines, alertStart, "", 1).signatures();
    }

    private ToolFindings findings(Subject subject, List<Outcome> outcomes, List<LogLine> heads, CompanionLogs.Lines extra,
            Instant from, Instant to) {
        List<Outcome> failed = outcomes.stream().filter(o -> o.failure() != null).toList();
        if (failed.size() == outcomes.size() && extra.servers().isEmpty() && extra.ingress().isEmpty()) {
            throw new IllegalStateException(failed.stream().map(LogsTool::failure).distinct().collect(Collectors.joining("; ")),
                    failed.get(0).failure());
        }
        List<List<LogLine>> batches = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String scope = null;
        int previous = 0;
        for (Outcome o : outcomes) {
            if (o.failure() != null) {
                notes.add(failure(o));
                continue;
            }
            scope = scope == null ? o.batch().scope() : scope;
            previous += o.batch().previousRead();
            notes.addAll(o.batch().notes());
            batches.add(o.batch().lines());
        }
        List<LogLine> lines = merge(batches);
        LogAnalysis.Result result = LogAnalysis.analyse(lines, subject.alert().startsAt(), scope, settings.maxPatterns());
        List<Observation> observations = new ArrayList<>(result.observations());
        observations.addAll(StartupTimeline.observe(lines, heads, scope));
        List<Observation> more = beside(subject, scope, lines, extra);
        observations.addAll(more);
        notes.addAll(extra.notes());
        String summary = summary(result, lines, outcomes, previous, notes, from, to);
        if (!more.isEmpty()) {
            summary += "; " + more.stream().map(Observation::text).limit(4).collect(Collectors.joining("; "));
        }
        return new ToolFindings(summary, observations);
    }

    /** What the access logs, the database servers' logs and the log volume say, beside the error lines. */
    static List<Observation> beside(Subject subject, String scope, List<LogLine> lines, CompanionLogs.Lines extra) {
        Instant start = subject.alert().startsAt();
        String name = scope == null ? "the service" : scope;
        List<Observation> observations = new ArrayList<>();
        observations.addAll(TrafficProfile.analyse(lines, start, name));
        observations.addAll(TrafficProfile.analyse(extra.ingress(), start, "the ingress controller's requests to " + name));
        List<LogLine> servers = new ArrayList<>(lines);
        servers.addAll(extra.servers());
        observations.addAll(DatabaseServerLog.analyse(merge(List.of(servers)), start, name));
        observations.addAll(LogVolume.analyse(lines, name));
        observations.addAll(extra.observations());
        return observations;
    }

    /**
     * The lines of every backend, each once: Loki holds the lines the kubelet serves, and the same
     * pod, time (to the millisecond) and text is the same line. The first backend's copy is kept
     * (the kubelet's knows whether it came from the previous container).
     */
    static List<LogLine> merge(List<List<LogLine>> batches) {
        List<LogLine> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (List<LogLine> batch : batches) {
            for (LogLine line : batch) {
                String key = (line.pod() == null ? "" : line.pod()) + "|" + (line.time() == null ? "" : line.time().toEpochMilli()) + "|"
                        + line.text().strip();
                if (seen.add(key)) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    private static String failure(Outcome o) {
        String message = String.valueOf(o.failure().getMessage());
        return message.startsWith(o.backend()) ? message : o.backend() + ": " + message;
    }

    private static String summary(LogAnalysis.Result result, List<LogLine> lines, List<Outcome> outcomes, int previous, List<String> notes,
            Instant from, Instant to) {
        List<String> parts = new ArrayList<>();
        long pods = lines.stream().map(LogLine::pod).filter(p -> p != null).distinct().count();
        String backends = outcomes.stream().filter(o -> o.failure() == null).map(Outcome::backend).distinct().collect(Collectors.joining(" and "));
        if (lines.isEmpty()) {
            parts.add("no log lines between " + from + " and " + to + " (" + backends + ")");
        } else {
            parts.add(lines.size() + " log line(s) of " + pods + " pod(s)" + (previous > 0 ? " (" + previous + " previous container log(s))" : "")
                    + " between " + from + " and " + to + " from " + backends + ": " + result.errorEntries() + " error entr"
                    + (result.errorEntries() == 1 ? "y" : "ies") + " in " + result.patterns() + " pattern(s)");
        }
        List<Observation> signatures = result.signatures();
        if (!signatures.isEmpty()) {
            parts.add("signatures: " + signatures.stream().map(o -> o.attr("signature") + " x" + o.attr("count")
                    + (o.attr("target") == null ? "" : " (" + o.attr("target") + ")") + " first " + o.attr("relative")
                    + (o.is("previous", "true") ? " in a previous container" : "")).collect(Collectors.joining(", ")));
        }
        result.observations().stream().filter(o -> o.signal() == io.inquest.investigation.engine.Signal.LOG_PATTERN).findFirst()
                .ifPresent(o -> parts.add("most frequent: " + o.attr("count") + "x \"" + o.attr("sample") + "\""));
        notes.stream().distinct().limit(5).forEach(parts::add);
        return String.join("; ", parts);
    }
}
