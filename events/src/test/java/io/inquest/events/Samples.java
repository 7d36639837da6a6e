package io.inquest.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** One event of every type, as the services build them: once with every field set, once with the optional ones null. */
final class Samples {

    private static final String ID = "inq-3f1c2a9be04d7c11a0b2c3d4";
    private static final Instant AT = Instant.parse("2026-11-04T14:05:00.123456Z");

    private Samples() {
    }

    static Alert fullAlert() {
        return new Alert("alertmanager", "KubePodCrashLooping", "cart restarts", "Pod cart-5c8d9f7b6-x2x is crash looping",
                Severity.CRITICAL, "cart", Map.of("alertname", "KubePodCrashLooping", "namespace", "shop"),
                Map.of("summary", "cart restarts"), Map.of("runbook", "https://runbooks.example.com/crashloop"), AT, "a1b2c3",
                JsonNodeFactory.instance.objectNode().put("status", "firing"));
    }

    static Alert sparseAlert() {
        return new Alert("text", "checkout is slow", null, null, Severity.WARNING, null, null, null, null, AT, null, null);
    }

    static InvestigationCompleted completed(Alert alert, String category) {
        RunStats stats = new RunStats(4, 4, 0.82, 1830);
        RcaReport report = new RcaReport("cart was OOMKilled (limit 256Mi) since deploy 2.4.1", category, 0.82,
                List.of(new ValidatedClaim("container cart terminated: OOMKilled", List.of("kubernetes-1"), "supported")),
                List.of("raise the memory limit of cart"), List.of("deploy 2.4.1", "memory growth", "OOMKilled"), stats,
                "deploy 2.4.1 of cart 12 min before the alert", List.of("not an image pull problem: no ImagePullBackOff"));
        return new InvestigationCompleted(ID, alert, List.of("oncall@example.com"), report, AT);
    }

    static List<Record> everyEventFullyFilled() {
        Alert alert = fullAlert();
        return List.of(
                new InvestigationRequested(ID, alert, List.of("oncall@example.com"), AT),
                new AlertResolved(ID, "alertmanager", AT),
                new InvestigationQueued(ID, alert.title(), "cart", AT),
                new StageStarted(ID, 1, Stage.INVESTIGATE, AT),
                new ToolCalled(ID, 1, "kubernetes", 2, "ok", "3 findings", 3, 41, AT),
                new StageCompleted(ID, 1, Stage.INVESTIGATE, "5 finding(s) from 4 tool call(s)", 912, AT),
                completed(alert, RootCauseCategory.RESOURCE_EXHAUSTION.wireName()),
                new InvestigationFailed(ID, alert, List.of("oncall@example.com"), "time limit of 5m reached",
                        new RunStats(2, 2, 0, 300_000), AT),
                new InvestigationCancelled(ID, "cancelled by an operator", AT),
                new NotificationDelivered(ID, "oncall@example.com", "rca-complete", "<" + ID + ".rca-complete@inquest>", 1, AT),
                new NotificationFailed(ID, "oncall@example.com", "rca-failed", "421 try again later", 2, true, AT),
                new ChangeRecorded("chg-0a1b2c3d4e5f", "cart", "deploy", "2.4.1", "bump JVM", "ci", AT,
                        "https://ci.example.com/7", Map.of("env", "prod")));
    }

    static List<Record> everyEventWithItsOptionalFieldsNull() {
        Alert alert = sparseAlert();
        RcaReport report = new RcaReport("The evidence names no cause.", RootCauseCategory.UNKNOWN.wireName(), 0.1, null, null,
                null, new RunStats(0, 0, 0.1, 5));
        return List.of(
                new InvestigationRequested(ID, alert, null, AT),
                new InvestigationQueued(ID, alert.title(), null, AT),
                new InvestigationCompleted(ID, alert, null, report, AT),
                new InvestigationFailed(ID, alert, null, "engine error", new RunStats(0, 0, 0, 1), AT),
                new ChangeRecorded("chg-0a1b2c3d4e5f", "cart", "config", null, null, null, AT, null, null));
    }
}
