package io.inquest.notification.email;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.inquest.events.Alert;
import io.inquest.events.InvestigationCompleted;
import io.inquest.events.InvestigationFailed;
import io.inquest.events.RcaReport;
import io.inquest.events.RunStats;
import io.inquest.events.Severity;
import io.inquest.events.ValidatedClaim;

/** Terminal events shaped like the investigation-service's: a deploy that raised checkout's latency. */
final class RcaSamples {

    static final String ID = "inq-7f3c2a9e41d04b6c8a5e12f0";
    static final String RUNBOOK = "https://runbooks.example.com/checkout/latency";
    static final String DASHBOARD = "https://grafana.example.com/d/checkout?from=now-1h";

    private RcaSamples() {
    }

    static Alert alert(String title) {
        return new Alert("alertmanager", title, "p95 latency above 1 s for 5 minutes", null, Severity.CRITICAL, "checkout",
                Map.of("env", "prod", "namespace", "shop"), Map.of(),
                Map.of("runbook", RUNBOOK, "dashboard", DASHBOARD, "generator", "javascript:alert(1)"),
                Instant.parse("2026-11-04T14:05:00Z"), "a1b2c3", null);
    }

    static RcaReport report(String category) {
        return new RcaReport(
                "Deploy of checkout v2.3.1 at 14:02 raised p95 latency from 180 ms to 1.4 s; nothing else changed and no limit was reached",
                category, 0.86,
                List.of(new ValidatedClaim("Deployment shop/checkout rolled out image checkout:2.3.1 at 14:02:11, three minutes before the alert",
                                List.of("kubernetes-4"), "supported"),
                        new ValidatedClaim("p95 latency of checkout rose from 180 ms to 1.4 s within a minute of the rollout",
                                List.of("prometheus-2", "https://grafana.example.com/d/checkout?viewPanel=7"), "supported"),
                        new ValidatedClaim("CPU and memory of the checkout pods stayed below half of their limits",
                                List.of("prometheus-5"), "contradicted")),
                List.of("Roll back: kubectl rollout undo deployment/checkout -n shop",
                        "Compare v2.3.1 with v2.3.0 for new calls on the request path",
                        "Follow the alert's runbook: " + RUNBOOK + "."),
                List.of("trigger: rollout of checkout:2.3.1", "p95 latency on checkout"),
                new RunStats(14, 3, 0.86, 8_400),
                "rollout of deployment shop/checkout to image checkout:2.3.1 at 14:02:11", List.of());
    }

    static InvestigationCompleted completed(String category) {
        return completed(alert("CheckoutLatencyHigh: p95 latency above 1 s"), report(category));
    }

    static InvestigationCompleted completed(Alert alert, RcaReport report) {
        return new InvestigationCompleted(ID, alert, List.of(), report, Instant.parse("2026-11-04T14:05:09Z"));
    }

    static InvestigationFailed failed() {
        return new InvestigationFailed(ID, alert("CheckoutLatencyHigh: p95 latency above 1 s"), List.of(),
                "time limit of 5m reached in stage investigate", new RunStats(9, 5, 0.2, 300_000),
                Instant.parse("2026-11-04T14:10:00Z"));
    }
}
