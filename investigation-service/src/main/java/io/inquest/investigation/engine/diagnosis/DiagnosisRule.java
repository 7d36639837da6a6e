package io.inquest.investigation.engine.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * One failure family: recognises its mechanism in the evidence, and says what it ruled out when
 * the evidence that would show it was read and does not. Adding a family is adding one rule
 * (an {@code @ApplicationScoped} bean) and its scenarios.
 */
public interface DiagnosisRule {

    /** The family, e.g. {@code oom-killed}. */
    String family();

    Optional<Hypothesis> assess(Case incident);

    /**
     * What this family excludes, worded with the reason ("not an image pull problem: no
     * ImagePullBackOff or ErrImagePull on the pods"). Only when the evidence was read.
     */
    default List<String> ruledOut(Case incident) {
        return List.of();
    }
}
