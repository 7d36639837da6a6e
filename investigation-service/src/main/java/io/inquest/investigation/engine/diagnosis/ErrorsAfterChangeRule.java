package io.inquest.investigation.engine.diagnosis;

import java.util.List;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A running service that throws: exceptions or panics in its logs, not from calls to a
 * dependency, starting after a change of its own. The change shipped a defect.
 */
@ApplicationScoped
public class ErrorsAfterChangeRule implements DiagnosisRule {

    @Override
    public String family() {
        return "errors-after-change";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        List<Observation> errors = Facts.logs(incident, "exception", "panic").stream()
                .filter(o -> !o.is("previous", "true")).toList();
        if (errors.isEmpty() || Facts.count(errors) < 3) {
            return Optional.empty();
        }
        Observation top = errors.get(0);
        Optional<Observation> change = Triggers.find(incident, top.at());
        if (change.isEmpty()) {
            return Optional.empty();
        }
        List<Observation> evidence = Facts.join(errors, List.of(change.get()));
        return Optional.of(new Hypothesis(family(), RootCauseCategory.CODE_DEFECT, 0.64,
                Facts.workload(incident) + " throws since " + Triggers.label(change.get()) + ": " + Facts.count(errors)
                        + " errors, e.g. \"" + top.attr("sample") + "\" first " + top.attr("relative", incident.relative(top.at())),
                evidence, List.of("Fix the error the stack trace names in " + Facts.workload(incident)
                        + " and ship it; compare the failing requests with the change"),
                top.at(), true));
    }
}
