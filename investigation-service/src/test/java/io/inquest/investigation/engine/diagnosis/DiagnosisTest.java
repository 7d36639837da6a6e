package io.inquest.investigation.engine.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.inquest.events.Alert;
import io.inquest.events.RcaReport;
import io.inquest.events.RunStats;
import io.inquest.events.Severity;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Symptom;
import io.inquest.investigation.engine.Target;

/** The rules deciding from observations, one family at a time: pure logic, no servers. */
class DiagnosisTest {

    private static final Instant START = Instant.parse("2026-03-10T14:00:00Z");

    private final Diagnosis diagnosis = new Diagnosis(List.of(new OomKillRule(), new CrashLoopRule(), new ImagePullRule(),
            new ConfigReferenceRule(), new SchedulingRule(), new QuotaRule(), new LivenessProbeRule(), new NodeFailureRule(),
            new StuckRolloutRule(), new DnsFailureRule(), new DependencyFailureRule(), new DatabaseConnectionsRule(),
            new ReplicationLagRule(), new StorageFullRule(), new CpuSaturationRule(), new TrafficSurgeRule(), new HealthyRule(),
            new RelatedAlertsRule(), new ErrorsAfterChangeRule(), new RecentChangeRule()));

    @Test
    void anOomKillAfterARolloutIsResourceExhaustionWithTheRolloutAsItsTrigger() {
        RcaReport report = diagnose(incident()
                .add(pod("cart-7d9f8b6c4-x2k4q", false))
                .add(Observation.of("kubernetes", Signal.CONTAINER_TERMINATED, "pod/shop/cart-7d9f8b6c4-x2k4q/app")
                        .at(START.minusSeconds(120)).attr("pod", "cart-7d9f8b6c4-x2k4q").attr("container", "app")
                        .attr("namespace", "shop").attr("reason", "OOMKilled").attr("exitCode", "137").attr("restarts", "4")
                        .attr("memoryLimit", "256Mi").attr("state", "last").text("container app was OOMKilled"))
                .add(rollout(START.minus(Duration.ofMinutes(25)), "memory limit 512Mi -> 256Mi")));

        assertThat(report.rootCauseCategory()).isEqualTo("resource_exhaustion");
        assertThat(report.rootCause()).contains("OOMKilled", "137", "256Mi", "app");
        assertThat(report.trigger()).as("the rollout 25 min before is the trigger").contains("cart-7d9f8b6c4");
        assertThat(report.remediationSteps()).first().asString().contains("memory limit of container app");
    }

    @Test
    void aJvmWhoseHeapMaySizeAboveTheContainerLimitIsNamedAsTheMechanismOfItsOomKill() {
        RcaReport report = diagnose(incident()
                .add(Observation.of("kubernetes", Signal.CONTAINER_TERMINATED, "pod/shop/cart-7d9f8b6c4-x2k4q/app")
                        .at(START.minusSeconds(60)).attr("pod", "cart-7d9f8b6c4-x2k4q").attr("container", "app")
                        .attr("reason", "OOMKilled").attr("exitCode", "137").attr("restarts", "2").attr("memoryLimit", "1536Mi")
                        .attr("state", "last").text("container app was OOMKilled"))
                .add(Observation.of("kubernetes", Signal.CONTAINER_SPEC, "workload/shop/cart/app").attr("container", "app")
                        .attr("memoryLimit", "1536Mi").attr("memoryLimitBytes", "1610612736").attr("jvmOptions", "-Xms512m -Xmx2g")
                        .text("container app of cart: memory limit 1536Mi; JVM -Xms512m -Xmx2g")));

        assertThat(report.rootCauseCategory()).isEqualTo("resource_exhaustion");
        assertThat(report.rootCause()).contains("-Xmx2g", "1536Mi");
        assertThat(report.remediationSteps()).anyMatch(step -> step.contains("Set -Xmx of container app"));
    }

    @Test
    void aCrashLoopWithAPanicInThePreviousLogIsACodeDefect() {
        RcaReport report = diagnose(incident()
                .add(pod("cart-7d9f8b6c4-x2k4q", false))
                .add(waiting("CrashLoopBackOff", "back-off 5m0s restarting failed container=app"))
                .add(terminated("Error", "2"))
                .add(log("panic", "panic: runtime error: invalid memory address or nil pointer dereference", 6))
                .add(rollout(START.minus(Duration.ofMinutes(9)), "image shop/cart:1.4.2 -> shop/cart:1.4.3")));

        assertThat(report.rootCauseCategory()).isEqualTo("code_defect");
        assertThat(report.rootCause()).contains("nil pointer dereference", "crash-looping");
        assertThat(report.trigger()).isNotNull();
        assertThat(report.remediationSteps()).first().asString().startsWith("Roll back");
    }

    @Test
    void aCrashLoopOnAMissingSettingIsAConfigurationError() {
        RcaReport report = diagnose(incident()
                .add(pod("cart-7d9f8b6c4-x2k4q", false))
                .add(waiting("CrashLoopBackOff", "back-off"))
                .add(terminated("Error", "1"))
                .add(log("missing_config", "Error: required environment variable PAYMENTS_API_KEY is not set", 3)));

        assertThat(report.rootCauseCategory()).isEqualTo("configuration_error");
        assertThat(report.rootCause()).contains("PAYMENTS_API_KEY");
    }

    @Test
    void aCrashLoopRightAfterADeployWithNothingInTheLogsIsTheChange() {
        RcaReport report = diagnose(incident()
                .add(pod("cart-7d9f8b6c4-x2k4q", false))
                .add(waiting("CrashLoopBackOff", "back-off"))
                .add(terminated("Error", "1"))
                .add(rollout(START.minus(Duration.ofMinutes(6)), "image shop/cart:1.4.2 -> shop/cart:1.4.3")));

        assertThat(report.rootCauseCategory()).isEqualTo("change");
        assertThat(report.trigger()).contains("cart-7d9f8b6c4");
    }

    @Test
    void anImagePullBackOffIsAConfigurationErrorNamingTheImage() {
        RcaReport report = diagnose(incident()
                .add(pod("cart-5c8d9f7b6-abcde", false))
                .add(Observation.of("kubernetes", Signal.CONTAINER_WAITING, "pod/shop/cart-5c8d9f7b6-abcde/app")
                        .attr("pod", "cart-5c8d9f7b6-abcde").attr("container", "app").attr("reason", "ImagePullBackOff")
                        .attr("image", "registry.local/shop/cart:1.4.3-rc").attr("message",
                                "Back-off pulling image \"registry.local/shop/cart:1.4.3-rc\"")
                        .text("container app is waiting: ImagePullBackOff"))
                .add(event("Failed", "Failed to pull image \"registry.local/shop/cart:1.4.3-rc\": manifest unknown")));

        assertThat(report.rootCauseCategory()).isEqualTo("configuration_error");
        assertThat(report.rootCause()).contains("registry.local/shop/cart:1.4.3-rc", "ImagePullBackOff", "manifest unknown");
    }

    @Test
    void podsPendingForInsufficientCpuAreResourceExhaustion() {
        RcaReport report = diagnose(incident()
                .add(Observation.of("kubernetes", Signal.POD_UNSCHEDULABLE, "pod/shop/cart-x").attr("pod", "cart-x")
                        .attr("reason", "Unschedulable").attr("message", "0/5 nodes are available: 5 Insufficient cpu.")
                        .text("pod cart-x is unschedulable"))
                .add(event("FailedScheduling", "0/5 nodes are available: 5 Insufficient cpu.")));

        assertThat(report.rootCauseCategory()).isEqualTo("resource_exhaustion");
        assertThat(report.rootCause()).contains("Insufficient cpu", "FailedScheduling");
    }

    @Test
    void anExceededQuotaIsResourceExhaustion() {
        RcaReport report = diagnose(incident().add(event("FailedCreate",
                "pods \"cart-7d9f8b6c4-zz\" is forbidden: exceeded quota: compute-quota, requested: limits.memory=2Gi, "
                        + "used: limits.memory=15Gi, limited: limits.memory=16Gi")));

        assertThat(report.rootCauseCategory()).isEqualTo("resource_exhaustion");
        assertThat(report.rootCause()).contains("exceeded quota", "compute-quota");
    }

    @Test
    void aLivenessProbeKillingASlowStartIsAConfigurationError() {
        RcaReport report = diagnose(incident()
                .add(pod("cart-7d9f8b6c4-x2k4q", false))
                .add(terminated("Error", "137"))
                .add(event("Unhealthy", "Liveness probe failed: Get \"http://10.1.2.3:8080/health\": dial tcp 10.1.2.3:8080: "
                        + "connect: connection refused"))
                .add(event("Killing", "Container app failed liveness probe, will be restarted")));

        assertThat(report.rootCauseCategory()).isEqualTo("configuration_error");
        assertThat(report.rootCause()).contains("Liveness probe failed");
    }

    @Test
    void aNodeNotReadyIsInfrastructure() {
        RcaReport report = diagnose(incident()
                .add(Observation.of("kubernetes", Signal.NODE_CONDITION, "node/worker-3").at(START.minusSeconds(300))
                        .attr("node", "worker-3").attr("condition", "Ready").attr("status", "Unknown")
                        .attr("reason", "NodeStatusUnknown").attr("message", "Kubelet stopped posting node status.")
                        .attr("healthy", "false").text("node worker-3 is NotReady")));

        assertThat(report.rootCauseCategory()).isEqualTo("infrastructure");
        assertThat(report.rootCause()).contains("worker-3", "Kubelet stopped posting node status.");
    }

    @Test
    void oneDependencyNameThatDoesNotResolveIsADependencyFailure() {
        RcaReport report = diagnose(incident()
                .add(pod("cart-7d9f8b6c4-x2k4q", true))
                .add(log("dns", "dial tcp: lookup orders-db.prod.svc.cluster.local on 10.96.0.10:53: no such host", 40)
                        .withId("logs-1")));

        assertThat(report.rootCauseCategory()).isEqualTo("dependency_failure");
        assertThat(report.rootCause()).contains("no such host");
    }

    @Test
    void databaseConnectionsAtTheMaximumAreResourceExhaustion() {
        RcaReport report = diagnose(incident()
                .add(Observation.of("prometheus", Signal.DATABASE, "db/orders").attr("metric", "connections").attr("value", "100")
                        .attr("limit", "100").attr("ratio", "1.0").text("orders-db has 100 of max_connections 100 in use"))
                .add(log("too_many_connections", "FATAL: sorry, too many clients already", 55)));

        assertThat(report.rootCauseCategory()).isEqualTo("resource_exhaustion");
        assertThat(report.rootCause()).contains("too many clients", "max_connections");
    }

    @Test
    void aSurgeFarAboveTheSameHourYesterdayIsATrafficSurgeNotCpu() {
        RcaReport report = diagnose(incident()
                .add(Observation.of("prometheus", Signal.TRAFFIC_SURGE, "metric/request rate").attr("ratio", "6.2")
                        .attr("value", "1240").attr("baseline", "200").text("request rate 1240/s = 6.2x the same hour a day earlier"))
                .add(Observation.of("prometheus", Signal.METRIC, "metric/cpu").attr("metric", "cpu_usage").attr("ratio", "0.98")
                        .text("CPU at 98% of its limit")));

        assertThat(report.rootCauseCategory()).isEqualTo("traffic_surge");
        assertThat(report.validatedClaims()).extracting(c -> c.claim()).anyMatch(c -> c.contains("6.2x"));
    }

    @Test
    void cpuAtTheLimitWithoutASurgeIsResourceExhaustion() {
        RcaReport report = diagnose(incident()
                .add(Observation.of("prometheus", Signal.METRIC, "metric/cpu").attr("metric", "cpu_usage").attr("ratio", "0.97")
                        .text("CPU at 97% of its 2 core limit"))
                .add(Observation.of("prometheus", Signal.METRIC, "metric/throttling").attr("metric", "cpu_throttling")
                        .attr("ratio", "0.6").text("throttled in 60% of CFS periods")));

        assertThat(report.rootCauseCategory()).isEqualTo("resource_exhaustion");
    }

    @Test
    void aSignalThatAlreadyWentBackWithEveryPodReadyIsHealthyAndTheOldRolloutIsRuledOut() {
        RcaReport report = diagnose(incident()
                .add(pod("cart-7d9f8b6c4-x2k4q", true))
                .add(Observation.of("prometheus", Signal.ALERT_SIGNAL, "metric/error ratio").at(START)
                        .attr("firing", "false").attr("recoveredAt", START.plusSeconds(60).toString()).attr("crossings", "1")
                        .text("the error ratio crossed 0.05 at the alert's start and was back under it 1 min later"))
                .add(rollout(START.minus(Duration.ofDays(3)), "image shop/cart:1.4.1 -> shop/cart:1.4.2")));

        assertThat(report.rootCauseCategory()).isEqualTo("healthy");
        assertThat(report.trigger()).isNull();
        assertThat(report.ruledOut()).anyMatch(r -> r.contains("3 days before the alert is not the cause"));
    }

    @Test
    void anUnexplainedCrashLoopIsUnknownButItsEvidenceIsStillClaimed() {
        RcaReport report = diagnose(incident()
                .add(Observation.of("alert_context", Signal.CONTAINER_TERMINATED, "cart").at(START).attr("reason", "Error")
                        .attr("state", "last").text("the alert says container of cart is terminated: Error"))
                .add(Observation.of("prometheus", Signal.METRIC, "metric/restarts").attr("scope", "service").attr("metric", "restarts")
                        .attr("value", "4").text("containers of cart restarted 4 time(s) in 5 minutes around the alert")));

        assertThat(report.rootCauseCategory()).isEqualTo("unknown");
        assertThat(report.validatedClaims()).extracting(c -> c.claim()).anyMatch(c -> c.contains("restarted 4 time(s)"));
    }

    @Test
    void withNothingToGoOnTheCauseIsUnknownWithLowValidity() {
        RcaReport report = diagnose(incident());

        assertThat(report.rootCauseCategory()).isEqualTo("unknown");
        assertThat(report.validityScore()).isLessThanOrEqualTo(0.3);
    }

    // --- building incidents -----------------------------------------------------------------------

    private RcaReport diagnose(IncidentBuilder builder) {
        return diagnosis.diagnose(builder.build(), new RunStats(5, 5, 0, 10));
    }

    private static IncidentBuilder incident() {
        return new IncidentBuilder();
    }

    private static final class IncidentBuilder {
        private final List<Observation> observations = new ArrayList<>();
        private final Set<String> consulted = new HashSet<>(Set.of("alert_context", "recent_changes", "related_alerts"));

        IncidentBuilder add(Observation o) {
            consulted.add(o.source());
            observations.add(o.withId(o.source() + "-" + (observations.size() + 1)));
            return this;
        }

        Case build() {
            Alert alert = new Alert("alertmanager", "KubePodCrashLooping", "cart is failing", null, Severity.CRITICAL, "cart",
                    Map.of("namespace", "shop", "deployment", "cart"), Map.of(), Map.of(), START, "fp", null);
            Subject subject = new Subject("inq-test", alert, Symptom.CRASH_LOOP,
                    new Target("shop", "cart", "cart", null, null, null));
            return new Case(subject, observations, consulted);
        }
    }

    private static Observation pod(String name, boolean ready) {
        return Observation.of("kubernetes", Signal.POD_STATUS, "pod/shop/" + name).at(START.minus(Duration.ofDays(3)))
                .attr("pod", name).attr("namespace", "shop").attr("phase", "Running").attr("ready", ready)
                .attr("readySince", ready ? START.minus(Duration.ofDays(3)).toString() : null).attr("node", "worker-1")
                .text("pod " + name + (ready ? " is Ready" : " is not Ready"));
    }

    private static Observation waiting(String reason, String message) {
        return Observation.of("kubernetes", Signal.CONTAINER_WAITING, "pod/shop/cart-7d9f8b6c4-x2k4q/app")
                .attr("pod", "cart-7d9f8b6c4-x2k4q").attr("container", "app").attr("namespace", "shop").attr("reason", reason)
                .attr("message", message).attr("restarts", "7").text("container app is waiting: " + reason);
    }

    private static Observation terminated(String reason, String exitCode) {
        return Observation.of("kubernetes", Signal.CONTAINER_TERMINATED, "pod/shop/cart-7d9f8b6c4-x2k4q/app")
                .at(START.minusSeconds(90)).attr("pod", "cart-7d9f8b6c4-x2k4q").attr("container", "app").attr("namespace", "shop")
                .attr("reason", reason).attr("exitCode", exitCode).attr("restarts", "7").attr("state", "last")
                .text("container app terminated: " + reason + ", exit code " + exitCode);
    }

    private static Observation event(String reason, String message) {
        return Observation.of("kubernetes", Signal.EVENT, "event/" + reason).at(START.minusSeconds(60)).attr("type", "Warning")
                .attr("reason", reason).attr("message", message).attr("count", "5").text(reason + ": " + message);
    }

    private static Observation log(String signature, String sample, int count) {
        return Observation.of("logs", Signal.LOG_SIGNATURE, "logs/cart").at(START.minusSeconds(200)).attr("signature", signature)
                .attr("sample", sample).attr("count", count).attr("relative", "3 min before the alert")
                .attr("target", signature.equals("dns") ? "orders-db.prod.svc.cluster.local" : null)
                .text(count + " log lines: " + sample);
    }

    private static Observation rollout(Instant at, String diff) {
        return Observation.of("kubernetes", Signal.ROLLOUT, "replicaset/shop/cart-7d9f8b6c4").at(at).attr("deployment", "cart")
                .attr("replicaSet", "cart-7d9f8b6c4").attr("revision", "7").attr("previousReplicaSet", "cart-5c8d9f7b6")
                .attr("diff", diff).attr("current", "true").attr("replicas", "3").attr("readyReplicas", "0")
                .text("rollout of deployment cart: ReplicaSet cart-7d9f8b6c4 (revision 7) " + diff);
    }
}
