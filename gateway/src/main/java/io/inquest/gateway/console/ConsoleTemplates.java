package io.inquest.gateway.console;

import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The console's pages and the fragments htmx swaps in ({@code src/main/resources/templates/console}),
 * type-checked against these parameters at build time. A {@code page$fragment} method renders one
 * fragment of a page, the same markup the whole page contains.
 */
@CheckedTemplate(basePath = "console")
final class ConsoleTemplates {

    private ConsoleTemplates() {
    }

    static native TemplateInstance investigations(ListFilter filter, InvestigationListing listing);

    static native TemplateInstance investigations$rows(ListFilter filter, InvestigationListing listing);

    static native TemplateInstance investigation(String id, InvestigationDetail investigation, List<TimelineEntry> timeline,
            List<DeliveryRecord> deliveries, boolean deliveriesKnown, boolean pollDeliveries);

    static native TemplateInstance investigation$summary(String id, InvestigationDetail investigation);

    static native TemplateInstance investigation$timeline(String id, List<TimelineEntry> timeline);

    static native TemplateInstance investigation$deliveries(String id, List<DeliveryRecord> deliveries, boolean deliveriesKnown,
            boolean pollDeliveries);

    static native TemplateInstance cancelRequested(String id);

    static native TemplateInstance subscriptions(List<SubscriptionRow> subscriptions, String trouble);

    static native TemplateInstance subscriptions$list(List<SubscriptionRow> subscriptions, String trouble);

    static native TemplateInstance smtp();

    static native TemplateInstance smtpVerified(SmtpVerification check);

    static native TemplateInstance smtpQueued(String id, List<String> recipients);

    static native TemplateInstance trouble(Trouble trouble);

    static native TemplateInstance troublePage(Trouble trouble);

    static native TemplateInstance signIn(String next);

    static native TemplateInstance signInRefused(String detail);
}
