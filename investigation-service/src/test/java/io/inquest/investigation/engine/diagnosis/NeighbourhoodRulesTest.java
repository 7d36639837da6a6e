package io.inquest.investigation.engine.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The rules that read the workload's neighbourhood: the cluster DNS, a failing dependency's own pods, who holds capacity or quota. */
class NeighbourhoodRulesTest {

    private static final Instant START = Instant.parse("2026-05-12T09:30:00Z");

    private final Diagnosis diagnosis = new Diagnosis(List.of(new OomKillRule(), new CrashLoopRule(), new ImagePullRule(),
            new ConfigReferenceRule(), new SchedulingRule(), new QuotaRule(), new LivenessProbeRule(), new NodeFailureRule(),
            new StuckRolloutRule(), new DnsFailureRule(), new DependencyFailureRule(), new DatabaseConnectionsRule(),
            new ReplicationLagRule(), new StorageFullRule(), new CpuSaturationRule(), new TrafficSurgeRule(), new HealthyRule(),
            new RelatedAlertsRule(), new ErrorsAfterChangeRule(), new RecentChangeRule()));

    @Test
    void lookupsFailingWhileTheClusterDnsCrashLoopsIsTheInfrastructureNamingTheDnsPods() {
        RcaReport report = diagnose(pod("web-7c9d8b6f5-p4q5r"),
                log("dns", "getaddrinfo EAI_AGAIN payments.shop.svc.cluster.local", "payments.shop.svc.cluster.local", 40),
                log("connection_refused", "dial udp 10.96.0.10:53: connect: connection refused", "10.96.0.10:53", 12),
                clusterDns(false));

        assertThat(report.rootCauseCategory()).isEqualTo("infrastructure");
        assertThat(report.rootCause()).contains("The cluster DNS is down", "coredns-6f8d9c7b5-k2x9p", "10.96.0.10", "EAI_AGAIN");
        assertThat(report.remediationSteps().get(0)).contains("coredns-6f8d9c7b5-k2x9p, coredns-6f8d9c7b5-w4m7t in kube-system",
                "plugin/loop: Loop (127.0.0.1:51234 -> :53) detected");
    }

    @Test
    void oneNameNotFoundWhileTheClusterDnsIsHealthyStaysTheDependencysProblem() {
        RcaReport report = diagnose(pod("web-7c9d8b6f5-p4q5r"),
                log("dns", "dial tcp: lookup payments.prod.svc.cluster.local on 10.96.0.10:53: no such host",
                        "payments.prod.svc.cluster.local", 40),
                clusterDns(true));

        assertThat(report.rootCauseCategory()).isEqualTo("dependency_failure");
        assertThat(String.join(" ", report.validatedClaims().stream().map(c -> c.claim()).toList()))
                .contains("the cluster DNS (pods k8s-app=kube-dns in kube-system, Service kube-dns 10.96.0.10) is healthy");
    }

    @Test
    void aNameThatDoesNotResolvePointsAtTheSettingsThatHoldHostNames() {
        Observation spec = Observation.of("kubernetes", Signal.CONTAINER_SPEC, "workload/shop/web/app").attr("container", "app")
                .attr("env", "DB_PASSWORD from secret/web-db key password, DB_HOST from configmap/web-config key DB_HOST, LOG_LEVEL from"
                        + " configmap/web-config key LOG_LEVEL")
                .text("container app of web");

        RcaReport report = diagnose(pod("web-7c9d8b6f5-p4q5r"), spec, clusterDns(true),
                log("dns", "dial tcp: lookup db.prod.svc.cluster.local on 10.96.0.10:53: no such host", "db.prod.svc.cluster.local", 30));

        assertThat(report.remediationSteps()).anySatisfy(step -> assertThat(step)
                .contains("(DB_HOST from configmap/web-config key DB_HOST)").doesNotContain("DB_PASSWORD", "LOG_LEVEL"));
    }

    @Test
    void aRefusedDependencyIsMatchedToTheCrashLoopingWorkloadListeningOnThatPort() {
        Observation cache = Observation.of("kubernetes", Signal.NEIGHBOUR, "statefulset/shop/cache").at(START.minusSeconds(900))
                .attr("namespace", "shop").attr("workload", "cache").attr("kind", "StatefulSet").attr("ports", "6379")
                .attr("podIPs", "10.42.1.17").attr("ready", "0").attr("total", "1")
                .text("StatefulSet cache in namespace shop (another workload): 0 of 1 pods Ready; pod cache-0: redis CrashLoopBackOff");
        Observation other = Observation.of("kubernetes", Signal.NEIGHBOUR, "deployment/shop/mailer").attr("workload", "mailer")
                .attr("ports", "8080").text("Deployment mailer in namespace shop (another workload): 1 of 2 pods Ready");

        RcaReport report = diagnose(pod("web-7c9d8b6f5-p4q5r"),
                log("connection_refused", "Error: connect ECONNREFUSED 10.43.18.201:6379", "10.43.18.201:6379", 60), cache, other);

        assertThat(report.rootCauseCategory()).isEqualTo("dependency_failure");
        assertThat(report.rootCause()).contains("ECONNREFUSED", "StatefulSet cache in namespace shop", "CrashLoopBackOff")
                .doesNotContain("mailer");
    }

    @Test
    void aDependencyCalledByNameIsMatchedToItsServiceWithoutReadyEndpoints() {
        Observation endpoints = Observation.of("kubernetes", Signal.SERVICE_ENDPOINTS, "service/stock/stock-api").attr("service", "stock-api")
                .attr("clusterIP", "10.43.7.21").attr("namespace", "stock")
                .text("no ready endpoints behind Service stock-api in namespace stock (10.43.7.21 port 8080)");

        RcaReport report = diagnose(pod("web-7c9d8b6f5-p4q5r"), log("timeout",
                "Post \"http://stock-api.stock.svc.cluster.local:8080/reserve\": context deadline exceeded",
                "stock-api.stock.svc.cluster.local:8080", 30), endpoints);

        assertThat(report.rootCause()).contains("no ready endpoints behind Service stock-api");
    }

    @Test
    void aNameThatDoesNotResolveBecauseItsServiceIsGoneSaysSo() {
        Observation gone = Observation.of("kubernetes", Signal.DEPENDENCY, "service/pay/pay").attr("namespace", "pay").attr("service", "pay")
                .attr("host", "pay.pay.svc:9090").attr("serviceFound", "false").attr("healthy", "false")
                .text("dependency pay.pay.svc:9090 (configured as PAYMENTS_ADDR): no Service pay in namespace pay: the name cannot resolve"
                        + " (the Service was deleted or never created)");

        RcaReport report = diagnose(pod("web-7c9d8b6f5-p4q5r"), log("dns",
                "java.net.UnknownHostException: pay.pay.svc: Name or service not known", "pay.pay.svc", 25), clusterDns(true), gone);

        assertThat(report.rootCauseCategory()).isEqualTo("dependency_failure");
        assertThat(report.rootCause()).contains("UnknownHostException", "no Service pay in namespace pay", "deleted or never created");
    }

    @Test
    void aPendingPodCitesItsRequestTheAutoscalersRefusalAndWhoHoldsTheMemory() {
        Observation holder = Observation.of("kubernetes", Signal.CAPACITY_HOLDER, "deployment/data/etl-exec").attr("scope", "nodes")
                .attr("resource", "memory").attr("workload", "etl-exec")
                .text("pods of Deployment etl-exec (namespace data) request 12Gi memory each: 2 Running on batch-node-1");
        Observation spec = Observation.of("kubernetes", Signal.CONTAINER_SPEC, "workload/shop/web/app").attr("cpuRequest", "1")
                .attr("memoryRequest", "10Gi").text("container app requests cpu 1, memory 10Gi");
        Observation refused = Observation.of("kubernetes", Signal.EVENT, "pod/shop/web-1").at(START.minusSeconds(120)).attr("type", "Normal")
                .attr("reason", "NotTriggerScaleUp").attr("message", "pod didn't trigger scale-up: 1 max node group size reached")
                .text("Normal NotTriggerScaleUp on pod web-1: \"pod didn't trigger scale-up: 1 max node group size reached\"");
        Observation pending = Observation.of("kubernetes", Signal.POD_UNSCHEDULABLE, "pod/shop/web-1").at(START.minusSeconds(600))
                .attr("pod", "web-1").attr("reason", "Unschedulable").attr("message", "0/1 nodes are available: 1 Insufficient memory.")
                .text("pod web-1 cannot be scheduled");

        RcaReport report = diagnose(pending, spec, refused, holder);

        assertThat(report.rootCauseCategory()).isEqualTo("resource_exhaustion");
        assertThat(report.rootCause()).contains("each pod requests cpu 1, memory 10Gi", "max node group size reached",
                "the capacity is held by pods of Deployment etl-exec (namespace data) request 12Gi memory each");
    }

    @Test
    void aQuotaRefusalCitesTheWorkloadsChargedToIt() {
        Observation refused = Observation.of("kubernetes", Signal.EVENT, "replicaset/shop/web-7c9d8b6f5").at(START.minusSeconds(60))
                .attr("type", "Warning").attr("reason", "FailedCreate")
                .attr("message", "Error creating: pods \"web-7c9d8b6f5-zz9xq\" is forbidden: exceeded quota: pod-count, requested: pods=1,"
                        + " used: pods=5, limited: pods=5")
                .text("Warning FailedCreate");
        Observation charged = Observation.of("kubernetes", Signal.CAPACITY_HOLDER, "cronjob/shop/resync").attr("scope", "quota")
                .attr("workload", "resync").text("4 pod(s) of CronJob resync Running in namespace shop, charged to quota pod-count");

        Observation short_ = Observation.of("kubernetes", Signal.WORKLOAD_STATUS, "deployment/shop/web").attr("kind", "Deployment")
                .attr("name", "web").attr("desired", "5").attr("ready", "4").attr("unavailable", "1")
                .text("deployment web: 4 of 5 replicas ready");

        RcaReport report = diagnose(refused, charged, short_);

        assertThat(report.rootCause()).contains("exceeded quota: pod-count", "charged to it: 4 pod(s) of CronJob resync Running");
    }

    @Test
    void aNodeConditionQuotesItsMessageAndTheRuntime() {
        Observation node = Observation.of("kubernetes", Signal.NODE_CONDITION, "node/node-a").at(START.minusSeconds(300))
                .attr("node", "node-a").attr("condition", "Ready").attr("status", "False").attr("reason", "KubeletNotReady")
                .attr("message", "container runtime is down").attr("healthy", "false").attr("runtime", "containerd://1.7.13")
                .attr("kubelet", "v1.29.3").text("node node-a Ready=False (KubeletNotReady)");

        RcaReport report = diagnose(pod("web-7c9d8b6f5-p4q5r"), node);

        assertThat(report.rootCause()).contains("Ready=False (KubeletNotReady): container runtime is down",
                "(kubelet v1.29.3, runtime containerd://1.7.13)");
    }

    @Test
    void theClusterAutoscalersScaleUpIsQuotedAsContext() {
        Observation scaleUp = Observation.of("kubernetes", Signal.EVENT, "pod/shop/web-7c9d8b6f5-n3m4k").at(START.minusSeconds(900))
                .attr("type", "Normal").attr("reason", "TriggeredScaleUp")
                .attr("message", "pod triggered scale-up: [{eks-general-1a 8->9 (max: 20)}]")
                .text("Normal TriggeredScaleUp on pod web-7c9d8b6f5-n3m4k 15 min before the alert: \"pod triggered scale-up: "
                        + "[{eks-general-1a 8->9 (max: 20)}]\"");

        RcaReport report = diagnose(pod("web-7c9d8b6f5-p4q5r"), pod("web-7c9d8b6f5-n3m4k"), scaleUp);

        assertThat(report.validatedClaims()).anySatisfy(c -> assertThat(c.claim()).contains("pod triggered scale-up"));
    }

    // --- building incidents -----------------------------------------------------------------------

    private RcaReport diagnose(Observation... observations) {
        List<Observation> all = new ArrayList<>();
        Set<String> consulted = new HashSet<>(Set.of("alert_context", "recent_changes", "related_alerts"));
        for (Observation o : observations) {
            consulted.add(o.source());
            all.add(o.withId(o.source() + "-" + (all.size() + 1)));
        }
        Alert alert = new Alert("alertmanager", "ServiceErrors", "web is failing", null, Severity.CRITICAL, "web",
                Map.of("namespace", "shop", "deployment", "web"), Map.of(), Map.of(), START, "fp", null);
        Subject subject = new Subject("inq-test", alert, Symptom.UNKNOWN, new Target("shop", "web", "web", null, null, null));
        return diagnosis.diagnose(new Case(subject, all, consulted), new RunStats(5, 5, 0, 10));
    }

    private static Observation pod(String name) {
        return Observation.of("kubernetes", Signal.POD_STATUS, "pod/shop/" + name).at(START.minusSeconds(86_400))
                .attr("pod", name).attr("namespace", "shop").attr("phase", "Running").attr("ready", "true")
                .attr("readySince", START.minusSeconds(86_400).toString()).text("pod " + name + " Running, Ready");
    }

    private static Observation log(String signature, String sample, String target, int count) {
        return Observation.of("logs", Signal.LOG_SIGNATURE, "logs/web").at(START.minusSeconds(300)).attr("signature", signature)
                .attr("sample", sample).attr("count", count).attr("relative", "5 min before the alert").attr("target", target)
                .text(count + " log lines: " + sample);
    }

    private static Observation clusterDns(boolean healthy) {
        String where = "the cluster DNS (pods k8s-app=kube-dns in kube-system, Service kube-dns 10.96.0.10)";
        return Observation.of("kubernetes", Signal.CLUSTER_DNS, "dns/kube-system/kube-dns").at(healthy ? null : START.minusSeconds(1200))
                .attr("namespace", "kube-system").attr("selector", "k8s-app=kube-dns").attr("service", "kube-dns")
                .attr("serviceIP", "10.96.0.10").attr("healthy", healthy).attr("pods", "coredns-6f8d9c7b5-k2x9p, coredns-6f8d9c7b5-w4m7t")
                .attr("logLine", healthy ? null : "[FATAL] plugin/loop: Loop (127.0.0.1:51234 -> :53) detected for zone \".\"")
                .text(healthy ? where + " is healthy: 2 of 2 pods Ready, no recent restarts"
                        : where + " is failing: 0 of 2 pods Ready; coredns-6f8d9c7b5-k2x9p: not Ready, coredns waiting CrashLoopBackOff");
    }
}
