package io.inquest.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.inquest.events.RcaReport;
import io.inquest.events.RootCauseCategory;
import io.inquest.events.ValidatedClaim;
import io.inquest.infra.quarkus.KafkaResource;
import io.inquest.infra.quarkus.PostgresResource;
import io.inquest.infra.quarkus.SmtpResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The RCA email as the service renders it (its real Qute templates), read as HTML and as text. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = "database", value = "notification_test"))
@QuarkusTestResource(value = SmtpResource.class, restrictToAnnotatedClass = true)
class RcaEmailRenderingTest {

    /** {@code inquest.public-url} of the test profile. */
    private static final String CONSOLE_PAGE = "http://localhost:8080/investigations/" + RcaSamples.ID;
    private static final Pattern BADGE = Pattern.compile("<span class=\"badge\" style=\"[^\"]*color: (#[0-9a-f]{6}); "
            + "background-color: (#[0-9a-f]{6});\">([^<]*)</span>");

    @Inject
    RcaEmails emails;

    @ParameterizedTest
    @EnumSource(RootCauseCategory.class)
    void completedEmailCarriesTheCompleteBadgeAndItsCategorysOwnBadge(RootCauseCategory category) {
        String html = emails.completed(RcaSamples.completed(category.wireName())).html();

        Badge expected = Badge.category(category);
        assertThat(badges(between(html, "id=\"badges\"", "</div>"))).as("status, category and severity badges in that order")
                .containsExactly(Badge.status(false), expected, Badge.severity("critical"));
        assertThat(html).as("the root-cause block is edged in the category's colour")
                .containsPattern("id=\"root-cause\"[^>]*border-left: 4px solid " + expected.foreground());
    }

    @Test
    void everyCategoryHasALabelAndColoursOfItsOwn() {
        List<Badge> badges = java.util.Arrays.stream(RootCauseCategory.values()).map(Badge::category).toList();
        assertThat(badges).extracting(Badge::label).doesNotHaveDuplicates().noneMatch(String::isBlank);
        assertThat(badges).extracting(Badge::background).doesNotHaveDuplicates();
    }

    @Test
    void aCategoryOutsideTheTaxonomyShowsAsItCameInGrey() {
        String html = emails.completed(RcaSamples.completed("cosmic_rays")).html();

        assertThat(badges(html)).contains(new Badge("cosmic_rays", "#424a53", "#eaeef2"));
    }

    @Test
    void failedEmailCarriesTheFailedBadgeTheReasonAndNoCategory() {
        EmailContent email = emails.failed(RcaSamples.failed());

        assertThat(badges(between(email.html(), "id=\"badges\"", "</div>"))).containsExactly(Badge.status(true), Badge.severity("critical"));
        assertThat(email.html()).containsSubsequence("id=\"failure\"", "Reason:", "time limit of 5m reached in stage investigate",
                "id=\"root-cause\"", "Unavailable");
    }

    @Test
    void rootCauseIsSetApartWithItsTriggerAndValidity() {
        String html = emails.completed(RcaSamples.completed("change")).html();

        String block = between(html, "id=\"root-cause\"", "</table>");
        assertThat(block).contains("Root cause", "Deploy of checkout v2.3.1 at 14:02 raised p95 latency",
                "Trigger:", "rollout of deployment shop/checkout to image checkout:2.3.1 at 14:02:11", "Validity score 0.86");
        assertThat(html).as("no bare category in brackets next to the cause").doesNotContain("(change)");
    }

    @Test
    void findingsShowEachClaimWithItsStatusBadgeAndItsEvidence() {
        String html = emails.completed(RcaSamples.completed("change")).html();

        String findings = between(html, "id=\"findings\"", "</table>");
        assertThat(findings.split("class=\"finding\"", -1)).as("three findings").hasSize(4);
        assertThat(badges(findings)).extracting(Badge::label).containsExactly("supported", "supported", "contradicted");
        assertThat(findings).containsSubsequence(
                "rolled out image checkout:2.3.1 at 14:02:11", "Evidence:", ">kubernetes-4</span>",
                "rose from 180 ms to 1.4 s", "Evidence:", ">prometheus-2</span>",
                "<a href=\"https://grafana.example.com/d/checkout?viewPanel=7\"",
                "stayed below half of their limits", "Evidence:", ">prometheus-5</span>");
        assertThat(findings).doesNotContain("[supported");
    }

    @Test
    void webAddressesAreRealLinksAndTheSentenceKeepsItsFullStop() {
        String html = emails.completed(RcaSamples.completed("change")).html();

        assertThat(between(html, "id=\"next-steps\"", "</ol>")).contains(
                "runbook: <a href=\"" + RcaSamples.RUNBOOK + "\" style=\"color: #0969da; text-decoration: underline; overflow-wrap: anywhere;\">"
                        + RcaSamples.RUNBOOK + "</a>.");
        assertThat(between(html, "id=\"alert-links\"", "</div>")).containsSubsequence(
                "<a href=\"" + RcaSamples.RUNBOOK + "\"", ">runbook</a>",
                "<a href=\"https://grafana.example.com/d/checkout?from=now-1h\"", ">dashboard</a>");
        assertThat(html).doesNotContain("[https://");
    }

    @Test
    void viewInConsoleButtonAndTheTextPartLinkToTheConsolePage() {
        EmailContent email = emails.completed(RcaSamples.completed("change"));

        assertThat(email.html()).contains("<a id=\"console-button\" href=\"" + CONSOLE_PAGE + "\"")
                .containsPattern("id=\"console-button\"[^>]*>View in console</a>");
        assertThat(email.text()).contains("Investigation: " + CONSOLE_PAGE).doesNotContain("/api/investigations/");
    }

    @Test
    void alertAndReportTextCannotInjectMarkupOrScriptLinks() {
        String script = "<script>alert(document.cookie)</script>";
        RcaReport report = new RcaReport("cause " + script, "change", 0.5,
                List.of(new ValidatedClaim("claim " + script, List.of("\"><img src=x onerror=alert(1)>"), "supported")),
                List.of("step " + script + " javascript:alert(1)", "see https://x.example.com/\"onmouseover=\"alert(1)"),
                List.of(), null, "trigger " + script, List.of());
        String html = emails.completed(RcaSamples.completed(RcaSamples.alert("title " + script), report)).html();

        assertThat(html).as("no markup, no script link, no attribute from the alert")
                .doesNotContain("<script", "<img", "href=\"javascript:", "onmouseover=\"")
                .contains("title &lt;script&gt;alert(document.cookie)&lt;/script&gt;")
                .contains("cause &lt;script&gt;", "claim &lt;script&gt;", "trigger &lt;script&gt;", "step &lt;script&gt;",
                        "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
        assertThat(html).as("an address stops at the quote").contains("<a href=\"https://x.example.com/\" ");
    }

    @Test
    void plainTextPartKeepsItsLayout() {
        String text = emails.completed(RcaSamples.completed("change")).text();

        assertThat(text).isEqualTo("""
                Inquest finished the root-cause analysis of investigation %s.
                Alert: CheckoutLatencyHigh: p95 latency above 1 s
                Service: checkout
                Severity: critical

                ROOT CAUSE
                Deploy of checkout v2.3.1 at 14:02 raised p95 latency from 180 ms to 1.4 s; nothing else changed and no limit was reached (change)

                TOP ANALYSIS
                1. Deployment shop/checkout rolled out image checkout:2.3.1 at 14:02:11, three minutes before the alert [supported; evidence: kubernetes-4]
                2. p95 latency of checkout rose from 180 ms to 1.4 s within a minute of the rollout [supported; evidence: prometheus-2, https://grafana.example.com/d/checkout?viewPanel=7]
                3. CPU and memory of the checkout pods stayed below half of their limits [contradicted; evidence: prometheus-5]
                WHAT TO DO NEXT
                1. Roll back: kubectl rollout undo deployment/checkout -n shop
                2. Compare v2.3.1 with v2.3.0 for new calls on the request path
                3. Follow the alert's runbook: %s.
                INTERNAL STATS
                Duration: 8.4 s
                Tool calls: 14
                Investigation loops: 3
                Validity score: 0.86
                Investigation: %s
                """.formatted(RcaSamples.ID, RcaSamples.RUNBOOK, CONSOLE_PAGE));
    }

    private static List<Badge> badges(String html) {
        List<Badge> badges = new java.util.ArrayList<>();
        Matcher m = BADGE.matcher(html);
        while (m.find()) {
            badges.add(new Badge(m.group(3), m.group(1), m.group(2)));
        }
        return badges;
    }

    private static String between(String html, String start, String end) {
        int from = html.indexOf(start);
        assertThat(from).as("%s in the email", start).isNotNegative();
        int to = html.indexOf(end, from);
        return html.substring(from, to < 0 ? html.length() : to);
    }
}
