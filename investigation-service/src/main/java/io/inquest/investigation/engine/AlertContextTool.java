package io.inquest.investigation.engine;

import java.util.ArrayList;
import java.util.List;

import io.inquest.events.Alert;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** What the alert itself says: its symptom class, and facts in its labels such as a termination reason. */
@ApplicationScoped
public class AlertContextTool implements EvidenceTool {

    @Override
    public String name() {
        return "alert_context";
    }

    @Override
    public Uni<ToolFindings> investigate(Subject subject) {
        Alert alert = subject.alert();
        List<Evidence> evidence = new ArrayList<>();
        Symptom symptom = subject.symptom();
        String where = subject.serviceOrUnknown();
        if (symptom.isResourceExhaustion()) {
            evidence.add(new Evidence(name(), "the alert reports " + symptom.label() + " on " + where,
                    HypothesisKind.RESOURCE_EXHAUSTION, 0.3));
        }
        if (symptom == Symptom.CRASH_LOOP || symptom == Symptom.OOM_KILLED) {
            String reason = alert.labels().getOrDefault("reason", alert.annotations().get("reason"));
            evidence.add(new Evidence(name(), "containers of " + where + " are restarting"
                    + (reason == null ? "" : " (last termination reason: " + reason + ")"), HypothesisKind.CRASH_LOOP,
                    reason == null ? 0.2 : 0.3));
        }
        evidence.add(new Evidence(name(), "the alert reports " + symptom.label() + " on " + where
                + " since " + alert.startsAt(), HypothesisKind.SYMPTOM_ONLY, 0.1));
        return Uni.createFrom().item(new ToolFindings("symptom: " + symptom.label() + " on " + where, evidence));
    }
}
