package io.inquest.bench.rca;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A scenario's {@code expect.yml}: the category the report must give, the terms it must mention
 * ("a|b" accepts either, case-insensitive) and the categories it must not give.
 */
record Expectation(String category, List<String> mentions, List<String> notCategories) {

    /** The diagnosis taxonomy; a category outside it can never be given. */
    static final Set<String> TAXONOMY = Set.of("healthy", "change", "configuration_error", "resource_exhaustion",
            "infrastructure", "dependency_failure", "traffic_surge", "code_defect", "unknown");

    static Expectation of(JsonNode expect) {
        String category = expect.path("category").asText("").trim();
        if (category.isEmpty()) {
            throw new IllegalArgumentException("expect.yml: category is required");
        }
        return new Expectation(category, strings(expect.path("mentions")), strings(expect.path("not_categories")));
    }

    /** The verdict on an investigation as {@code GET /api/investigations/{id}} shows it. */
    Verdict judge(String scenario, JsonNode investigation) {
        String status = investigation.path("status").asText();
        if (!status.equals("completed")) {
            String reason = investigation.path("reason").asText("");
            return Verdict.broken(scenario, category, "investigation " + status + (reason.isEmpty() ? "" : ": " + reason));
        }
        JsonNode report = investigation.path("report");
        String given = report.path("rootCauseCategory").asText(null);
        Double validity = report.path("validityScore").isNumber() ? report.path("validityScore").asDouble() : null;
        String text = text(report);
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> missing = new ArrayList<>();
        for (String mention : mentions) {
            boolean found = false;
            for (String alternative : mention.split("\\|")) {
                String term = alternative.trim().toLowerCase(Locale.ROOT);
                found |= !term.isEmpty() && lower.contains(term);
            }
            if (!found) {
                missing.add(mention);
            }
        }
        String forbidden = given != null && notCategories.contains(given) ? given : null;
        boolean passed = category.equals(given) && forbidden == null && missing.isEmpty();
        return new Verdict(scenario, passed, category, given, validity, List.copyOf(missing), forbidden, null, text);
    }

    /**
     * The report's text the mentions are looked for in: root cause, trigger, every validated
     * claim, the causal chain, what was ruled out and the remediation steps.
     */
    static String text(JsonNode report) {
        List<String> parts = new ArrayList<>();
        collect(report.path("rootCause"), parts);
        collect(report.path("trigger"), parts);
        for (JsonNode claim : report.path("validatedClaims")) {
            collect(claim.isObject() ? claim.path("claim") : claim, parts);
        }
        collect(report.path("causalChain"), parts);
        collect(report.path("ruledOut"), parts);
        collect(report.path("remediationSteps"), parts);
        return String.join("\n", parts);
    }

    /** Every string in the node: a text, the items of a list, the values of an object (a list of {what, why} too). */
    private static void collect(JsonNode node, List<String> parts) {
        if (node.isTextual()) {
            if (!node.asText().isBlank()) {
                parts.add(node.asText());
            }
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, parts));
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText().trim());
        } else {
            node.forEach(item -> values.add(item.asText().trim()));
        }
        values.removeIf(String::isEmpty);
        return List.copyOf(values);
    }
}
