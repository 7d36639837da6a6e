package io.inquest.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Kubernetes manifests checked, not only read: every object of the base and of each overlay
 * as {@code kustomize build} renders it fits its type (the Kubernetes API types of the fabric8
 * model, Strimzi's types of its {@code api} model, CloudNativePG's schema), and the overlays
 * change what they say they change.
 */
class KubernetesManifestsTest {

    private static final Path K8S = DeploymentObjects.ROOT.resolve("deploy/k8s");
    private static final Map<String, String> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();
    private static Kustomize kustomize;

    @BeforeAll
    static void findKustomize() {
        kustomize = Kustomize.find();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyRenderedObjectFitsItsKubernetesStrimziOrCloudNativePgType(String kustomization) throws Exception {
        List<JsonNode> objects = render(kustomization);

        assertThat(kinds(objects)).as("what %s renders", kustomization).containsAllEntriesOf(Map.of(
                "Deployment", 3L, "Service", 3L, "HorizontalPodAutoscaler", 2L, "PodDisruptionBudget", 3L,
                "NetworkPolicy", 2L, "Kafka", 1L, "KafkaNodePool", 1L, "Cluster", 1L, "Database", 1L, "ConfigMap", 1L));
        List<String> problems = new ArrayList<>();
        objects.forEach(o -> problems.addAll(DeploymentObjects.problems(o)));
        assertThat(problems).as("objects of %s that do not fit their type", kustomization).isEmpty();
    }

    @Test
    void strimziObjectsUseTheV1ApiThatStrimziOneStillServes() throws Exception {
        List<String> versions = render("base").stream().map(o -> o.path("apiVersion").asText())
                .filter(v -> v.startsWith("kafka.strimzi.io/")).toList();

        // v1beta2 is deprecated since Strimzi 0.49 and no longer served by 1.x (its api model 1.2.0 has only v1).
        assertThat(versions).isNotEmpty().containsOnly("kafka.strimzi.io/v1");
    }

    @Test
    void theSecretTemplateOutsideTheKustomizationFitsTheSecretType() throws IOException {
        List<JsonNode> objects = DeploymentObjects.read(K8S.resolve("base/secret.template.yaml"));

        assertThat(objects).extracting(o -> o.path("kind").asText()).containsExactly("Secret");
        assertThat(DeploymentObjects.problems(objects.get(0))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void overlaysPutEverythingInTheirNamespaceWithThePinnedImagesAndTheCommonLabel(String overlay) throws Exception {
        String namespace = overlay.endsWith("dev") ? "inquest-dev" : "inquest";
        for (JsonNode object : render(overlay)) {
            String what = object.path("kind").asText() + " " + object.path("metadata").path("name").asText();
            if (!List.of("ClusterRole", "ClusterRoleBinding").contains(object.path("kind").asText())) {
                assertThat(object.path("metadata").path("namespace").asText()).as("namespace of %s", what).isEqualTo(namespace);
            }
            assertThat(object.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText()).as("label of %s", what)
                    .isEqualTo("inquest");
            for (JsonNode container : object.path("spec").path("template").path("spec").path("containers")) {
                assertThat(container.path("image").asText()).as("image of %s", what).matches("inquest/[a-z-]+:0\\.1\\.0");
            }
        }
    }

    @Test
    void devRunsOneOfEverythingAndProdKeepsTheBasesRedundancy() throws Exception {
        List<JsonNode> dev = render("overlays/dev");
        List<JsonNode> prod = render("overlays/prod");

        assertThat(all(dev, "Deployment", "/spec/replicas")).containsOnly(1);
        assertThat(all(dev, "KafkaNodePool", "/spec/replicas")).containsOnly(1);
        assertThat(all(dev, "KafkaTopic", "/spec/replicas")).containsOnly(1);
        assertThat(all(dev, "Cluster", "/spec/instances")).containsOnly(1);
        assertThat(one(dev, "Kafka", "inquest").at("/spec/kafka/config/min.insync.replicas").asInt()).isEqualTo(1);
        assertThat(one(dev, "ConfigMap", "inquest-config").at("/data/INQUEST_PUBLIC_URL").asText())
                .isEqualTo("http://inquest.dev.example.com");

        assertThat(one(prod, "Deployment", "gateway").at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(all(prod, "HorizontalPodAutoscaler", "/spec/maxReplicas")).containsOnly(12);
        assertThat(all(prod, "KafkaTopic", "/spec/replicas")).containsOnly(3);
        assertThat(all(prod, "Cluster", "/spec/instances")).containsOnly(3);
    }

    @Test
    void aMistypedFieldOrAWrongTypeInAnyOfTheThreeModelsIsReported() throws IOException {
        List<JsonNode> broken = DeploymentObjects.read("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  replica: 2
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      containers: [{name: x, image: x, imagePullPolicy: IfNotPresent, readinessProbe: {httpGet: {path: /, port: 80}, periodSecond: 5}}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: text-port}
                spec: {ports: [{port: "eighty"}]}
                ---
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: typo}
                spec: {partition: 3, replicas: 3}
                ---
                apiVersion: kafka.strimzi.io/v1alpha9
                kind: KafkaNodePool
                metadata: {name: old}
                spec: {replicas: 1, roles: [broker], storage: {type: ephemeral}}
                ---
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: typo}
                spec: {instance: 3, storage: {size: 1Gi}}
                ---
                apiVersion: example.com/v1
                kind: Unheard
                metadata: {name: x}
                ---
                apiVersion: kafka.strimzi.io/v1
                kind: Kafka
                metadata: {name: nested}
                spec:
                  kafka:
                    listeners: [{name: plain, port: 9092, type: internal, tsl: false}]
                """);

        List<String> problems = broken.stream().map(DeploymentObjects::problems).map(p -> String.join("\n", p)).toList();
        assertThat(problems.get(0)).contains("'replica'", "'periodSecond'");
        assertThat(problems.get(1)).contains("Service text-port");
        assertThat(problems.get(2)).contains("'partition'");
        assertThat(problems.get(3)).contains("not v1alpha9");
        assertThat(problems.get(4)).contains("instance");
        assertThat(problems.get(5)).contains("no Kubernetes API type example.com/v1 Unheard");
        assertThat(problems.get(6)).as("a typo deep inside a Strimzi object").contains("'tsl'");
    }

    /** Each kustomization is rendered once for all tests; each test reads its own copy. */
    private static List<JsonNode> render(String kustomization) throws Exception {
        String yaml = RENDERED.get(kustomization);
        if (yaml == null) {
            yaml = kustomize.build(K8S.resolve(kustomization));
            RENDERED.put(kustomization, yaml);
        }
        return DeploymentObjects.read(yaml);
    }

    private static Map<String, Long> kinds(List<JsonNode> objects) {
        return objects.stream().collect(Collectors.groupingBy(o -> o.path("kind").asText(), Collectors.counting()));
    }

    private static List<Integer> all(List<JsonNode> objects, String kind, String pointer) {
        List<Integer> values = objects.stream().filter(o -> kind.equals(o.path("kind").asText())).map(o -> o.at(pointer).asInt(-1))
                .toList();
        assertThat(values).as("%s objects", kind).isNotEmpty();
        return values;
    }

    private static JsonNode one(List<JsonNode> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()))
                .filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }
}
