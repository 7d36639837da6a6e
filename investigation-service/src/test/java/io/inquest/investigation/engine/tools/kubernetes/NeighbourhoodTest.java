package io.inquest.investigation.engine.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.inquest.events.Alert;
import io.inquest.events.Severity;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Symptom;
import io.inquest.investigation.engine.Target;
import io.inquest.investigation.engine.ToolFindings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * What the kubernetes tool reads around the alert's workload, against the fabric8 mock API server
 * in CRUD mode: the cluster DNS, the namespace's other unhealthy workloads and Services without
 * ready endpoints, who holds the capacity a Pending pod lacks, who is charged to a quota that
 * refuses pods, and the cluster autoscaler's events.
 */
@EnableKubernetesMockClient(crud = true)
class NeighbourhoodTest {

    private static final Instant ALERT = Instant.parse("2026-05-12T09:30:00Z");

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void aCrashLoopingCoreDnsIsTheClusterDnsFailingWithItsServiceIpAndTheFatalLineItExitedWith() {
        load("""
                apiVersion: v1
                kind: Service
                metadata: {name: kube-dns, namespace: dns-down, labels: {k8s-app: kube-dns}}
                spec:
                  clusterIP: 10.96.0.10
                  selector: {k8s-app: kube-dns}
                  ports: [{name: dns, port: 53, protocol: UDP}]
                ---
                """ + dnsPod("dns-down", "coredns-6f8d9c7b5-k2x9p", false) + "---\n" + dnsPod("dns-down", "coredns-6f8d9c7b5-w4m7t", true)
                + "---\n" + frontend("web-a"));
        server.expect().get().withPath("/api/v1/namespaces/dns-down/pods/coredns-6f8d9c7b5-k2x9p/log?container=coredns&previous=true&tailLines=20")
                .andReturn(200, ".:53\n[INFO] plugin/reload: Running configuration SHA512 = 5b2c\nCoreDNS-1.11.1\n"
                        + "[FATAL] plugin/loop: Loop (127.0.0.1:51234 -> :53) detected for zone \".\", see https://coredns.io/plugins/loop#troubleshooting\n")
                .always();

        ToolFindings findings = investigate("web-a", "frontend", "dns-down");

        Observation dns = only(findings, Signal.CLUSTER_DNS);
        assertThat(dns.attributes()).containsEntry("healthy", "false").containsEntry("serviceIP", "10.96.0.10")
                .containsEntry("ready", "1").containsEntry("total", "2")
                .containsEntry("logLine", "[FATAL] plugin/loop: Loop (127.0.0.1:51234 -> :53) detected for zone \".\", see "
                        + "https://coredns.io/plugins/loop#troubleshooting");
        assertThat(dns.text()).contains("k8s-app=kube-dns", "Service kube-dns 10.96.0.10",
                "coredns-6f8d9c7b5-k2x9p: not Ready, coredns waiting CrashLoopBackOff, last exit code 1 (Error) 2 min before the alert, 7 restarts")
                .doesNotContain("coredns-6f8d9c7b5-w4m7t:");
        assertThat(findings.summary()).contains("cluster DNS failing");
    }

    @Test
    void readyDnsPodsAreAHealthyClusterDns() {
        load(dnsPod("dns-fine", "coredns-6f8d9c7b5-a1b2c", true) + "---\n" + frontend("web-b"));

        Observation dns = only(investigate("web-b", "frontend", "dns-fine"), Signal.CLUSTER_DNS);

        assertThat(dns.attributes()).containsEntry("healthy", "true").doesNotContainKey("problems");
        assertThat(dns.text()).contains("is healthy: 1 of 1 pods Ready");
    }

    @Test
    void noDnsPodsFoundSaysNothingAboutTheClusterDns() {
        load(frontend("web-c"));

        assertThat(all(investigate("web-c", "frontend", "no-dns-here"), Signal.CLUSTER_DNS)).isEmpty();
    }

    @Test
    void otherUnhealthyWorkloadsOfTheNamespaceAreReportedWithTheirReasonsAndEvents() {
        load(frontend("shop-n") + """
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: cache-0
                  namespace: shop-n
                  ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: cache, uid: u1, controller: true}]
                spec:
                  nodeName: node-a
                  containers: [{name: redis, image: redis:7.2, ports: [{containerPort: 6379}]}]
                status:
                  phase: Running
                  podIP: 10.42.1.17
                  conditions: [{type: Ready, status: "False", lastTransitionTime: "2026-05-12T09:12:00Z"}]
                  containerStatuses:
                  - name: redis
                    ready: false
                    restartCount: 6
                    image: redis:7.2
                    state: {waiting: {reason: CrashLoopBackOff, message: back-off 2m40s restarting failed container}}
                    lastState: {terminated: {exitCode: 1, reason: Error, startedAt: "2026-05-12T09:26:00Z", finishedAt: "2026-05-12T09:26:01Z"}}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: stock-api-5d8f7c6b9-q2w3e
                  namespace: shop-n
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: stock-api-5d8f7c6b9, uid: u2, controller: true}]
                spec:
                  nodeName: node-b
                  containers: [{name: app, image: shop/stock-api:3.2.0, ports: [{containerPort: 8080}]}]
                status:
                  phase: Running
                  podIP: 10.42.2.8
                  conditions: [{type: Ready, status: "False", lastTransitionTime: "2026-05-12T09:20:00Z"}]
                  containerStatuses:
                  - {name: app, ready: false, restartCount: 0, image: shop/stock-api:3.2.0, state: {running: {startedAt: "2026-05-10T08:00:00Z"}}}
                ---
                apiVersion: v1
                kind: Event
                metadata: {name: stock-api-5d8f7c6b9-q2w3e.17f2a, namespace: shop-n}
                involvedObject: {kind: Pod, name: stock-api-5d8f7c6b9-q2w3e, namespace: shop-n}
                reason: Unhealthy
                type: Warning
                message: 'Readiness probe failed: HTTP probe failed with statuscode: 503'
                count: 120
                firstTimestamp: "2026-05-12T09:20:00Z"
                lastTimestamp: "2026-05-12T09:29:30Z"
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: stock-api, namespace: shop-n}
                spec:
                  clusterIP: 10.43.7.21
                  selector: {app: stock-api}
                  ports: [{port: 8080}]
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: stock-api, namespace: shop-n}
                subsets:
                - notReadyAddresses: [{ip: 10.42.2.8, targetRef: {kind: Pod, name: stock-api-5d8f7c6b9-q2w3e, namespace: shop-n}}]
                  ports: [{port: 8080}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: frontend, namespace: shop-n}
                spec:
                  clusterIP: 10.43.7.22
                  selector: {app: frontend}
                  ports: [{port: 80}]
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: frontend, namespace: shop-n}
                subsets:
                - addresses: [{ip: 10.42.3.3}]
                  ports: [{port: 80}]
                """);

        ToolFindings findings = investigate("shop-n", "frontend", "no-dns-here");

        List<Observation> neighbours = all(findings, Signal.NEIGHBOUR);
        assertThat(neighbours).extracting(o -> o.attr("kind") + " " + o.attr("workload"))
                .containsExactlyInAnyOrder("StatefulSet cache", "Deployment stock-api");
        Observation cache = neighbours.stream().filter(o -> o.is("workload", "cache")).findFirst().orElseThrow();
        assertThat(cache.attributes()).containsEntry("ports", "6379").containsEntry("podIPs", "10.42.1.17").containsEntry("ready", "0");
        assertThat(cache.text()).contains("pod cache-0: redis CrashLoopBackOff, last exit code 1 (Error) 3 min before the alert, 6 restarts");
        Observation stock = neighbours.stream().filter(o -> o.is("workload", "stock-api")).findFirst().orElseThrow();
        assertThat(stock.text()).contains("pod stock-api-5d8f7c6b9-q2w3e Running but not Ready", "not Ready since 10 min before the alert",
                "Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503");
        Observation endpoints = only(findings, Signal.SERVICE_ENDPOINTS);
        assertThat(endpoints.attributes()).containsEntry("service", "stock-api").containsEntry("notReady", "1");
        assertThat(endpoints.text()).isEqualTo("no ready endpoints behind Service stock-api in namespace shop-n (10.43.7.21 port 8080):"
                + " selector app=stock-api matches 1 not-ready address(es) (stock-api-5d8f7c6b9-q2w3e)");
    }

    @Test
    void aPodPendingForMemoryNamesTheLargestRequestersOnTheNodesAndTheAutoscalersRefusal() {
        load("""
                apiVersion: v1
                kind: Node
                metadata: {name: batch-node-1}
                status: {conditions: [{type: Ready, status: "True"}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: settle-29100060-h7k2p
                  namespace: ledger-b
                  labels: {app: settle}
                  ownerReferences: [{apiVersion: batch/v1, kind: Job, name: settle-29100060, uid: u3, controller: true}]
                spec:
                  containers: [{name: settle, image: ledger/settle:1.4, resources: {requests: {cpu: "1", memory: 10Gi}}}]
                status:
                  phase: Pending
                  conditions:
                  - {type: PodScheduled, status: "False", reason: Unschedulable, lastTransitionTime: "2026-05-12T09:00:00Z",
                     message: "0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."}
                ---
                apiVersion: v1
                kind: Event
                metadata: {name: settle-29100060-h7k2p.1, namespace: ledger-b}
                involvedObject: {kind: Pod, name: settle-29100060-h7k2p, namespace: ledger-b}
                reason: NotTriggerScaleUp
                type: Normal
                source: {component: cluster-autoscaler}
                message: "pod didn't trigger scale-up: 1 max node group size reached"
                firstTimestamp: "2026-05-12T09:01:00Z"
                lastTimestamp: "2026-05-12T09:28:00Z"
                count: 28
                """);
        String onNode = """
                {"kind":"PodList","apiVersion":"v1","items":[
                 %s, %s,
                 {"metadata":{"name":"node-exporter-x7","namespace":"monitoring","ownerReferences":[{"kind":"DaemonSet","name":"node-exporter","uid":"d1","controller":true}]},
                  "spec":{"nodeName":"batch-node-1","containers":[{"name":"e","image":"prom/node-exporter","resources":{"requests":{"memory":"64Mi"}}}]},
                  "status":{"phase":"Running","startTime":"2026-04-01T00:00:00Z"}}]}
                """.formatted(executor(1), executor(2));
        server.expect().get().withPath("/api/v1/pods?fieldSelector=spec.nodeName%3Dbatch-node-1").andReturn(200, onNode).always();

        ToolFindings findings = investigate("ledger-b", "settle", "no-dns-here");

        List<Observation> holders = all(findings, Signal.CAPACITY_HOLDER);
        assertThat(holders).extracting(o -> o.attr("workload")).containsExactly("etl-exec", "node-exporter");
        assertThat(holders.get(0).attributes()).containsEntry("scope", "nodes").containsEntry("resource", "memory")
                .containsEntry("request", "12Gi").containsEntry("pods", "2").containsEntry("total", "24Gi").containsEntry("namespace", "data");
        assertThat(holders.get(0).text()).isEqualTo("pods of Deployment etl-exec (namespace data) request 12Gi memory each: 2 Running on"
                + " batch-node-1, 24Gi memory in all, the oldest started 42 min before the alert");
        assertThat(all(findings, Signal.EVENT)).anySatisfy(o -> assertThat(o.attributes()).containsEntry("reason", "NotTriggerScaleUp")
                .containsEntry("message", "pod didn't trigger scale-up: 1 max node group size reached"));
    }

    @Test
    void aQuotaThatRefusesPodsNamesTheWorkloadsChargedToItByCountAndAge() {
        StringBuilder objects = new StringBuilder(frontend("media-q")).append("""
                ---
                apiVersion: v1
                kind: Event
                metadata: {name: frontend-7c9d8b6f5.1, namespace: media-q}
                involvedObject: {kind: ReplicaSet, name: frontend-7c9d8b6f5, namespace: media-q}
                reason: FailedCreate
                type: Warning
                message: 'Error creating: pods "frontend-7c9d8b6f5-zz9xq" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=5, limited: pods=5'
                firstTimestamp: "2026-05-12T09:20:00Z"
                lastTimestamp: "2026-05-12T09:29:00Z"
                count: 14
                """);
        for (int i = 0; i < 4; i++) {
            objects.append("---\n").append("""
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: resync-2910%d000-ab%dcd
                      namespace: media-q
                      ownerReferences: [{apiVersion: batch/v1, kind: Job, name: resync-2910%d000, uid: j%d, controller: true}]
                    spec:
                      nodeName: node-a
                      containers: [{name: resync, image: media/resync:2.0}]
                    status: {phase: Running, startTime: "2026-05-1%dT06:00:00Z"}
                    """.formatted(i, i, i, i, i));
        }
        load(objects.toString());

        List<Observation> holders = all(investigate("media-q", "frontend", "no-dns-here"), Signal.CAPACITY_HOLDER);

        assertThat(holders).extracting(o -> o.attr("workload") + " " + o.attr("pods")).containsExactly("resync 4", "frontend 1");
        assertThat(holders.get(0).attributes()).containsEntry("scope", "quota").containsEntry("quota", "pod-count")
                .containsEntry("resource", "pods").containsEntry("kind", "CronJob").containsEntry("phase", "Running");
        assertThat(holders.get(0).text()).isEqualTo("4 pod(s) of CronJob resync Running in namespace media-q, charged to quota pod-count;"
                + " the oldest started 2 days before the alert (2026-05-10T06:00:00Z)");
    }

    @Test
    void theServicesItsEnvNamesAreReadInTheirNamespacesMissingOrNotReady() {
        load("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: fulfil-5b6c7d8e9f-k1l2m
                  namespace: wh-d
                  labels: {app: fulfil}
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: fulfil-5b6c7d8e9f, uid: f2, controller: true}]
                spec:
                  nodeName: node-a
                  containers:
                  - name: app
                    image: wh/fulfil:2.3.1
                    env:
                    - {name: STOCK_URL, value: "http://stock.stock-d.svc.cluster.local:8080/api"}
                    - {name: PAYMENTS_ADDR, value: "pay.pay-d.svc:9090"}
                    - {name: PAYMENTS_TIMEOUT, value: 3s}
                status:
                  phase: Running
                  conditions: [{type: Ready, status: "True", lastTransitionTime: "2026-05-11T10:00:20Z"}]
                  containerStatuses:
                  - {name: app, ready: true, restartCount: 0, image: wh/fulfil:2.3.1, state: {running: {startedAt: "2026-05-11T10:00:05Z"}}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: stock, namespace: stock-d}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: stock}}
                  template:
                    metadata: {labels: {app: stock}}
                    spec: {containers: [{name: app, image: wh/stock:5.0.2}]}
                status:
                  replicas: 1
                  unavailableReplicas: 1
                  conditions:
                  - {type: Available, status: "False", reason: MinimumReplicasUnavailable, message: Deployment does not have minimum availability.}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: stock-7f8e9d6c5-z9y8x
                  namespace: stock-d
                  labels: {app: stock}
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: stock-7f8e9d6c5, uid: s2, controller: true}]
                spec:
                  nodeName: node-b
                  containers: [{name: app, image: wh/stock:5.0.2}]
                status:
                  phase: Running
                  conditions: [{type: Ready, status: "False", lastTransitionTime: "2026-05-12T09:15:00Z"}]
                  containerStatuses:
                  - {name: app, ready: false, restartCount: 0, image: wh/stock:5.0.2, state: {running: {startedAt: "2026-05-10T08:00:00Z"}}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: stock, namespace: stock-d}
                spec:
                  clusterIP: 10.43.9.9
                  selector: {app: stock}
                  ports: [{port: 8080}]
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: stock, namespace: stock-d}
                subsets:
                - notReadyAddresses: [{ip: 10.42.5.5}]
                  ports: [{port: 8080}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: pay, namespace: pay-d}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: pay}}
                  template:
                    metadata: {labels: {app: pay}}
                    spec: {containers: [{name: app, image: wh/pay:1.1.0}]}
                status: {replicas: 1, readyReplicas: 1, availableReplicas: 1}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: pay-6d5c4b3a2-q1w2e
                  namespace: pay-d
                  labels: {app: pay}
                spec:
                  nodeName: node-b
                  containers: [{name: app, image: wh/pay:1.1.0}]
                status:
                  phase: Running
                  conditions: [{type: Ready, status: "True", lastTransitionTime: "2026-05-01T08:00:00Z"}]
                """);

        List<Observation> dependencies = all(investigate("wh-d", "fulfil", "no-dns-here"), Signal.DEPENDENCY);

        assertThat(dependencies).extracting(o -> o.attr("configured"))
                .containsExactly("STOCK_URL=stock.stock-d.svc.cluster.local:8080", "PAYMENTS_ADDR=pay.pay-d.svc:9090");
        Observation stock = dependencies.get(0);
        assertThat(stock.attributes()).containsEntry("serviceFound", "true").containsEntry("readyEndpoints", "0")
                .containsEntry("available", "MinimumReplicasUnavailable").containsEntry("healthy", "false");
        assertThat(stock.text()).isEqualTo("dependency stock.stock-d.svc.cluster.local:8080 (configured as STOCK_URL): Service stock-d/stock"
                + " (10.43.9.9) has 0 ready endpoint(s) and 1 not ready; Deployment stock: 0 of 1 pods Ready, Available=False"
                + " (MinimumReplicasUnavailable); pod stock-7f8e9d6c5-z9y8x Running but not Ready");
        Observation pay = dependencies.get(1);
        assertThat(pay.attributes()).containsEntry("serviceFound", "false").containsEntry("healthy", "false");
        assertThat(pay.text()).startsWith("dependency pay.pay-d.svc:9090 (configured as PAYMENTS_ADDR): no Service pay in namespace pay-d:"
                + " the name cannot resolve (the Service was deleted or never created); Deployment pay: 1 of 1 pods Ready");
    }

    // --- fixtures -----------------------------------------------------------------------------------

    private static String executor(int n) {
        return """
                {"metadata":{"name":"etl-exec-6b7c8d9f5-%d","namespace":"data","ownerReferences":[{"kind":"ReplicaSet","name":"etl-exec-6b7c8d9f5","uid":"r1","controller":true}]},
                 "spec":{"nodeName":"batch-node-1","containers":[{"name":"executor","image":"spark:3.5","resources":{"requests":{"cpu":"1","memory":"12Gi"}}}]},
                 "status":{"phase":"Running","startTime":"2026-05-12T08:48:00Z"}}""".formatted(n);
    }

    private static String dnsPod(String namespace, String name, boolean ready) {
        String state = ready ? "state: {running: {startedAt: \"2026-05-01T00:00:00Z\"}}"
                : "state: {waiting: {reason: CrashLoopBackOff, message: back-off 5m0s restarting failed container=coredns}}\n"
                        + "    lastState: {terminated: {exitCode: 1, reason: Error, startedAt: \"2026-05-12T09:27:59Z\", finishedAt: \"2026-05-12T09:28:00Z\"}}";
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: %s
                  labels: {k8s-app: kube-dns}
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: coredns-6f8d9c7b5, uid: c1, controller: true}]
                spec:
                  nodeName: node-a
                  containers: [{name: coredns, image: registry.k8s.io/coredns/coredns:v1.11.1}]
                status:
                  phase: Running
                  conditions: [{type: Ready, status: "%s", lastTransitionTime: "2026-05-12T09:10:00Z"}]
                  containerStatuses:
                  - name: coredns
                    ready: %s
                    restartCount: %d
                    %s
                """.formatted(name, namespace, ready ? "True" : "False", ready, ready ? 0 : 7, state);
    }

    private static String frontend(String namespace) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: frontend-7c9d8b6f5-p4q5r
                  namespace: %s
                  labels: {app: frontend}
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: frontend-7c9d8b6f5, uid: f1, controller: true}]
                spec:
                  nodeName: node-a
                  containers: [{name: web, image: shop/frontend:8.1.0}]
                status:
                  phase: Running
                  startTime: "2026-05-11T10:00:00Z"
                  conditions: [{type: Ready, status: "True", lastTransitionTime: "2026-05-11T10:00:20Z"}]
                  containerStatuses:
                  - {name: web, ready: true, restartCount: 0, image: shop/frontend:8.1.0, state: {running: {startedAt: "2026-05-11T10:00:05Z"}}}
                """.formatted(namespace);
    }

    private void load(String yaml) {
        for (HasMetadata item : client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items()) {
            client.resource(item).create();
        }
    }

    private ToolFindings investigate(String namespace, String app, String dnsNamespace) {
        KubernetesAccess access = new KubernetesAccess(settings(dnsNamespace), client);
        KubernetesTool tool = new KubernetesTool(access, new WorkloadLocator(access));
        Map<String, String> labels = new HashMap<>(Map.of("namespace", namespace, "app", app));
        Alert alert = new Alert("alertmanager", "ServiceErrors", "summary", null, Severity.CRITICAL, app, labels, Map.of(), Map.of(), ALERT,
                "fp", null);
        Subject subject = new Subject("inq-neighbourhood", alert, Symptom.UNKNOWN, new Target(namespace, app, null, null, null, null));
        return tool.investigate(subject).await().atMost(Duration.ofSeconds(30));
    }

    /** The defaults as the application reads them, with the DNS pods looked up in a namespace of the test's own. */
    private static KubernetesSettings settings(String dnsNamespace) {
        return new SmallRyeConfigBuilder().withMapping(KubernetesSettings.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(Map.of("inquest.sources.kubernetes.enabled", "true",
                        "inquest.sources.kubernetes.cluster-dns.namespace", dnsNamespace), "test", 500))
                .build().getConfigMapping(KubernetesSettings.class);
    }

    private static List<Observation> all(ToolFindings findings, Signal signal) {
        return findings.observations().stream().filter(o -> o.signal() == signal).toList();
    }

    private static Observation only(ToolFindings findings, Signal signal) {
        List<Observation> all = all(findings, signal);
        assertThat(all).as(signal + " observations in " + findings.observations()).hasSize(1);
        return all.get(0);
    }
}
