package io.inquest.bench.rca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** The stand-in as the investigation-service's fabric8 client sees it, over HTTP. */
class KubernetesStandInTest {

    private static final String OOM_POD = "checkout-api-7d9f8b6c5d-x2kqp";
    private static final String HEALTHY_POD = "checkout-api-7d9f8b6c5d-m7tzr";
    private static final String CRASHING_POD = "payments-api-6b7c8d9f4d-7nqzt";

    private static KubernetesStandIn standIn;
    private static KubernetesClient client;
    private final List<String> warnings = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        standIn = KubernetesStandIn.start();
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(standIn.url()).withNamespace("default")
                .withRequestRetryBackoffLimit(0).build();
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        standIn.close();
    }

    @BeforeEach
    void serveTheOomScenario() throws Exception {
        serve("oom/checkout-api-heap");
    }

    @Test
    void podsAreServedWithTheirStatusAndTimestampsAsWritten() {
        List<Pod> pods = client.pods().inNamespace("shop").withLabel("app", "checkout-api").list().getItems();

        assertThat(pods).extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder(OOM_POD, HEALTHY_POD);
        Pod oom = client.pods().inNamespace("shop").withName(OOM_POD).get();
        assertThat(oom.getMetadata().getCreationTimestamp()).isEqualTo("2026-05-11T08:05:20Z");
        assertThat(oom.getMetadata().getUid()).isEqualTo("3e9b6f0d-2c4a-4d7e-8f15-a0b9c8d7e6f5");
        ContainerStatus status = oom.getStatus().getContainerStatuses().get(0);
        assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("OOMKilled");
        assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(status.getRestartCount()).isEqualTo(3);
        assertThat(warnings).isEmpty();
    }

    @Test
    void eventsAnswerFieldSelectorsOnBothEventApis() {
        List<Event> forPod = client.v1().events().inNamespace("shop").withField("involvedObject.name", OOM_POD).list().getItems();
        List<Event> backOffs = client.v1().events().inNamespace("shop").withField("reason", "BackOff").list().getItems();
        var newApi = client.events().v1().events().inNamespace("shop").list().getItems();

        assertThat(forPod).extracting(Event::getReason).containsExactlyInAnyOrder("BackOff", "Pulled", "Started");
        assertThat(backOffs).singleElement().satisfies(e -> assertThat(e.getCount()).isEqualTo(4));
        assertThat(newApi).extracting(e -> e.getRegarding().getName()).containsOnly(OOM_POD).hasSize(3);
    }

    @Test
    void deploymentsAndClusterScopedNodesAreServed() {
        Deployment deployment = client.apps().deployments().inNamespace("shop").withName("checkout-api").get();

        assertThat(deployment.getStatus().getUnavailableReplicas()).isEqualTo(1);
        assertThat(client.nodes().list().getItems()).singleElement()
                .satisfies(n -> assertThat(n.getMetadata().getName()).isEqualTo("ip-10-0-1-23.eu-west-1.compute.internal"));
    }

    @Test
    void previousLogIsTheOomKilledInstanceAndCurrentOneTheRestartedInstance() {
        String previous = client.pods().inNamespace("shop").withName(OOM_POD).inContainer("checkout-api").terminated().getLog();
        String current = client.pods().inNamespace("shop").withName(OOM_POD).getLog();

        assertThat(previous).contains("Pause Full (G1 Compaction Pause) 498M->496M(512M)").doesNotContain("Started CheckoutApplication");
        assertThat(current).contains("Started CheckoutApplication in 11.2 seconds").doesNotContain("G1 Compaction Pause")
                .as("a line shipped without a pod goes to the workload's pods").contains("payments-api answered slowly");
    }

    @Test
    void previousLogOfAContainerThatNeverRestartedIsABadRequestLikeTheRealApi() {
        assertThatThrownBy(() -> client.pods().inNamespace("shop").withName(HEALTHY_POD).terminated().getLog())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("previous terminated container \"checkout-api\" in pod \"" + HEALTHY_POD
                            + "\" not found");
                });
    }

    @Test
    void timestampsTailAndSinceTimeFollowTheKubelet() {
        String tail = client.pods().inNamespace("shop").withName(HEALTHY_POD).usingTimestamps().tailingLines(2).getLog();
        String since = client.pods().inNamespace("shop").withName(HEALTHY_POD).sinceTime("2026-05-12T09:58:00Z").getLog();

        assertThat(tail.lines()).hasSize(2).first().asString()
                .startsWith("2026-05-12T09:59:30.000000000Z {\"level\":\"INFO\"");
        assertThat(since.lines()).as("lines at or after 09:58:00").hasSize(3);
    }

    @Test
    void crashLoopingContainerShowsItsLastRunAndAPodOfTwoContainersNeedsOneNamed() throws Exception {
        serve("crashloop/payments-api-missing-env");

        String current = client.pods().inNamespace("payments").withName(CRASHING_POD).inContainer("payments-api").getLog();
        String sidecar = client.pods().inNamespace("payments").withName(CRASHING_POD).inContainer("istio-proxy").getLog();

        assertThat(current).contains("Could not resolve placeholder 'PAYMENTS_DB_URL'").contains("APPLICATION FAILED TO START");
        assertThat(sidecar).contains("Envoy proxy is ready").doesNotContain("PAYMENTS_DB_URL");
        assertThatThrownBy(() -> client.pods().inNamespace("payments").withName(CRASHING_POD).getLog())
                .hasMessageContaining("a container name must be specified for pod " + CRASHING_POD
                        + ", choose one of: [payments-api istio-proxy]");
    }

    @Test
    void unscheduledPodHasAnEmptyLogAndListsComeFromAKubectlListDocument() throws Exception {
        serve("pending/search-indexer-insufficient-cpu");

        List<Pod> pending = client.pods().inNamespace("search").withField("status.phase", "Pending").list().getItems();

        assertThat(pending).singleElement().satisfies(p -> assertThat(p.getStatus().getConditions().get(0).getReason())
                .isEqualTo("Unschedulable"));
        assertThat(client.pods().inNamespace("search").withName(pending.get(0).getMetadata().getName()).getLog()).isEmpty();
        assertThat(client.nodes().list().getItems()).hasSize(3);
    }

    @Test
    void anotherScenarioReplacesEverythingAndTheRequestsAreCounted() throws Exception {
        client.pods().inNamespace("shop").withName(OOM_POD).getLog();
        assertThat(standIn.requestCounts()).containsEntry("GET /api/v1/namespaces/shop/pods/" + OOM_POD + "/log", 1);

        serve("crashloop/payments-api-missing-env");

        assertThat(client.pods().inNamespace("shop").list().getItems()).isEmpty();
        assertThat(client.nodes().list().getItems()).isEmpty();
        assertThat(standIn.requestCounts()).doesNotContainKey("GET /api/v1/namespaces/shop/pods/" + OOM_POD + "/log")
                .containsEntry("GET /api/v1/namespaces/shop/pods", 1);
    }

    private void serve(String scenario) throws URISyntaxException {
        Path dir = Path.of(getClass().getResource("/rca-scenarios/" + scenario).toURI());
        Path logs = dir.resolve("logs.jsonl");
        standIn.serve(ClusterSnapshot.read(dir.resolve("kubernetes.yaml"), warnings::add),
                Files.exists(logs) ? PodLogs.read(logs, warnings::add) : PodLogs.none());
    }
}
