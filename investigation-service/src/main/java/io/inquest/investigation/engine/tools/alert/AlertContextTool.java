package io.inquest.investigation.engine.tools.alert;

import java.util.ArrayList;
import java.util.List;

import io.inquest.events.Alert;
import io.inquest.investigation.engine.EvidenceTool;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Target;
import io.inquest.investigation.engine.ToolFindings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the alert itself says: its symptom and target, facts its labels carry, such as the
 * termination or waiting reason that kube-state-metrics alerts are labelled with, and the value
 * and threshold it reports ({@link ReportedValue}).
 */
@ApplicationScoped
public class AlertContextTool implements EvidenceTool {

    @Override
    public String name() {
        return "alert_context";
    }

    @Override
    public Uni<ToolFindings> investigate(Subject subject) {
        Alert alert = subject.alert();
        Target target = subject.target();
        List<Observation> observations = new ArrayList<>();
        String reason = alert.labels().getOrDefault("reason", alert.annotations().get("reason"));
        if (reason != null && !reason.isBlank()) {
            boolean waiting = reason.endsWith("BackOff") || reason.startsWith("ErrImage") || reason.startsWith("Create")
                    || reason.equals("InvalidImageName") || reason.equals("ContainerCreating");
            String where = target.pod() != null ? target.pod() : subject.serviceOrUnknown();
            observations.add(Observation.of(name(), waiting ? Signal.CONTAINER_WAITING : Signal.CONTAINER_TERMINATED, where)
                    .at(alert.startsAt())
                    .attr("namespace", target.namespace()).attr("pod", target.pod()).attr("container", target.container())
                    .attr("reason", reason.trim()).attr("state", "last")
                    .text("the alert says container " + (target.container() == null ? "" : target.container() + " ")
                            + "of " + where + " is " + (waiting ? "waiting: " : "terminated: ") + reason.trim()));
        }
        ReportedValue reported = ReportedValue.of(alert);
        if (reported.value().isPresent()) {
            observations.add(Observation.of(name(), Signal.ALERT_VALUE, "alert/" + alert.title()).at(alert.startsAt())
                    .attr("value", ReportedValue.plain(reported.value().get())).attr("var", reported.var())
                    .attr("series", reported.series().isEmpty() ? null : reported.series().toString())
                    .attr("threshold", reported.threshold().map(ReportedValue::plain).orElse(null))
                    .attr("op", reported.threshold().isPresent() ? reported.op() : null)
                    .attr("thresholdFrom", reported.thresholdFrom())
                    .attr("metric", reported.metric().orElse(null))
                    .attr("past", reported.pastThreshold().orElse(null))
                    .text(reported.describe() + " at its start " + alert.startsAt()));
        }
        String summary = "symptom: " + subject.symptom().label() + " on " + subject.serviceOrUnknown() + " since "
                + alert.startsAt() + "; target: " + describe(target);
        return Uni.createFrom().item(new ToolFindings(summary, observations));
    }

    private static String describe(Target target) {
        List<String> parts = new ArrayList<>();
        if (target.namespace() != null) {
            parts.add("namespace " + target.namespace());
        }
        if (target.workload() != null) {
            parts.add("workload " + target.workload());
        }
        if (target.pod() != null) {
            parts.add("pod " + target.pod());
        }
        if (target.container() != null) {
            parts.add("container " + target.container());
        }
        if (target.node() != null) {
            parts.add("node " + target.node());
        }
        return parts.isEmpty() ? "not named by the alert" : String.join(", ", parts);
    }
}
