package io.inquest.investigation.engine.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.inquest.events.RcaReport;
import io.inquest.events.RootCauseCategory;
import io.inquest.events.RunStats;
import io.inquest.events.ValidatedClaim;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Asks every family's rule for its explanation, takes the one the evidence supports best, names
 * the change that triggered it, and writes the report: the cause quoting its facts, the claims
 * with their evidence ids, what was ruled out and why, and what to do. Below
 * {@link #CONCLUSIVE} the report says the cause is unknown rather than invent one.
 */
@ApplicationScoped
public class Diagnosis {

    static final double CONCLUSIVE = 0.4;
    private static final int MAX_CLAIMS = 6;
    private static final int MAX_CONTEXT = 4;
    private static final int MAX_RULED_OUT = 6;

    private final List<DiagnosisRule> rules;

    @Inject
    public Diagnosis(Instance<DiagnosisRule> rules) {
        this(rules.stream().toList());
    }

    public Diagnosis(List<DiagnosisRule> rules) {
        this.rules = rules.stream().sorted(Comparator.comparing(DiagnosisRule::family)).toList();
    }

    public RcaReport diagnose(Case incident, RunStats stats) {
        List<Hypothesis> ranked = rules.stream().flatMap(rule -> rule.assess(incident).stream())
                .sorted(Comparator.comparingDouble(Hypothesis::confidence).reversed()).toList();
        Hypothesis best = ranked.isEmpty() || ranked.get(0).confidence() < CONCLUSIVE ? unknown(incident, ranked)
                : ranked.get(0);
        Optional<Observation> trigger = best.triggerable() ? Triggers.find(incident, best.onset()) : Optional.empty();
        double validity = validity(best, ranked, trigger);

        List<ValidatedClaim> claims = new ArrayList<>();
        best.evidence().stream().limit(MAX_CLAIMS).forEach(o -> claims.add(supported(o)));
        trigger.filter(t -> !best.evidence().contains(t)).ifPresent(t -> claims.add(supported(t)));
        context(incident, best, trigger).forEach(o -> claims.add(supported(o)));
        ranked.stream().filter(h -> h != best && h.category() != best.category() && h.confidence() >= CONCLUSIVE)
                .findFirst()
                .ifPresent(alternative -> claims.add(new ValidatedClaim("Also considered (" + alternative.category().wireName()
                        + "): " + alternative.cause(), ids(alternative.evidence()), "unverified")));

        return new RcaReport(best.cause(), best.category().wireName(), validity, claims,
                remediation(incident, best, trigger), causalChain(incident, best, trigger),
                new RunStats(stats.toolCallCount(), stats.investigationLoopCount(), validity, stats.durationMs()),
                trigger.map(Triggers::describe).orElse(null), ruledOut(incident, best, trigger));
    }

    /**
     * Facts an operator would look at next that the chosen explanation did not cite: changes to
     * other services that bear on the alert (a broker's upgrade, a sync that pruned a dependency), the latest
     * rollout, Warning events, the most frequent error lines, a workload not at its desired
     * replicas. They are observations like any other, quoted as they were read.
     */
    private static List<Observation> context(Case incident, Hypothesis best, Optional<Observation> trigger) {
        List<Observation> context = new ArrayList<>(RecentChangeRule.elsewhere(incident).stream().limit(2).toList());
        incident.first(Signal.ROLLOUT, o -> o.is("current", "true") && incident.recent(o)).ifPresent(context::add);
        incident.all(Signal.WORKLOAD_STATUS, o -> o.number("unavailable").orElse(0.0) > 0
                || Facts.contains(o.attr("progressingReason"), "ProgressDeadlineExceeded")).forEach(context::add);
        // Whether the cluster autoscaler added a node for the Pending pods, or why not, explains a Pending or a recovery.
        incident.all(Signal.EVENT, o -> incident.recent(o) && Facts.contains(o.attr("reason"), "TriggeredScaleUp", "NotTriggerScaleUp"))
                .limit(1).forEach(context::add);
        incident.all(Signal.EVENT, o -> "Warning".equalsIgnoreCase(o.attr("type")) && incident.recent(o))
                .limit(3).forEach(context::add);
        incident.all(Signal.LOG_SIGNATURE).limit(2).forEach(context::add);
        incident.all(Signal.LOG_PATTERN).limit(2).forEach(context::add);
        if (incident.all(Signal.LOG_PATTERN).findAny().isEmpty()) {
            // No error lines: the most frequent warning (a rebalance, a retry) is what the logs have to say.
            incident.all(Signal.LOG_WARNING).limit(1).forEach(context::add);
        }
        return context.stream().filter(o -> !best.evidence().contains(o) && !trigger.map(o::equals).orElse(false))
                .distinct().limit(MAX_CONTEXT).toList();
    }

    private static double validity(Hypothesis best, List<Hypothesis> ranked, Optional<Observation> trigger) {
        double score = best.confidence();
        if (trigger.isPresent() && best.category() != RootCauseCategory.CHANGE) {
            score = Math.min(1, score + 0.05);
        }
        // A rival explanation of another kind almost as strong makes the chosen one less certain.
        double rival = ranked.stream().filter(h -> h != best && h.category() != best.category())
                .mapToDouble(Hypothesis::confidence).max().orElse(0);
        if (rival > score - 0.1) {
            score -= 0.1;
        }
        return Math.round(Math.max(0, score) * 100) / 100.0;
    }

    private static Hypothesis unknown(Case incident, List<Hypothesis> ranked) {
        String service = incident.subject().serviceOrUnknown();
        String symptom = incident.subject().symptom().label();
        Optional<Hypothesis> weak = ranked.stream().findFirst();
        String cause = "Inconclusive: " + symptom + " on " + service + "; the evidence gathered names no cause"
                + weak.map(h -> " (weak lead, " + h.category().wireName() + ": " + h.cause() + ")").orElse("");
        List<String> steps = new ArrayList<>();
        if (!incident.kubernetesRead() || !incident.metricsRead() || !incident.logsRead()) {
            steps.add("Configure the missing sources (" + missing(incident) + ") so the next investigation of " + service
                    + " has evidence to weigh");
        }
        steps.add("Record deploys to Inquest (POST /webhooks/changes) so changes to " + service + " can be weighed");
        return new Hypothesis("unknown", RootCauseCategory.UNKNOWN,
                Math.min(0.3, weak.map(Hypothesis::confidence).orElse(0.1)), cause,
                weak.map(Hypothesis::evidence).orElse(List.of()), steps, null, false);
    }

    private static String missing(Case incident) {
        List<String> missing = new ArrayList<>();
        if (!incident.kubernetesRead()) {
            missing.add("Kubernetes");
        }
        if (!incident.metricsRead()) {
            missing.add("Prometheus");
        }
        if (!incident.logsRead()) {
            missing.add("logs");
        }
        return String.join(", ", missing);
    }

    private List<String> ruledOut(Case incident, Hypothesis best, Optional<Observation> trigger) {
        Set<String> out = new LinkedHashSet<>();
        if (best.category() != RootCauseCategory.CHANGE) {
            String why = best.category() == RootCauseCategory.HEALTHY ? "nothing it changed is failing now"
                    : trigger.isPresent() ? "the later change is the trigger"
                    : "the mechanism found (" + best.category().wireName() + ") does not follow from it";
            out.addAll(Triggers.notTheTrigger(incident, trigger, why));
        }
        for (DiagnosisRule rule : rules) {
            if (!rule.family().equals(best.rule())) {
                out.addAll(rule.ruledOut(incident));
            }
        }
        return out.stream().limit(MAX_RULED_OUT + 2).toList();
    }

    private static List<String> remediation(Case incident, Hypothesis best, Optional<Observation> trigger) {
        List<String> steps = new ArrayList<>(best.remediation());
        trigger.filter(t -> best.category() == RootCauseCategory.CODE_DEFECT
                || best.category() == RootCauseCategory.CONFIGURATION_ERROR)
                .ifPresent(t -> steps.add(0, "Roll back " + Triggers.label(t) + " to stop the failure now, then fix it"));
        String runbook = incident.subject().alert().links().get("runbook");
        if (runbook != null) {
            steps.add("Follow the alert's runbook: " + runbook);
        }
        return steps.stream().distinct().limit(4).toList();
    }

    private static List<String> causalChain(Case incident, Hypothesis best, Optional<Observation> trigger) {
        List<String> chain = new ArrayList<>();
        trigger.ifPresent(t -> chain.add("trigger: " + t.text()));
        if (best.category() != RootCauseCategory.UNKNOWN) {
            chain.add(best.cause());
        }
        chain.add(incident.subject().symptom().label() + " on " + incident.subject().serviceOrUnknown());
        chain.add("alert: " + incident.subject().alert().title());
        return chain;
    }

    private static ValidatedClaim supported(Observation o) {
        return new ValidatedClaim(o.text(), List.of(o.id() == null ? o.source() : o.id()), "supported");
    }

    private static List<String> ids(List<Observation> observations) {
        return observations.stream().map(o -> o.id() == null ? o.source() : o.id()).distinct().toList();
    }
}
