package io.inquest.notification.email;

import java.util.List;

/**
 * What the RCA email templates show. Lists are already cut to what the email shows (three
 * claims, three steps); an empty value renders as {@code Unavailable}. The plain-text part uses
 * the values as they are; the HTML part also uses the badges and the texts cut into links.
 *
 * @param trigger    the change that set the mechanism off, when the report names one
 * @param alertLinks the alert's own web links (runbook, dashboard, ...), only {@code http(s)} ones
 * @param link       the investigation's page in the console
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
        String trigger,
        List<Claim> claims,
        List<String> nextSteps,
        List<Link> alertLinks,
        Stats stats,
        String link) {

    public RcaEmailModel {
        claims = List.copyOf(claims);
        nextSteps = List.copyOf(nextSteps);
        alertLinks = List.copyOf(alertLinks);
    }

    public Badge statusBadge() {
        return Badge.status(failed);
    }

    /** {@code null} when the report has no category (a failed run). */
    public Badge categoryBadge() {
        return rootCauseCategory == null ? null : Badge.category(rootCauseCategory);
    }

    public Badge severityBadge() {
        return severity == null ? null : Badge.severity(severity);
    }

    public LinkedText linkedRootCause() {
        return LinkedText.of(rootCause);
    }

    public LinkedText linkedTrigger() {
        return LinkedText.of(trigger);
    }

    public List<LinkedText> linkedNextSteps() {
        return nextSteps.stream().map(LinkedText::of).toList();
    }

    /** A validated claim of the analysis and where its evidence came from. */
    public record Claim(String text, String status, List<String> evidenceSources) {

        public Claim {
            evidenceSources = List.copyOf(evidenceSources);
        }

        /** The sources in one line, {@code null} when there are none. */
        public String evidence() {
            return evidenceSources.isEmpty() ? null : String.join(", ", evidenceSources);
        }

        public Badge badge() {
            return Badge.claim(status);
        }

        public LinkedText linkedText() {
            return LinkedText.of(text);
        }

        /** Each evidence source as a link when it is a web address, else as its id ({@code kubernetes-4}). */
        public List<Link> evidenceLinks() {
            return evidenceSources.stream().map(s -> new Link(s, LinkedText.webAddress(s))).toList();
        }
    }

    /** A named link; {@code href} is {@code null} when the target is not a web address. */
    public record Link(String name, String href) {
    }

    /** Run statistics; {@code null} when the run produced none. */
    public record Stats(String duration, int toolCalls, int loops, String validityScore) {
    }
}
