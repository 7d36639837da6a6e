package io.inquest.investigation.engine.diagnosis;

import java.time.Instant;
import java.util.List;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;

/**
 * One rule's explanation of the alert.
 *
 * @param rule        the family that proposed it
 * @param category    the mechanism's category
 * @param confidence  0..1: how strongly the evidence shows this mechanism is at work now
 * @param cause       the root cause in one or two sentences, quoting the decisive facts
 * @param evidence    the observations it rests on, most decisive first
 * @param remediation what to do, specific to the mechanism and the objects involved
 * @param onset       when the mechanism began, if known: a change shortly before it is its trigger
 * @param triggerable whether a change can be the trigger of this mechanism (a deploy can cause an
 *                    OOMKill, not a traffic surge)
 */
public record Hypothesis(String rule, RootCauseCategory category, double confidence, String cause,
        List<Observation> evidence, List<String> remediation, Instant onset, boolean triggerable) {

    public Hypothesis {
        evidence = List.copyOf(evidence);
        remediation = List.copyOf(remediation);
        confidence = Math.max(0, Math.min(1, confidence));
    }
}
