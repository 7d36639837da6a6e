package io.inquest.investigation.engine.tools.kubernetes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.inquest.infra.quarkus.KafkaResource;
import io.inquest.infra.quarkus.PostgresResource;
import io.inquest.investigation.Requests;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.SourceSettings;
import io.inquest.investigation.engine.ToolFindings;
import io.inquest.investigation.run.InvestigationLifecycleTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The kubernetes tool against the fabric8 mock API server in CRUD mode, loaded with objects as
 * {@code kubectl get -o yaml} prints them (src/test/resources/kubernetes), called directly and
 * inside real investigations.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "investigation_kubernetes_test"))
@TestProfile(KubernetesToolTest.ClusterOn.class)
class KubernetesToolTest {

    public static class ClusterOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.sources.kubernetes.enabled", "true", "inquest.sources.kubernetes.request-timeout", "2s");
        }
    }

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesTool tool;

    @Inject
    SourceSettings sources;

    @Test
    void anOomKilledContainerIsReportedWithItsLimitAndTheRolloutThatHalvedIt() {
        ToolFindings findings = investigate("oom.yaml", "cart", Map.of("namespace", "shop-oom", "deployment", "cart"));

        Observation killed = only(findings, Signal.CONTAINER_TERMINATED);
        assertThat(killed.attributes()).containsEntry("reason", "OOMKilled").containsEntry("exitCode", "137")
                .containsEntry("state", "last").containsEntry("pod", "cart-6b8f9c7d5-q7k2m").containsEntry("container", "app")
                .containsEntry("namespace", "shop-oom").containsEntry("memoryLimit", "256Mi").containsEntry("memoryLimitBytes", "268435456")
                .containsEntry("memoryRequest", "256Mi").containsEntry("cpuLimit", "1").containsEntry("cpuLimitCores", "1")
                .containsEntry("restarts", "4").containsEntry("image", "shop/cart:2.5.0")
                .containsEntry("startedAt", "2026-03-04T09:54:40Z").containsEntry("finishedAt", "2026-03-04T09:56:03Z");
        assertThat(killed.text()).isEqualTo("container app of pod cart-6b8f9c7d5-q7k2m last terminated: OOMKilled (exit code 137)"
                + " at 2026-03-04T09:56:03Z (3 min before the alert); memory limit 256Mi; 4 restarts");

        List<Observation> rollouts = all(findings, Signal.ROLLOUT);
        assertThat(rollouts).extracting(o -> o.attr("replicaSet")).containsExactly("cart-6b8f9c7d5", "cart-5c7d8e9f4");
        assertThat(rollouts.get(0).attributes()).containsEntry("current", "true").containsEntry("revision", "3")
                .containsEntry("deployment", "cart").containsEntry("image", "shop/cart:2.5.0")
                .containsEntry("previousReplicaSet", "cart-5c7d8e9f4").containsEntry("previousImage", "shop/cart:2.4.0")
                .containsEntry("diff", "image shop/cart:2.4.0 -> shop/cart:2.5.0; memory limit 512Mi -> 256Mi; memory request 512Mi -> 256Mi");
        assertThat(rollouts.get(0).at()).hasToString("2026-03-04T09:41:00Z");
        assertThat(rollouts.get(0).text()).contains("revision 3 (ReplicaSet cart-6b8f9c7d5)", "19 min before the alert");
        assertThat(rollouts.get(1).attributes()).containsEntry("current", "false").doesNotContainKey("previousReplicaSet");

        assertThat(all(findings, Signal.POD_STATUS)).extracting(o -> o.attr("pod") + " ready=" + o.attr("ready"))
                .containsExactly("cart-6b8f9c7d5-q7k2m ready=false", "cart-6b8f9c7d5-x4n8p ready=true");
        assertThat(all(findings, Signal.POD_STATUS).get(1).attributes()).containsEntry("readySince", "2026-03-04T09:41:30Z")
                .containsEntry("restarts", "0").containsEntry("node", "worker-oom-1").containsEntry("owner", "ReplicaSet/cart-6b8f9c7d5");
        assertThat(only(findings, Signal.CONTAINER_WAITING).attributes()).containsEntry("reason", "CrashLoopBackOff");
        assertThat(only(findings, Signal.CONTAINER_SPEC).attributes()).containsEntry("memoryLimit", "256Mi").containsEntry("cpuRequest", "250m")
                .containsEntry("livenessProbe", "httpGet :8080/healthz initialDelaySeconds=10 periodSeconds=5 timeoutSeconds=1 failureThreshold=3")
                .containsEntry("env", "DB_PASSWORD from secret/cart-db key password").doesNotContainKey("readinessProbe");
        assertThat(all(findings, Signal.NODE_CONDITION)).hasSize(4).allSatisfy(o -> assertThat(o.attr("healthy")).isEqualTo("true"));
        assertThat(all(findings, Signal.QUOTA_USAGE)).anySatisfy(o -> assertThat(o.attributes()).containsEntry("resource", "limits.memory")
                .containsEntry("used", "3Gi").containsEntry("hard", "8Gi").containsEntry("ratio", "0.375"));
        assertThat(all(findings, Signal.LIMIT_RANGE)).anySatisfy(o -> assertThat(o.attributes()).containsEntry("resource", "memory")
                .containsEntry("max", "2Gi").containsEntry("default", "512Mi").containsEntry("defaultRequest", "256Mi"));
        assertThat(all(findings, Signal.EVENT)).as("Warnings first, another workload's events and plain Started left out")
                .extracting(o -> o.attr("type") + " " + o.attr("reason") + " " + o.attr("name"))
                .containsExactly("Warning BackOff cart-6b8f9c7d5-q7k2m", "Normal ScalingReplicaSet cart");
        assertThat(findings.summary()).contains("deployment shop-oom/cart: 1 of 2 pod(s) Ready", "OOMKilled (exit code 137)",
                "latest rollout: revision 3 (ReplicaSet cart-6b8f9c7d5) 19 min before the alert: image shop/cart:2.4.0 -> shop/cart:2.5.0");
    }

    @Test
    void aCrashLoopAfterADeployShowsTheLastExitAndTheEnvTheRolloutDropped() {
        ToolFindings findings = investigate("crashloop.yaml", "payments", Map.of("namespace", "shop-crash", "app", "payments"));

        Observation waiting = only(findings, Signal.CONTAINER_WAITING);
        assertThat(waiting.attributes()).containsEntry("reason", "CrashLoopBackOff").containsEntry("restarts", "6")
                .containsEntry("pod", "payments-5f7c9d8b6-h2j4k").containsEntry("image", "registry.example.com/shop/payments:3.1.0");
        assertThat(only(findings, Signal.CONTAINER_TERMINATED).attributes()).containsEntry("reason", "Error").containsEntry("exitCode", "1")
                .containsEntry("state", "last");
        Observation rollout = all(findings, Signal.ROLLOUT).get(0);
        assertThat(rollout.attr("diff")).isEqualTo("image registry.example.com/shop/payments:3.0.4 -> registry.example.com/shop/payments:3.1.0;"
                + " env DATABASE_URL removed");
        assertThat(all(findings, Signal.POD_STATUS)).as("the healthy replica of the previous revision is its sibling")
                .extracting(o -> o.attr("pod")).containsExactly("payments-5f7c9d8b6-h2j4k", "payments-7b9d6c5f4-m3n5p");
        assertThat(all(findings, Signal.WORKLOAD_STATUS).get(0).attributes()).containsEntry("progressingReason", "ReplicaSetUpdated")
                .containsEntry("unavailable", "1");
        assertThat(only(findings, Signal.EVENT).attributes()).containsEntry("reason", "BackOff").containsEntry("count", "31");
    }

    @Test
    void anImagePullBackOffIsReportedWithThePullFailureVerbatim() {
        ToolFindings findings = investigate("imagepull.yaml", "search", Map.of("namespace", "shop-img", "deployment", "search"));

        assertThat(only(findings, Signal.CONTAINER_WAITING).attributes()).containsEntry("reason", "ImagePullBackOff")
                .containsEntry("message", "Back-off pulling image \"shop/search:2.0.1-typo\"").containsEntry("image", "shop/search:2.0.1-typo");
        String failed = "Failed to pull image \"shop/search:2.0.1-typo\": rpc error: code = NotFound desc = failed to pull and unpack image"
                + " \"docker.io/shop/search:2.0.1-typo\": failed to resolve reference \"docker.io/shop/search:2.0.1-typo\":"
                + " docker.io/shop/search:2.0.1-typo: not found";
        assertThat(all(findings, Signal.EVENT)).anySatisfy(o -> {
            assertThat(o.attributes()).containsEntry("type", "Warning").containsEntry("reason", "Failed").containsEntry("message", failed)
                    .containsEntry("count", "4").containsEntry("kind", "Pod").containsEntry("name", "search-6d8c7b5f9-p9q8r")
                    .containsEntry("first", "2026-03-04T09:52:03Z").containsEntry("last", "2026-03-04T09:55:40Z");
            assertThat(o.text()).contains("\"" + failed + "\"", "4 min before the alert");
        });
        assertThat(all(findings, Signal.EVENT)).as("the pull failure and the back-off are separate facts")
                .extracting(o -> o.attr("message")).contains("Error: ImagePullBackOff", failed);
        assertThat(all(findings, Signal.ROLLOUT).get(0).attr("diff")).isEqualTo("image shop/search:2.0.0 -> shop/search:2.0.1-typo");
    }

    @Test
    void aPendingPodIsUnschedulableWithTheSchedulersMessage() {
        ToolFindings findings = investigate("pending.yaml", "analytics", Map.of("namespace", "shop-pending", "deployment", "analytics"));

        String message = "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims"
                + " found for incoming pod.";
        Observation unschedulable = only(findings, Signal.POD_UNSCHEDULABLE);
        assertThat(unschedulable.attributes()).containsEntry("reason", "Unschedulable").containsEntry("message", message)
                .containsEntry("pod", "analytics-8c7d6b5f4-w7x8y");
        assertThat(unschedulable.at()).hasToString("2026-03-04T09:50:05Z");
        assertThat(all(findings, Signal.EVENT)).singleElement().satisfies(o -> assertThat(o.attributes())
                .containsEntry("reason", "FailedScheduling").containsEntry("message", message).containsEntry("count", "12"));
        assertThat(only(findings, Signal.POD_STATUS).attributes()).containsEntry("phase", "Pending").doesNotContainKey("node");
        assertThat(only(findings, Signal.CONTAINER_SPEC).attributes()).as("no ReplicaSet: the Deployment's template")
                .containsEntry("cpuRequest", "2").containsEntry("memoryLimit", "4Gi").containsEntry("memoryLimitBytes", "4294967296");
        assertThat(findings.summary()).contains("1 pod(s) unschedulable: " + message);
    }

    @Test
    void aQuotaThatRefusesANewPodShowsTheFailedCreateAndTheQuotasUse() {
        ToolFindings findings = investigate("quota.yaml", "reports", Map.of("namespace", "shop-quota", "deployment", "reports"));

        assertThat(all(findings, Signal.EVENT)).singleElement().satisfies(o -> {
            assertThat(o.attributes()).containsEntry("reason", "FailedCreate").containsEntry("kind", "ReplicaSet")
                    .containsEntry("name", "reports-7f8d9c6b5");
            assertThat(o.attr("message")).isEqualTo("Error creating: pods \"reports-7f8d9c6b5-x8k2m\" is forbidden: exceeded quota:"
                    + " compute-quota, requested: limits.memory=1Gi, used: limits.memory=3584Mi, limited: limits.memory=4Gi");
        });
        assertThat(all(findings, Signal.QUOTA_USAGE)).anySatisfy(o -> assertThat(o.attributes()).containsEntry("quota", "compute-quota")
                .containsEntry("resource", "limits.memory").containsEntry("used", "3584Mi").containsEntry("hard", "4Gi")
                .containsEntry("ratio", "0.875"));
        assertThat(only(findings, Signal.WORKLOAD_STATUS).attributes()).containsEntry("replicaFailureReason", "FailedCreate")
                .containsEntry("unavailable", "1");
        assertThat(findings.summary()).contains("quota compute-quota limits.memory 3584Mi of 4Gi", "Warning events: FailedCreate");
    }

    @Test
    void aNodeNotReadyIsAnUnhealthyConditionWithItsTaintsAndTheNodeControllersEvent() {
        ToolFindings findings = investigate("node-notready.yaml", "inventory", Map.of("namespace", "shop-node", "deployment", "inventory"));

        List<Observation> nodes = all(findings, Signal.NODE_CONDITION);
        assertThat(nodes).extracting(o -> o.attr("node")).containsOnly("worker-nr-1", "worker-nr-2");
        Observation ready = nodes.stream().filter(o -> o.is("node", "worker-nr-2") && o.is("condition", "Ready")).findFirst().orElseThrow();
        assertThat(ready.attributes()).containsEntry("status", "Unknown").containsEntry("reason", "NodeStatusUnknown")
                .containsEntry("message", "Kubelet stopped posting node status.").containsEntry("healthy", "false")
                .containsEntry("taints", "node.kubernetes.io/unreachable:NoExecute, node.kubernetes.io/unreachable:NoSchedule");
        assertThat(ready.text()).contains("node worker-nr-2 Ready=Unknown (NodeStatusUnknown) since 2026-03-04T09:55:05Z (4 min before the alert)",
                "\"Kubelet stopped posting node status.\"");
        assertThat(nodes).filteredOn(o -> o.is("node", "worker-nr-1")).allSatisfy(o -> assertThat(o.attr("healthy")).isEqualTo("true"));
        assertThat(all(findings, Signal.EVENT)).extracting(o -> o.attr("kind") + "/" + o.attr("name") + " " + o.attr("reason"))
                .contains("Node/worker-nr-2 NodeNotReady", "Pod/inventory-6c5d4b3a2-k1l2m NodeNotReady");
        assertThat(findings.summary()).contains("node trouble: worker-nr-2 MemoryPressure=Unknown");
    }

    @Test
    void aStuckRolloutIsProgressDeadlineExceededWithTheNewRevisionsImage() {
        ToolFindings findings = investigate("rollout-stuck.yaml", "checkout", Map.of("namespace", "shop-stuck", "deployment", "checkout"));

        Observation status = only(findings, Signal.WORKLOAD_STATUS);
        assertThat(status.attributes()).containsEntry("kind", "Deployment").containsEntry("name", "checkout").containsEntry("desired", "3")
                .containsEntry("ready", "3").containsEntry("available", "3").containsEntry("unavailable", "1").containsEntry("updated", "1")
                .containsEntry("progressingReason", "ProgressDeadlineExceeded")
                .containsEntry("progressingMessage", "ReplicaSet \"checkout-7c9d8b6f5\" has timed out progressing.")
                .containsEntry("availableStatus", "True");
        assertThat(status.at()).hasToString("2026-03-04T09:50:01Z");
        Observation rollout = all(findings, Signal.ROLLOUT).get(0);
        assertThat(rollout.attributes()).containsEntry("replicaSet", "checkout-7c9d8b6f5").containsEntry("revision", "12")
                .containsEntry("diff", "image shop/checkout:5.1.3 -> shop/checkout:5.2.0").containsEntry("readyReplicas", "0");
        assertThat(all(findings, Signal.EVENT)).anySatisfy(o -> assertThat(o.attributes()).containsEntry("reason", "Unhealthy")
                .containsEntry("message", "Readiness probe failed: HTTP probe failed with statuscode: 503").containsEntry("count", "238"));
        assertThat(only(findings, Signal.CONTAINER_SPEC).attr("readinessProbe"))
                .isEqualTo("httpGet :http/ready initialDelaySeconds=0 periodSeconds=5 timeoutSeconds=1 failureThreshold=3");
        assertThat(findings.summary()).contains("Progressing ProgressDeadlineExceeded");
    }

    @Test
    void aPodTheAlertNamesIsFoundWithItsSiblings() {
        ToolFindings findings = investigate("oom.yaml", null, Map.of("namespace", "shop-oom", "pod", "cart-6b8f9c7d5-x4n8p"));

        assertThat(all(findings, Signal.POD_STATUS)).extracting(o -> o.attr("pod"))
                .containsExactly("cart-6b8f9c7d5-q7k2m", "cart-6b8f9c7d5-x4n8p");
        assertThat(all(findings, Signal.WORKLOAD_STATUS)).singleElement().satisfies(o -> assertThat(o.attr("name")).isEqualTo("cart"));
    }

    @Test
    void podsFoundByTheAlertsAppLabelLeadToTheDeploymentThatOwnsThem() {
        ToolFindings findings = investigate("owner.yaml", "billing-worker", Map.of("namespace", "shop-owner", "app", "billing-worker"));

        assertThat(only(findings, Signal.WORKLOAD_STATUS).attr("name")).isEqualTo("billing");
        assertThat(only(findings, Signal.ROLLOUT).attr("replicaSet")).isEqualTo("billing-5d6f7a8b9");
        assertThat(only(findings, Signal.POD_STATUS).attributes()).containsEntry("pod", "billing-5d6f7a8b9-t7u8v")
                .containsEntry("readySince", "2026-02-01T08:00:20Z");
    }

    @Test
    void aNamespaceWithNothingIsAnAnswerSayingSo() {
        ToolFindings findings = tool.investigate(Cluster.subject(sources, "ghost", Map.of("namespace", "quiet", "deployment", "ghost")))
                .await().atMost(Duration.ofSeconds(30));

        assertThat(findings.observations()).isEmpty();
        assertThat(findings.summary()).isEqualTo("nothing found in namespace quiet for ghost: no Deployment, StatefulSet or pods by that name");
    }

    @Test
    void insideAnInvestigationTheToolsFindingsAreAToolCall() {
        Cluster.load(server.getClient(), "oom.yaml");

        Map<String, Object> called = toolCall(investigate(Map.of("namespace", "shop-oom", "deployment", "cart")), "kubernetes");

        assertThat(called.get("outcome")).isEqualTo("ok");
        assertThat((Integer) called.get("evidenceCount")).isGreaterThan(10);
        assertThat(String.valueOf(called.get("summary"))).contains("OOMKilled (exit code 137)");
    }

    @Test
    void anApiServerThatAnswersGarbageIsAFailedToolCallAndTheRunGoesOn() {
        server.expect().get().withPath("/api/v1/namespaces/garbage/pods").andReturn(200, "<html>502 Bad Gateway</html>").always();

        JsonPath run = investigate(Map.of("namespace", "garbage", "deployment", "cart"));

        assertThat(run.getString("status")).isEqualTo("completed");
        Map<String, Object> called = toolCall(run, "kubernetes");
        assertThat(called.get("outcome")).isEqualTo("error");
        assertThat(String.valueOf(called.get("summary"))).contains("list pods in garbage failed");
    }

    @Test
    void anApiServerSlowerThanTheRequestTimeoutIsAFailedToolCall() {
        server.expect().get().delay(4, TimeUnit.SECONDS).withPath("/api/v1/namespaces/slow/pods")
                .andReturn(200, "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"items\":[]}").always();

        JsonPath run = investigate(Map.of("namespace", "slow", "deployment", "cart"));

        assertThat(run.getString("status")).isEqualTo("completed");
        Map<String, Object> called = toolCall(run, "kubernetes");
        assertThat(called.get("outcome")).isEqualTo("error");
        assertThat(String.valueOf(called.get("summary"))).contains("gave no answer to list pods in slow within 2000 ms");
    }

    private ToolFindings investigate(String fixture, String service, Map<String, String> labels) {
        Cluster.load(server.getClient(), fixture);
        return tool.investigate(Cluster.subject(sources, service, labels)).await().atMost(Duration.ofSeconds(30));
    }

    static JsonPath investigate(Map<String, String> labels) {
        String id = Requests.newId();
        Requests.send(id, Requests.alertJson(id, "KubePodCrashLooping", labels.getOrDefault("deployment", "cart"), Cluster.ALERT_START, labels));
        return InvestigationLifecycleTest.awaitStatus(id, "completed");
    }

    static Map<String, Object> toolCall(JsonPath run, String tool) {
        List<Map<String, Object>> calls = given().get("/investigations/" + run.getString("id") + "/events").then().extract().jsonPath()
                .getList("findAll { it.type == 'io.inquest.investigation.tool-called.v1' }.data");
        return calls.stream().filter(c -> tool.equals(c.get("tool"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + tool + " tool call in " + calls));
    }

    private static List<Observation> all(ToolFindings findings, Signal signal) {
        return findings.observations().stream().filter(o -> o.signal() == signal).toList();
    }

    private static Observation only(ToolFindings findings, Signal signal) {
        List<Observation> all = all(findings, signal);
        assertThat(all).as(signal + " observations").hasSize(1);
        return all.get(0);
    }
}
