package io.inquest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.inquest.events.Topics;

/**
 * The compose file and the Kubernetes manifests, read and checked against the code: ports,
 * probes, images, topic names, and that every environment key is one the services read and
 * every key they need is set. Their schemas are checked in {@code io.inquest.e2e.deploy}: the Kubernetes
 * objects as Kustomize renders them against the Kubernetes, Strimzi and CloudNativePG types
 * ({@code KubernetesManifestsTest}), the compose file against the Compose Specification ({@code ComposeFileTest}).
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of(System.getProperty("inquest.repo.root", "..")).toAbsolutePath().normalize();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "gateway", List.of("KAFKA_BOOTSTRAP_SERVERS", "INQUEST_INVESTIGATION_SERVICE_URL", "INQUEST_NOTIFICATION_SERVICE_URL",
                    "INQUEST_SERVICE_TOKEN"),
            "investigation-service", List.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                    "INQUEST_SERVICE_TOKEN"),
            "notification-service", List.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                    "SMTP_HOST", "SMTP_FROM_ADDRESS", "INQUEST_SERVICE_TOKEN"));
    private static final List<String> GATEWAY_CREDENTIALS = List.of("INQUEST_WEBHOOK_TOKEN", "INQUEST_GRAFANA_HMAC_SECRET",
            "INQUEST_PAGERDUTY_ROUTING_KEY");

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "investigation-service", "notification-service"})
    void composeBuildsEachServiceOnItsPortWithEveryKeyItNeedsAndOnlyKeysItReads(String service) throws IOException {
        JsonNode compose = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());
        JsonNode definition = compose.path("services").path(service);
        int port = httpPort(service);

        assertThat(definition.path("build").path("dockerfile").asText()).isEqualTo("deploy/docker/Dockerfile.jvm");
        assertThat(definition.path("build").path("args").path("SERVICE").asText()).isEqualTo(service);
        assertThat(definition.path("build").path("args").path("PORT").asText()).isEqualTo(String.valueOf(port));
        if (service.equals("gateway")) {
            assertThat(texts(definition.path("ports"))).contains(port + ":" + port);
        } else {
            // Reached by the gateway (and Prometheus) over the compose network only: the host gets no port to them.
            assertThat(definition.path("ports").isMissingNode()).as(service + " publishes no port on the host").isTrue();
        }

        Set<String> env = fieldNames(definition.path("environment"));
        assertThat(env).containsAll(REQUIRED.get(service));
        if (service.equals("gateway")) {
            assertThat(env).containsAnyElementsOf(GATEWAY_CREDENTIALS);
        }
        assertThat(env).allSatisfy(key -> assertThat(readBy(service, key)).as(key + " is read by " + service).isTrue());
        assertThat(Files.isRegularFile(ROOT.resolve("deploy/docker/Dockerfile.jvm"))).isTrue();
    }

    @Test
    void composeDependsOnHealthyInfrastructureAndTheKafkaAddressMatches() throws IOException {
        JsonNode services = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile()).path("services");
        for (String infra : List.of("kafka", "postgres", "mailpit")) {
            assertThat(services.path(infra).path("healthcheck").isMissingNode()).as(infra + " has a health check").isFalse();
        }
        assertThat(services.path("notification-service").path("depends_on").path("mailpit").path("condition").asText())
                .isEqualTo("service_healthy");
        assertThat(services.path("kafka").path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText())
                .contains(services.path("gateway").path("environment").path("KAFKA_BOOTSTRAP_SERVERS").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "investigation-service", "notification-service"})
    void eachKubernetesDeploymentListensProbesAndIsServedOnItsPort(String service) throws IOException {
        List<JsonNode> docs = documents(ROOT.resolve("deploy/k8s/base/" + service + ".yaml"));
        JsonNode deployment = kind(docs, "Deployment");
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        int port = httpPort(service);

        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(port);
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(deployment.path("spec").path("template").path("spec").path("securityContext").path("runAsNonRoot").asBoolean())
                .isTrue();
        assertThat(container.path("resources").path("limits").path("memory").isMissingNode()).isFalse();
        assertThat(kind(docs, "Service").path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(port);
        assertThat(kind(docs, "PodDisruptionBudget").isMissingNode()).isFalse();
        if (!service.equals("gateway")) {
            assertThat(kind(docs, "HorizontalPodAutoscaler").path("spec").path("scaleTargetRef").path("name").asText())
                    .isEqualTo(service);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "investigation-service", "notification-service"})
    void kubernetesSetsEveryKeyAServiceNeedsAndOnlyKeysItReads(String service) throws IOException {
        JsonNode container = kind(documents(ROOT.resolve("deploy/k8s/base/" + service + ".yaml")), "Deployment")
                .path("spec").path("template").path("spec").path("containers").get(0);
        Set<String> configMap = fieldNames(kind(documents(ROOT.resolve("deploy/k8s/base/config.yaml")), "ConfigMap").path("data"));
        Set<String> secret = fieldNames(kind(documents(ROOT.resolve("deploy/k8s/base/secret.template.yaml")), "Secret")
                .path("stringData"));
        Set<String> explicit = new HashSet<>();
        for (JsonNode env : container.path("env")) {
            explicit.add(env.path("name").asText());
        }
        // ConfigMap keys that a deployment maps onto another name (each service's own database URL).
        Set<String> referenced = new HashSet<>();
        for (String any : REQUIRED.keySet()) {
            for (JsonNode env : kind(documents(ROOT.resolve("deploy/k8s/base/" + any + ".yaml")), "Deployment")
                    .path("spec").path("template").path("spec").path("containers").get(0).path("env")) {
                JsonNode ref = env.path("valueFrom").path("configMapKeyRef").path("key");
                if (!ref.isMissingNode()) {
                    referenced.add(ref.asText());
                    assertThat(configMap).as("the ConfigMap has " + ref.asText()).contains(ref.asText());
                }
            }
        }
        Set<String> all = new HashSet<>(explicit);
        all.addAll(configMap);
        all.addAll(secret);
        assertThat(all).containsAll(REQUIRED.get(service));
        if (service.equals("gateway")) {
            assertThat(secret).containsAll(GATEWAY_CREDENTIALS);
        }
        Set<String> meant = new HashSet<>(explicit);
        meant.addAll(secret);
        configMap.stream().filter(k -> !referenced.contains(k)).forEach(meant::add);
        // Keys for another service are harmless (envFrom hands every pod the whole ConfigMap) but must be read by one.
        assertThat(meant).allSatisfy(key -> assertThat(readBy("gateway", key) || readBy("investigation-service", key)
                || readBy("notification-service", key)).as(key + " is read by a service").isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"investigation-service", "notification-service"})
    void aNetworkPolicyLetsOnlyTheGatewayAndPrometheusReachAnInternalService(String service) throws IOException {
        Path file = ROOT.resolve("deploy/k8s/base/network-policies.yaml");
        JsonNode policy = documents(file).stream()
                .filter(d -> "NetworkPolicy".equals(d.path("kind").asText()))
                .filter(d -> service.equals(d.path("spec").path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no NetworkPolicy selects " + service));
        assertThat(texts(policy.path("spec").path("policyTypes"))).contains("Ingress");
        JsonNode rules = policy.path("spec").path("ingress");
        assertThat(rules.size()).as("ingress rules").isPositive();
        Set<String> peers = new HashSet<>();
        for (JsonNode rule : rules) {
            assertThat(rule.path("from").size()).as("a rule without 'from' admits everyone").isPositive();
            assertThat(rule.path("ports").size()).as("a rule without 'ports' admits every port").isPositive();
            for (JsonNode port : rule.path("ports")) {
                assertThat(port.path("port").asText()).isIn("http", String.valueOf(httpPort(service)));
            }
            for (JsonNode from : rule.path("from")) {
                assertThat(from.has("ipBlock")).as("no address ranges").isFalse();
                String pod = from.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText();
                assertThat(pod).as("each peer is a pod selected by name").isNotEmpty();
                if (from.has("namespaceSelector")) {
                    assertThat(pod).as("only Prometheus may come from another namespace").isEqualTo("prometheus");
                    assertThat(from.path("namespaceSelector").path("matchLabels").size()).as("a named namespace").isPositive();
                }
                peers.add(pod);
            }
        }
        assertThat(peers).containsExactlyInAnyOrder("gateway", "prometheus");
        assertThat(texts(YAML.readTree(ROOT.resolve("deploy/k8s/base/kustomization.yaml").toFile()).path("resources")))
                .contains("network-policies.yaml");
    }

    @Test
    void everyTopicTheServicesUseIsDeclaredForStrimzi() throws IOException {
        Set<String> declared = new HashSet<>();
        for (JsonNode doc : documents(ROOT.resolve("deploy/k8s/base/kafka.yaml"))) {
            if ("KafkaTopic".equals(doc.path("kind").asText())) {
                declared.add(doc.path("metadata").path("name").asText());
            }
        }
        Set<String> used = new HashSet<>(List.of(Topics.INVESTIGATION_REQUESTS, Topics.INVESTIGATION_PROGRESS,
                Topics.INVESTIGATION_COMPLETIONS, Topics.NOTIFICATION_EVENTS, Topics.CHANGE_EVENTS));
        for (String service : REQUIRED.keySet()) {
            properties(service).forEach((key, value) -> {
                String name = key.toString();
                if (name.startsWith("mp.messaging.") && (name.endsWith(".topic") || name.endsWith(".dead-letter-queue.topic"))) {
                    used.add(value.toString());
                }
            });
        }
        assertThat(declared).containsAll(used);
    }

    /** Whether a service reads an environment key: a property of its application.properties, or one the README documents for it. */
    private static boolean readBy(String service, String envKey) {
        Set<String> known = new HashSet<>();
        properties(service).keySet().forEach(k -> known.add(envName(k.toString())));
        known.addAll(documentedKeys(service));
        return known.contains(envKey) || quarkusKey(envKey);
    }

    /** Quarkus reads its own keys (datasource credentials, HTTP port) whether or not application.properties sets them. */
    private static boolean quarkusKey(String envKey) {
        return List.of("QUARKUS_HTTP_PORT", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD").contains(envKey);
    }

    private static Set<String> documentedKeys(String service) {
        String readme;
        try {
            readme = Files.readString(ROOT.resolve("README.md"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int start = readme.indexOf("**" + service + "** (port");
        int end = readme.indexOf("\n**", start + 4);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Set<String> keys = new HashSet<>();
        Matcher matcher = Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(section);
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        return keys;
    }

    private static int httpPort(String service) {
        return Integer.parseInt(properties(service).getProperty("quarkus.http.port"));
    }

    private static Properties properties(String service) {
        try {
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(ROOT.resolve(service + "/src/main/resources/application.properties"))));
            return properties;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String envName(String property) {
        String plain = property.startsWith("%") ? property.substring(property.indexOf('.') + 1) : property;
        return plain.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        return docs;
    }

    private static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

}
