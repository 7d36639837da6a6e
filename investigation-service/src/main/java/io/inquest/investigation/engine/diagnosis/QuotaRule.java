package io.inquest.investigation.engine.diagnosis;

import java.util.List;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Pods the API server refuses to create: a namespace ResourceQuota used up is resource
 * exhaustion; a pod that breaks a LimitRange (or a quota that demands limits it lacks) is its
 * configuration.
 */
@ApplicationScoped
public class QuotaRule implements DiagnosisRule {

    @Override
    public String family() {
        return "quota";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        List<Observation> refused = incident.list(Signal.EVENT, o -> incident.recent(o)
                && Facts.contains(o.attr("message"), "exceeded quota", "forbidden: exceeded", "must specify limits",
                        "must specify requests", "maximum memory usage", "maximum cpu usage", "minimum memory usage",
                        "minimum cpu usage", "LimitRange"));
        List<Observation> full = incident.list(Signal.QUOTA_USAGE, o -> o.number("ratio").orElse(0.0) >= 0.99);
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        String message = refused.get(0).attr("message", refused.get(0).text());
        boolean quota = Facts.contains(message, "exceeded quota");
        String workload = Facts.workload(incident);
        List<Observation> evidence = Facts.join(refused, full);
        if (quota) {
            String quotaName = full.stream().map(o -> o.attr("quota")).findFirst().orElse("the namespace's ResourceQuota");
            // Who is charged to the quota, by workload and age: what used it up.
            List<Observation> holders = incident.list(Signal.CAPACITY_HOLDER, o -> o.is("scope", "quota")).stream().limit(3).toList();
            evidence = Facts.join(refused, holders, full);
            String charged = holders.isEmpty() ? "" : "; charged to it: " + String.join("; ", holders.stream().map(Observation::text).toList());
            return Optional.of(new Hypothesis(family(), RootCauseCategory.RESOURCE_EXHAUSTION,
                    HealthyRule.resolvedNow(incident) ? 0.35 : 0.85,
                    "Pods of " + workload + " cannot be created: the namespace's ResourceQuota is used up (FailedCreate): "
                            + message + charged,
                    evidence, List.of("Raise ResourceQuota " + quotaName + " or free room in the namespace (scale down or "
                            + "remove idle workloads), then the ReplicaSet creates the missing pods by itself",
                            "Check whether the rollout or scale-up of " + workload + " asked for more than the quota allows"),
                    Facts.onset(evidence), true));
        }
        return Optional.of(new Hypothesis(family(), RootCauseCategory.CONFIGURATION_ERROR, 0.8,
                "Pods of " + workload + " are refused by the namespace's limits (FailedCreate): " + message, evidence,
                List.of("Set the pods' requests and limits of " + workload + " within the namespace's LimitRange"),
                Facts.onset(evidence), true));
    }

    @Override
    public List<String> ruledOut(Case incident) {
        List<Observation> quotas = incident.list(Signal.QUOTA_USAGE, o -> true);
        if (!quotas.isEmpty() && quotas.stream().allMatch(o -> o.number("ratio").orElse(0.0) < 0.99)) {
            return List.of("not a quota problem: the namespace's ResourceQuota has room");
        }
        return List.of();
    }
}
