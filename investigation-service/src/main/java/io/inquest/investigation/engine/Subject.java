package io.inquest.investigation.engine;

import io.inquest.events.Alert;

/** What is being investigated: the alert, what extract_alert made of it, and where it points. */
public record Subject(String investigationId, Alert alert, Symptom symptom, Target target) {

    public String serviceOrUnknown() {
        if (alert.service() != null) {
            return alert.service();
        }
        return target.workload() == null ? "the affected service" : target.workload();
    }
}
