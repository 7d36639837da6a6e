package io.inquest.investigation.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.inquest.events.RcaReport;
import io.inquest.events.RunStats;
import io.inquest.events.ValidatedClaim;

/**
 * Ranks the hypotheses by the evidence for each and writes the report. The validity score is
 * the weight of the evidence behind the chosen hypothesis; when it is thin the report says
 * "Inconclusive" rather than invent a cause.
 */
public final class Diagnosis {

    static final double CONCLUSIVE = 0.4;

    private Diagnosis() {
    }

    public record Ranked(HypothesisKind kind, double score, List<Evidence> support) {
    }

    public static List<Ranked> rank(List<Evidence> evidence) {
        Map<HypothesisKind, List<Evidence>> byKind = new EnumMap<>(HypothesisKind.class);
        evidence.forEach(e -> byKind.computeIfAbsent(e.supports(), k -> new ArrayList<>()).add(e));
        List<Ranked> ranked = new ArrayList<>();
        byKind.forEach((kind, support) -> ranked.add(new Ranked(kind,
                Math.min(1.0, support.stream().mapToDouble(Evidence::weight).sum()), List.copyOf(support))));
        // The symptom alone explains nothing: it is chosen only when no other hypothesis has evidence.
        ranked.sort(Comparator.comparing((Ranked r) -> r.kind() != HypothesisKind.SYMPTOM_ONLY)
                .thenComparingDouble(Ranked::score).reversed());
        return ranked;
    }

    public static RcaReport report(Subject subject, List<Evidence> evidence, int toolCalls, int loops, long durationMs) {
        List<Ranked> ranked = rank(evidence);
        Ranked best = ranked.isEmpty() ? new Ranked(HypothesisKind.SYMPTOM_ONLY, 0, List.of()) : ranked.get(0);
        double validity = round(best.kind() == HypothesisKind.SYMPTOM_ONLY ? Math.min(best.score(), 0.2) : best.score());
        String cause = describe(subject, best);
        String rootCause = validity < CONCLUSIVE && best.kind() != HypothesisKind.SYMPTOM_ONLY
                ? "Inconclusive, most likely: " + cause : cause;
        List<ValidatedClaim> claims = evidence.stream()
                .sorted(Comparator.comparingDouble(Evidence::weight).reversed())
                .limit(3)
                .map(e -> new ValidatedClaim(e.finding(), List.of(e.source()),
                        e.supports() == best.kind() ? "supported" : "unverified"))
                .toList();
        return new RcaReport(rootCause, best.kind().category(), validity, claims, remediation(subject, best),
                causalChain(subject, best, cause), new RunStats(toolCalls, loops, validity, durationMs));
    }

    private static String describe(Subject subject, Ranked best) {
        String service = subject.serviceOrUnknown();
        return switch (best.kind()) {
            case RESOURCE_EXHAUSTION -> service + " ran out of capacity: " + subject.symptom().label();
            case CRASH_LOOP -> service + " is crash-looping: " + best.support().get(0).finding();
            case SHARED_UPSTREAM_CAUSE -> "a cause shared with other alerts: " + best.support().get(0).finding();
            case RECENT_CHANGE -> best.support().get(0).finding();
            case SYMPTOM_ONLY -> "Inconclusive: " + subject.symptom().label() + " on " + service
                    + "; the evidence gathered names no cause";
        };
    }

    private static List<String> remediation(Subject subject, Ranked best) {
        String service = subject.serviceOrUnknown();
        List<String> steps = new ArrayList<>();
        switch (best.kind()) {
            case RESOURCE_EXHAUSTION -> {
                steps.add("Raise the limit or request behind the " + subject.symptom().label() + " of " + service
                        + ", or scale it out");
                steps.add("Compare its usage before and after " + subject.alert().startsAt()
                        + " to tell a leak from a load spike");
            }
            case CRASH_LOOP -> {
                steps.add("Read the previous logs of the restarting containers of " + service
                        + " (kubectl logs --previous)");
                steps.add("If the termination reason is OOMKilled, raise the memory limit of " + service);
            }
            case SHARED_UPSTREAM_CAUSE -> steps.add("Investigate what the related alerts on " + service
                    + " share (an upstream dependency, the node, the network) before the symptom itself");
            case RECENT_CHANGE -> {
                steps.add("Roll back the change named in the root cause on " + service + " and watch whether the "
                        + subject.symptom().label() + " clears");
                steps.add("Check what the change touched (configuration, limits, dependencies) against the "
                        + subject.symptom().label() + " before rolling forward again");
            }
            case SYMPTOM_ONLY -> steps.add("Record deploys to Inquest (POST /webhooks/changes) and configure a "
                    + "Prometheus source so the next investigation of " + service + " has evidence to weigh");
        }
        String runbook = subject.alert().links().get("runbook");
        if (runbook != null) {
            steps.add("Follow the alert's runbook: " + runbook);
        }
        return steps.stream().limit(3).toList();
    }

    private static List<String> causalChain(Subject subject, Ranked best, String cause) {
        List<String> chain = new ArrayList<>();
        if (best.kind() != HypothesisKind.SYMPTOM_ONLY) {
            chain.add(cause);
        }
        chain.add(subject.symptom().label() + " on " + subject.serviceOrUnknown());
        chain.add("alert: " + subject.alert().title());
        return chain;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
