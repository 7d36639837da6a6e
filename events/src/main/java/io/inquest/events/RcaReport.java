package io.inquest.events;

import java.util.List;

/**
 * The result of an investigation.
 *
 * @param validityScore how well the evidence supports {@code rootCause}, 0..1; low means inconclusive
 */
public record RcaReport(
        String rootCause,
        String rootCauseCategory,
        double validityScore,
        List<ValidatedClaim> validatedClaims,
        List<String> remediationSteps,
        List<String> causalChain,
        RunStats stats) {

    public RcaReport {
        validatedClaims = validatedClaims == null ? List.of() : List.copyOf(validatedClaims);
        remediationSteps = remediationSteps == null ? List.of() : List.copyOf(remediationSteps);
        causalChain = causalChain == null ? List.of() : List.copyOf(causalChain);
    }
}
