package io.inquest.bench.rca;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of one scenario: passed when the category is the expected one, not a forbidden
 * one, and every mention is in the report's text. {@code problem} says why there is no report
 * to judge (the scenario could not be loaded, the alert was refused, the run failed or timed out).
 */
record Verdict(String scenario, boolean passed, String expected, String given, Double validity, List<String> missing,
        String forbidden, String problem, String reportText) {

    static Verdict broken(String scenario, String expected, String problem) {
        return new Verdict(scenario, false, expected, null, null, List.of(), null, problem, "");
    }

    /** {@code resource_exhaustion (0.82)}, or {@code -} without a report. */
    String givenText() {
        if (given == null) {
            return "-";
        }
        return validity == null ? given : "%s (%.2f)".formatted(given, validity);
    }

    /** What went wrong: the missing mentions, the forbidden category, or the problem; empty for a pass. */
    String why() {
        if (problem != null) {
            return problem;
        }
        StringBuilder why = new StringBuilder();
        if (!expected.equals(given) && forbidden == null) {
            why.append(given == null ? "no category in the report" : "wrong category");
        }
        if (forbidden != null) {
            why.append(why.isEmpty() ? "" : "; ").append("forbidden category ").append(forbidden);
        }
        if (!missing.isEmpty()) {
            why.append(why.isEmpty() ? "" : "; ").append("missing ")
                    .append(missing.stream().map(m -> "\"" + m + "\"").collect(Collectors.joining(", ")));
        }
        return why.toString();
    }
}
