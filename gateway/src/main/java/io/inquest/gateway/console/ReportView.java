package io.inquest.gateway.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/** The RCA report of an ended investigation, as the page shows it. */
public record ReportView(String rootCause, String category, String validity, String trigger, List<Finding> findings,
        List<String> remediation, List<String> causalChain, List<String> ruledOut, int toolCalls) {

    /** {@code null} when there is no report (yet). */
    static ReportView of(JsonNode report) {
        if (report == null || !report.isObject()) {
            return null;
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonNode claim : report.path("validatedClaims")) {
            findings.add(Finding.of(claim));
        }
        JsonNode score = report.path("validityScore");
        return new ReportView(report.path("rootCause").asText(""), report.path("rootCauseCategory").asText("unknown"),
                score.isNumber() ? String.format(Locale.ROOT, "%.2f", score.asDouble()) : "",
                Json.text(report.path("trigger")), findings, Json.texts(report.path("remediationSteps")),
                Json.texts(report.path("causalChain")), Json.texts(report.path("ruledOut")),
                report.path("stats").path("toolCallCount").asInt());
    }
}
