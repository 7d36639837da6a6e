package io.inquest.investigation.engine;

import io.inquest.events.Alert;

/** What is being investigated: the alert and what extract_alert made of it. */
public record Subject(String investigationId, Alert alert, Symptom symptom) {

    public String serviceOrUnknown() {
        return alert.service() == null ? "the affected service" : alert.service();
    }
}
