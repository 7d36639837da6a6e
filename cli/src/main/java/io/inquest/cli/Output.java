package io.inquest.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** How results are printed: JSON with {@code --json}, tables and short summaries otherwise. */
final class Output {

    private Output() {
    }

    static void json(PrintWriter out, JsonNode node) {
        try {
            out.println(GatewayClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void table(PrintWriter out, List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            widths[i] = headers.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "-" : value.asText();
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** The human summary of one investigation: what {@code show} and {@code --wait} print. */
    static void investigation(PrintWriter out, JsonNode investigation) {
        out.printf("%s  %s  %s  %s%n", text(investigation, "id"), text(investigation, "status"),
                text(investigation, "severity"), text(investigation, "title"));
        out.printf("service: %s   started: %s   finished: %s%n", text(investigation, "service"),
                text(investigation, "startedAt"), text(investigation, "finishedAt"));
        if (!investigation.path("reason").isNull() && !investigation.path("reason").isMissingNode()) {
            out.println("reason: " + investigation.path("reason").asText());
        }
        JsonNode report = investigation.path("report");
        out.println();
        out.println("Root cause");
        out.println("  " + (report.isMissingNode() || report.isNull() ? "Unavailable"
                : text(report, "rootCause") + " (" + text(report, "rootCauseCategory") + ")"));
        out.println("Top analysis");
        list(out, report.path("validatedClaims"), claim -> claim.path("claim").asText() + " [" + claim.path("status").asText() + "]");
        out.println("What to do next");
        list(out, report.path("remediationSteps"), JsonNode::asText);
        out.println("Internal stats");
        JsonNode stats = report.path("stats");
        out.println(stats.isMissingNode() || stats.isNull() ? "  Unavailable"
                : "  duration %s ms, tool calls %s, investigation loops %s, validity %s".formatted(text(stats, "durationMs"),
                        text(stats, "toolCallCount"), text(stats, "investigationLoopCount"), text(stats, "validityScore")));
        out.println("Notifications");
        JsonNode notifications = investigation.path("notifications");
        if (notifications.isNull() || notifications.isMissingNode()) {
            out.println("  unknown (the notification-service did not answer)");
        } else if (notifications.isEmpty()) {
            out.println("  none yet");
        } else {
            notifications.forEach(n -> out.println("  " + n.path("recipient").asText() + ": " + n.path("status").asText()
                    + (n.path("lastError").isNull() || n.path("lastError").isMissingNode() ? "" : ": " + n.path("lastError").asText())
                    + " (" + n.path("attempts").asText() + " attempt(s))"));
        }
    }

    private static void list(PrintWriter out, JsonNode items, Function<JsonNode, String> line) {
        if (!items.isArray() || items.isEmpty()) {
            out.println("  Unavailable");
            return;
        }
        int n = 1;
        for (JsonNode item : items) {
            out.println("  " + n++ + ". " + line.apply(item));
            if (n > 3) {
                break;
            }
        }
    }
}
