package io.inquest.investigation.engine.tools.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;

/**
 * The HorizontalPodAutoscaler of the workload: whether it can still add replicas. One at its
 * maximum (ScalingLimited, TooManyReplicas) is why a saturated service stays saturated.
 */
final class AutoscalerObservations {

    private AutoscalerObservations() {
    }

    static List<Observation> of(List<HorizontalPodAutoscaler> autoscalers, String workload) {
        List<Observation> observations = new ArrayList<>();
        for (HorizontalPodAutoscaler hpa : autoscalers) {
            if (hpa.getSpec() == null || hpa.getSpec().getScaleTargetRef() == null
                    || !workload.equals(hpa.getSpec().getScaleTargetRef().getName())) {
                continue;
            }
            String name = hpa.getMetadata().getName();
            Integer min = hpa.getSpec().getMinReplicas();
            Integer max = hpa.getSpec().getMaxReplicas();
            Integer current = hpa.getStatus() == null ? null : hpa.getStatus().getCurrentReplicas();
            Integer desired = hpa.getStatus() == null ? null : hpa.getStatus().getDesiredReplicas();
            Optional<HorizontalPodAutoscalerCondition> limited = condition(hpa, "ScalingLimited");
            boolean atMax = max != null && (current != null && current >= max || desired != null && desired >= max)
                    || limited.map(c -> "True".equals(c.getStatus()) && "TooManyReplicas".equals(c.getReason())).orElse(false);
            StringBuilder text = new StringBuilder("HorizontalPodAutoscaler ").append(name).append(" of ").append(workload)
                    .append(": ").append(current == null ? "?" : current).append(" replicas (desired ")
                    .append(desired == null ? "?" : desired).append(", minReplicas ").append(min == null ? 1 : min)
                    .append(", maxReplicas ").append(max).append(')');
            limited.filter(c -> "True".equals(c.getStatus())).ifPresent(c -> text.append("; ScalingLimited ")
                    .append(c.getReason()).append(c.getMessage() == null ? "" : ": " + c.getMessage()));
            if (atMax) {
                text.append("; it is at its maximum and cannot add replicas");
            }
            observations.add(Observation.of(KubernetesTool.NAME, Signal.AUTOSCALER, "hpa/" + hpa.getMetadata().getNamespace() + "/" + name)
                    .at(limited.map(c -> PodObservations.time(c.getLastTransitionTime())).orElse(null))
                    .attr("namespace", hpa.getMetadata().getNamespace()).attr("name", name).attr("workload", workload)
                    .attr("minReplicas", min).attr("maxReplicas", max).attr("currentReplicas", current)
                    .attr("desiredReplicas", desired).attr("atMax", atMax)
                    .attr("limitedReason", limited.filter(c -> "True".equals(c.getStatus())).map(HorizontalPodAutoscalerCondition::getReason)
                            .orElse(null))
                    .text(text.toString()));
        }
        return observations;
    }

    private static Optional<HorizontalPodAutoscalerCondition> condition(HorizontalPodAutoscaler hpa, String type) {
        if (hpa.getStatus() == null || hpa.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return hpa.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
