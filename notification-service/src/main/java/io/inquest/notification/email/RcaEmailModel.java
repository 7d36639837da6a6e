package io.inquest.notification.email;

import java.util.List;

/**
 * What the RCA email templates show. Lists are already cut to what the email shows (three
 * claims, three steps); an empty value renders as {@code Unavailable}.
 */
public record RcaEmailModel(
        String investigationId,
        boolean failed,
        String failureReason,
        String alertTitle,
        String service,
        String severity,
        String rootCause,
        String rootCauseCategory,
        List<Claim> claims,
        List<String> nextSteps,
        Stats stats,
        String link) {

    /** A validated claim of the analysis and where its evidence came from. */
    public record Claim(String text, String status, String evidence) {
    }

    /** Run statistics; {@code null} when the run produced none. */
    public record Stats(String duration, int toolCalls, int loops, String validityScore) {
    }
}
