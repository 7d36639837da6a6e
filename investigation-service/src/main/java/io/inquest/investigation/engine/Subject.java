package io.inquest.investigation.engine;

import io.inquest.events.Alert;

/** What is being investigated: the alert, what extract_alert made of it, and where it points. */
public record Subject(String investigationId, Alert alert, Symptom symptom, Target target) {

    /**
     * What is affected, by name: the workload the alert's labels point at, else its service. The
     * workload comes first because the {@code service} label of an exporter's alert (kube-state-metrics,
     * kubelet) names the exporter, not the broken thing.
     */
    public String serviceOrUnknown() {
        if (target.workload() != null) {
            return target.workload();
        }
        return alert.service() == null ? "the affected service" : alert.service();
    }
}
