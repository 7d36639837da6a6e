package io.inquest.investigation.engine.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.inquest.events.RcaReport;
import io.inquest.events.RunStats;
import io.inquest.events.ValidatedClaim;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Symptom;
import io.inquest.investigation.engine.Target;
import io.inquest.events.Alert;
import io.inquest.events.Severity;

/** The rules quote what the logs tool read of an error's content and of start-up. */
class LogContentRulesTest {

    private static final Instant START = Instant.parse("2026-06-02T08:00:00Z");

    private final Diagnosis diagnosis = new Diagnosis(List.of(new CrashLoopRule(), new LivenessProbeRule(), new OomKillRule(),
            new DependencyFailureRule(), new HealthyRule(), new ConfigReferenceRule(), new ErrorsAfterChangeRule()));

    @Test
    void aLivenessKillQuotesHowLongStartUpTakesAgainstWhatTheProbeAllows() {
        List<Observation> o = new ArrayList<>();
        o.add(event("Unhealthy", "Liveness probe failed: Get \"http://10.4.1.7:8080/q/health/live\": context deadline exceeded"));
        o.add(terminated("Error", "143"));
        o.add(Observation.of("kubernetes", Signal.CONTAINER_SPEC, "deployment/iam/sso").attr("container", "sso")
                .attr("livenessProbe", "httpGet :8080/q/health/live initialDelaySeconds=30 periodSeconds=10 timeoutSeconds=1 failureThreshold=3")
                .text("container sso: liveness probe httpGet :8080/q/health/live"));
        o.add(Observation.of("logs", Signal.STARTUP, "logs/iam/sso/startup").at(START.minusSeconds(3600)).attr("pod", "sso-0")
                .attr("container", "sso").attr("completed", "true").attr("seconds", "84.2")
                .attr("completion", "sso 4.1 on JVM (powered by Quarkus 3.8) started in 84.2s.").text("sso-0 started in 84.2 s"));
        o.add(Observation.of("logs", Signal.STARTUP, "logs/iam/sso/startup").at(START.minusSeconds(120)).attr("pod", "sso-2")
                .attr("container", "sso").attr("previous", "true").attr("completed", "false").attr("seconds", "61")
                .attr("step", "Running upgrade 3f1c -> 9ab2").attr("lastLine", "importing realm customers")
                .text("sso-2 never finished starting"));

        RcaReport report = diagnose(o);

        assertThat(report.rootCauseCategory()).isEqualTo("configuration_error");
        assertThat(report.rootCause()).contains("start-up takes 84.2 s",
                "initialDelaySeconds + failureThreshold × periodSeconds = 30 + 3 × 10 = 60 s",
                "was still starting after 61 s, in \"Running upgrade 3f1c -> 9ab2\", last \"importing realm customers\"");
    }

    @Test
    void aCrashLoopQuotesTheMissingSettingTheLogNames() {
        List<Observation> o = new ArrayList<>();
        o.add(Observation.of("kubernetes", Signal.CONTAINER_WAITING, "pod/data/ingest-1/app").attr("pod", "ingest-1").attr("container", "app")
                .attr("reason", "CrashLoopBackOff").attr("restarts", "6").text("container app is waiting: CrashLoopBackOff"));
        o.add(terminated("Error", "1"));
        o.add(log("missing_config", "pydantic_core._pydantic_core.ValidationError: 1 validation error for AppSettings: "
                + "kafka_bootstrap (Field required [type=missing])", 6));

        RcaReport report = diagnose(o);

        assertThat(report.rootCauseCategory()).isEqualTo("configuration_error");
        assertThat(report.rootCause()).contains("kafka_bootstrap (Field required [type=missing])");
    }

    @Test
    void clientsHangingUpAreNotAFailingDependency() {
        List<Observation> o = new ArrayList<>();
        o.add(log("client_abort", "WARN Resolved [org.apache.catalina.connector.ClientAbortException: java.io.IOException: Broken pipe]", 40));

        RcaReport report = diagnose(o);

        assertThat(report.rootCauseCategory()).isNotEqualTo("dependency_failure");
    }

    @Test
    void withoutErrorLinesTheMostFrequentWarningIsQuoted() {
        List<Observation> o = new ArrayList<>();
        o.add(terminated("Error", "1"));
        o.add(Observation.of("logs", Signal.LOG_WARNING, "logs/pay/consumer").at(START.minusSeconds(300)).attr("count", "4")
                .attr("sample", "Request joining group due to: group is already rebalancing")
                .text("4 warnings like \"Request joining group due to: group is already rebalancing\""));

        RcaReport report = diagnose(o);

        assertThat(report.validatedClaims()).extracting(ValidatedClaim::claim).anyMatch(s -> s.contains("group is already rebalancing"));
    }

    private RcaReport diagnose(List<Observation> observations) {
        List<Observation> numbered = new ArrayList<>();
        Set<String> consulted = new HashSet<>(Set.of("alert_context"));
        for (Observation o : observations) {
            consulted.add(o.source());
            numbered.add(o.withId(o.source() + "-" + (numbered.size() + 1)));
        }
        Alert alert = new Alert("alertmanager", "KubePodCrashLooping", "sso is failing", null, Severity.CRITICAL, "sso",
                Map.of("namespace", "iam", "deployment", "sso"), Map.of(), Map.of(), START, "fp", null);
        Subject subject = new Subject("inq-test", alert, Symptom.CRASH_LOOP, new Target("iam", "sso", "sso", null, null, null));
        return diagnosis.diagnose(new Case(subject, numbered, consulted), new RunStats(5, 5, 0, 10));
    }

    private static Observation terminated(String reason, String exitCode) {
        return Observation.of("kubernetes", Signal.CONTAINER_TERMINATED, "pod/iam/sso-2/sso").at(START.minusSeconds(90))
                .attr("pod", "sso-2").attr("container", "sso").attr("namespace", "iam").attr("reason", reason).attr("exitCode", exitCode)
                .attr("restarts", "5").attr("state", "last").text("container sso terminated: " + reason + ", exit code " + exitCode);
    }

    private static Observation event(String reason, String message) {
        return Observation.of("kubernetes", Signal.EVENT, "event/" + reason).at(START.minusSeconds(60)).attr("type", "Warning")
                .attr("reason", reason).attr("message", message).attr("count", "5").text(reason + ": " + message);
    }

    private static Observation log(String signature, String sample, int count) {
        return Observation.of("logs", Signal.LOG_SIGNATURE, "logs/" + signature).at(START.minusSeconds(200)).attr("signature", signature)
                .attr("sample", sample).attr("count", count).attr("relative", "3 min before the alert").attr("previous", "true")
                .text(count + " log lines: " + sample);
    }
}
