package io.inquest.notification.email;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.inquest.events.Alert;
import io.inquest.events.InvestigationCompleted;
import io.inquest.events.InvestigationFailed;
import io.inquest.events.RcaReport;
import io.inquest.events.RunStats;
import io.inquest.events.ValidatedClaim;
import io.inquest.notification.NotificationSettings;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Renders the RCA email of DESIGN §4 with the Qute templates in {@code templates/RcaEmails/}:
 * the HTML part escapes everything (it all came from an alert or from the engine) and lays itself
 * out with tables and inline styles, the only layout the common mail clients all render; the text
 * part is plain. Both link to the investigation's console page, {@code <public-url>/investigations/<id>}.
 */
@ApplicationScoped
public class RcaEmails {

    static final int TOP_CLAIMS = 3;
    static final int TOP_STEPS = 3;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance text(RcaEmailModel rca);

        static native TemplateInstance html(RcaEmailModel rca);
    }

    private final NotificationSettings settings;

    public RcaEmails(NotificationSettings settings) {
        this.settings = settings;
    }

    public EmailContent completed(InvestigationCompleted event) {
        RcaReport report = event.report();
        RcaEmailModel model = new RcaEmailModel(event.investigationId(), false, null,
                title(event.alert()), service(event.alert()), severity(event.alert()),
                report == null ? null : blankToNull(report.rootCause()),
                report == null ? null : blankToNull(report.rootCauseCategory()),
                report == null ? null : blankToNull(report.trigger()),
                report == null ? List.of() : claims(report.validatedClaims()),
                report == null ? List.of() : report.remediationSteps().stream().filter(s -> s != null && !s.isBlank())
                        .limit(TOP_STEPS).toList(),
                links(event.alert()),
                report == null ? null : stats(report.stats()),
                link(event.investigationId()));
        return render("Inquest RCA complete: " + event.investigationId(), model);
    }

    public EmailContent failed(InvestigationFailed event) {
        RcaEmailModel model = new RcaEmailModel(event.investigationId(), true,
                blankToNull(event.reason()) == null ? "no reason given" : event.reason(),
                title(event.alert()), service(event.alert()), severity(event.alert()),
                null, null, null, List.of(), List.of(), links(event.alert()), stats(event.stats()),
                link(event.investigationId()));
        return render("Inquest RCA failed: " + event.investigationId(), model);
    }

    private EmailContent render(String subject, RcaEmailModel model) {
        return new EmailContent(subject, Templates.text(model).render(), Templates.html(model).render());
    }

    private String link(String investigationId) {
        String base = settings.publicUrl().replaceAll("/+$", "");
        return base + "/investigations/" + investigationId;
    }

    private static List<RcaEmailModel.Claim> claims(List<ValidatedClaim> claims) {
        return claims.stream().filter(c -> c.claim() != null && !c.claim().isBlank()).limit(TOP_CLAIMS)
                .map(c -> new RcaEmailModel.Claim(c.claim(), c.status() == null ? "unknown" : c.status(),
                        c.evidenceSources().stream().filter(s -> s != null && !s.isBlank()).toList()))
                .toList();
    }

    /** The alert's links that are web addresses, runbook first, then by name. */
    private static List<RcaEmailModel.Link> links(Alert alert) {
        if (alert == null) {
            return List.of();
        }
        return alert.links().entrySet().stream()
                .filter(e -> e.getKey() != null && !e.getKey().isBlank() && LinkedText.webAddress(e.getValue()) != null)
                .sorted(Comparator.comparing((Map.Entry<String, String> e) -> !"runbook".equals(e.getKey()))
                        .thenComparing(Map.Entry::getKey))
                .map(e -> new RcaEmailModel.Link(e.getKey(), LinkedText.webAddress(e.getValue())))
                .toList();
    }

    static RcaEmailModel.Stats stats(RunStats stats) {
        if (stats == null) {
            return null;
        }
        return new RcaEmailModel.Stats(duration(Duration.ofMillis(stats.durationMs())), stats.toolCallCount(),
                stats.investigationLoopCount(), String.format(Locale.ROOT, "%.2f", stats.validityScore()));
    }

    static String duration(Duration duration) {
        if (duration.toMinutes() >= 1) {
            return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String title(Alert alert) {
        return alert == null ? null : blankToNull(alert.title());
    }

    private static String service(Alert alert) {
        return alert == null ? null : blankToNull(alert.service());
    }

    private static String severity(Alert alert) {
        return alert == null || alert.severity() == null ? null : alert.severity().wireName();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
