package io.inquest.events;

import java.util.List;

/**
 * The result of an investigation.
 *
 * @param rootCause         the cause in one or two sentences, quoting the decisive facts
 * @param rootCauseCategory one value of {@link RootCauseCategory}'s wire names
 * @param validityScore     how well the evidence supports {@code rootCause}, 0..1; low means inconclusive
 * @param trigger           the change that set the mechanism off (a deploy, a rollout, a config change), when one
 *                          did; optional (null)
 * @param ruledOut          what the investigation looked at and excluded, each with the reason
 */
public record RcaReport(
        String rootCause,
        String rootCauseCategory,
        double validityScore,
        List<ValidatedClaim> validatedClaims,
        List<String> remediationSteps,
        List<String> causalChain,
        RunStats stats,
        String trigger,
        List<String> ruledOut) {

    public RcaReport {
        validatedClaims = validatedClaims == null ? List.of() : List.copyOf(validatedClaims);
        remediationSteps = remediationSteps == null ? List.of() : List.copyOf(remediationSteps);
        causalChain = causalChain == null ? List.of() : List.copyOf(causalChain);
        ruledOut = ruledOut == null ? List.of() : List.copyOf(ruledOut);
    }

    /** A report without a trigger and with nothing ruled out (the fields added in v1 without a version bump). */
    public RcaReport(String rootCause, String rootCauseCategory, double validityScore, List<ValidatedClaim> validatedClaims,
            List<String> remediationSteps, List<String> causalChain, RunStats stats) {
        this(rootCause, rootCauseCategory, validityScore, validatedClaims, remediationSteps, causalChain, stats, null, null);
    }

    /** The same report with other run statistics. */
    public RcaReport withStats(RunStats newStats) {
        return new RcaReport(rootCause, rootCauseCategory, validityScore, validatedClaims, remediationSteps, causalChain,
                newStats, trigger, ruledOut);
    }
}
