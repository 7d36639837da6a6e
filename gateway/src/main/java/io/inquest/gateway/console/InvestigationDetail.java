package io.inquest.gateway.console;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One investigation as its page shows it: what it is about, where it stands, and its report once it ended. */
public record InvestigationDetail(String id, String status, String title, String service, String severity, String source,
        String createdAt, String startedAt, String finishedAt, int attempt, boolean cancelRequested, String reason,
        ReportView report, String alert, List<String> recipients) {

    private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");

    /** Nothing more will happen to it: no live updates, no cancel. */
    public boolean terminal() {
        return TERMINAL.contains(status);
    }

    static InvestigationDetail of(JsonNode investigation, ObjectMapper json) {
        String alert;
        try {
            alert = json.writerWithDefaultPrettyPrinter().writeValueAsString(investigation.path("alert"));
        } catch (JsonProcessingException e) {
            alert = investigation.path("alert").toString();
        }
        return new InvestigationDetail(investigation.path("id").asText(), investigation.path("status").asText(),
                investigation.path("title").asText(""), investigation.path("service").asText(""),
                investigation.path("severity").asText(""), investigation.path("source").asText(""),
                Times.full(Json.instant(investigation.path("createdAt"))), Times.full(Json.instant(investigation.path("startedAt"))),
                Times.full(Json.instant(investigation.path("finishedAt"))), investigation.path("attempt").asInt(),
                investigation.path("cancelRequested").asBoolean(), Json.text(investigation.path("reason")),
                ReportView.of(investigation.path("report")), alert, Json.texts(investigation.path("recipients")));
    }
}
