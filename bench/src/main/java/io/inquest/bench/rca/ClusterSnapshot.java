package io.inquest.bench.rca;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The objects of a scenario's {@code kubernetes.yaml} (multi-document YAML as
 * {@code kubectl get -o yaml} prints it, {@code List} documents included), each with the API
 * path it is served under. Objects are kept exactly as written: status, timestamps, uids and
 * resource versions. A kind the Kubernetes model does not know (a custom resource) is left out
 * with a warning, as is a document that is not an object with apiVersion, kind and name.
 * <p>
 * Events are served under both Event APIs, as a real API server does: a core/v1 Event also as
 * events.k8s.io/v1, and the other way round.
 */
final class ClusterSnapshot {

    /** One object: its collection path (e.g. {@code /api/v1/namespaces/shop/pods}), and the fields a field selector can name. */
    record StoredObject(String collectionPath, ObjectNode object, Map<String, String> selectableFields) {

        String kind() {
            return object.path("kind").asText();
        }

        String namespace() {
            return object.path("metadata").path("namespace").asText("");
        }

        String name() {
            return object.path("metadata").path("name").asText();
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper();
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
    private static final String DEFAULT_NAMESPACE = "default";

    private final List<StoredObject> objects;

    private ClusterSnapshot(List<StoredObject> objects) {
        this.objects = List.copyOf(objects);
    }

    static ClusterSnapshot empty() {
        return new ClusterSnapshot(List.of());
    }

    static ClusterSnapshot read(Path yaml, Consumer<String> warnings) {
        List<JsonNode> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(yaml, StandardCharsets.UTF_8)) {
            // SnakeYAML itself, not Jackson's YAML parser: it resolves anchors and aliases (&id001 / *id001),
            // which YAML written by tools other than kubectl (PyYAML's dump) uses for repeated maps.
            for (Object doc : documents().loadAll(reader)) {
                if (doc != null) {
                    documents.add(YAML.valueToTree(doc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + yaml, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(yaml + " is not valid YAML: " + e.getMessage(), e);
        }
        return of(documents, warnings);
    }

    /** A YAML loader that keeps timestamps and other scalars Kubernetes writes unquoted as strings. */
    private static Yaml documents() {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(64 * 1024 * 1024);
        loader.setMaxAliasesForCollections(1_000);
        Resolver resolver = new Resolver() {
            @Override
            public void addImplicitResolver(Tag tag, java.util.regex.Pattern regexp, String first, int limit) {
                if (!Tag.TIMESTAMP.equals(tag)) {
                    super.addImplicitResolver(tag, regexp, first, limit);
                }
            }
        };
        return new Yaml(new SafeConstructor(loader), new Representer(new DumperOptions()), new DumperOptions(), loader, resolver);
    }

    static ClusterSnapshot of(List<JsonNode> documents, Consumer<String> warnings) {
        List<StoredObject> stored = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode document : documents) {
            for (ObjectNode object : flatten(document, warnings)) {
                toStored(object, warnings).ifPresent(o -> {
                    add(stored, seen, o, warnings);
                    alternateEvent(o).ifPresent(alternate -> add(stored, seen, alternate, s -> { }));
                });
            }
        }
        return new ClusterSnapshot(stored);
    }

    List<StoredObject> objects() {
        return objects;
    }

    List<ObjectNode> pods() {
        return objects.stream().filter(o -> o.collectionPath().startsWith("/api/v1/") && o.kind().equals("Pod"))
                .map(StoredObject::object).toList();
    }

    Optional<ObjectNode> pod(String namespace, String name) {
        return objects.stream().filter(o -> o.collectionPath().equals("/api/v1/namespaces/" + namespace + "/pods")
                && o.name().equals(name)).map(StoredObject::object).findFirst();
    }

    private static void add(List<StoredObject> stored, Set<String> seen, StoredObject object, Consumer<String> warnings) {
        if (seen.add(object.collectionPath() + "/" + object.name())) {
            stored.add(object);
        } else {
            warnings.accept("kubernetes.yaml: " + object.kind() + " " + object.namespace() + "/" + object.name()
                    + " appears twice; the first one is served");
        }
    }

    /** A {@code List} (or {@code PodList}, ...) document gives its items; anything but an object is left out. */
    private static List<ObjectNode> flatten(JsonNode document, Consumer<String> warnings) {
        if (!document.isObject()) {
            warnings.accept("kubernetes.yaml: a document that is not an object is ignored: " + abbreviate(document.toString()));
            return List.of();
        }
        JsonNode items = document.get("items");
        if (document.path("kind").asText().endsWith("List") && items instanceof ArrayNode list) {
            List<ObjectNode> flat = new ArrayList<>();
            for (JsonNode item : list) {
                flat.addAll(flatten(item, warnings));
            }
            return flat;
        }
        return List.of((ObjectNode) document);
    }

    private static Optional<StoredObject> toStored(ObjectNode object, Consumer<String> warnings) {
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        String name = object.path("metadata").path("name").asText("");
        if (apiVersion.isBlank() || kind.isBlank() || name.isBlank()) {
            warnings.accept("kubernetes.yaml: an object without apiVersion, kind or metadata.name is ignored: "
                    + abbreviate(object.toString()));
            return Optional.empty();
        }
        Class<? extends KubernetesResource> type = KUBERNETES.getRegisteredKubernetesResource(apiVersion, kind);
        if (type == null || !HasMetadata.class.isAssignableFrom(type)) {
            warnings.accept("kubernetes.yaml: " + kind + " (" + apiVersion + ") is not a kind the mock API server knows; "
                    + name + " is ignored");
            return Optional.empty();
        }
        String plural = HasMetadata.getPlural(type);
        String prefix = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
        String collection;
        if (Namespaced.class.isAssignableFrom(type)) {
            ObjectNode metadata = (ObjectNode) object.get("metadata");
            if (metadata.path("namespace").asText("").isBlank()) {
                // kubectl would create it in the context's namespace; the mock has one: default.
                metadata.put("namespace", DEFAULT_NAMESPACE);
            }
            collection = prefix + "/namespaces/" + metadata.get("namespace").asText() + "/" + plural;
        } else {
            collection = prefix + "/" + plural;
        }
        return Optional.of(new StoredObject(collection, object, selectableFields(apiVersion, kind, object)));
    }

    /** The fields the real API server accepts in a {@code fieldSelector} for these kinds, with their values. */
    private static Map<String, String> selectableFields(String apiVersion, String kind, ObjectNode o) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (kind.equals("Event") && apiVersion.equals("v1")) {
            for (String field : List.of("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath")) {
                put(fields, "involvedObject." + field, o.path("involvedObject").path(field));
            }
            put(fields, "reason", o.path("reason"));
            put(fields, "reportingComponent", o.path("reportingComponent"));
            put(fields, "source", o.path("source").path("component"));
            put(fields, "type", o.path("type"));
        } else if (kind.equals("Event")) {
            for (String field : List.of("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath")) {
                put(fields, "regarding." + field, o.path("regarding").path(field));
            }
            put(fields, "reason", o.path("reason"));
            put(fields, "reportingController", o.path("reportingController"));
            put(fields, "type", o.path("type"));
        } else if (kind.equals("Pod")) {
            put(fields, "spec.nodeName", o.path("spec").path("nodeName"));
            put(fields, "spec.restartPolicy", o.path("spec").path("restartPolicy"));
            put(fields, "spec.schedulerName", o.path("spec").path("schedulerName"));
            put(fields, "spec.serviceAccountName", o.path("spec").path("serviceAccountName"));
            put(fields, "status.phase", o.path("status").path("phase"));
            put(fields, "status.podIP", o.path("status").path("podIP"));
            put(fields, "status.nominatedNodeName", o.path("status").path("nominatedNodeName"));
        } else if (kind.equals("Node")) {
            put(fields, "spec.unschedulable", o.path("spec").path("unschedulable").isMissingNode()
                    ? YAML.getNodeFactory().textNode("false") : o.path("spec").path("unschedulable"));
        } else if (kind.equals("ReplicaSet") || kind.equals("ReplicationController")) {
            put(fields, "status.replicas", o.path("status").path("replicas"));
        }
        return fields;
    }

    private static void put(Map<String, String> fields, String name, JsonNode value) {
        if (value.isValueNode() && !value.isNull()) {
            fields.put(name, value.asText());
        }
    }

    /** The same Event as the other Event API presents it (core/v1 and events.k8s.io/v1 are two views of one object). */
    private static Optional<StoredObject> alternateEvent(StoredObject stored) {
        ObjectNode e = stored.object();
        String apiVersion = e.path("apiVersion").asText();
        if (!stored.kind().equals("Event")) {
            return Optional.empty();
        }
        ObjectNode other = YAML.createObjectNode();
        if (apiVersion.equals("v1")) {
            other.put("apiVersion", "events.k8s.io/v1").put("kind", "Event").set("metadata", e.get("metadata").deepCopy());
            copy(e, "eventTime", other, "eventTime");
            copy(e, "series", other, "series");
            copy(e, "reportingComponent", other, "reportingController");
            copy(e, "reportingInstance", other, "reportingInstance");
            copy(e, "action", other, "action");
            copy(e, "reason", other, "reason");
            copy(e, "involvedObject", other, "regarding");
            copy(e, "related", other, "related");
            copy(e, "message", other, "note");
            copy(e, "type", other, "type");
            copy(e, "source", other, "deprecatedSource");
            copy(e, "firstTimestamp", other, "deprecatedFirstTimestamp");
            copy(e, "lastTimestamp", other, "deprecatedLastTimestamp");
            copy(e, "count", other, "deprecatedCount");
            if (!other.has("reportingController") && e.path("source").has("component")) {
                other.set("reportingController", e.path("source").get("component"));
            }
        } else if (apiVersion.equals("events.k8s.io/v1")) {
            other.put("apiVersion", "v1").put("kind", "Event").set("metadata", e.get("metadata").deepCopy());
            copy(e, "regarding", other, "involvedObject");
            copy(e, "reason", other, "reason");
            copy(e, "note", other, "message");
            copy(e, "deprecatedSource", other, "source");
            copy(e, "deprecatedFirstTimestamp", other, "firstTimestamp");
            copy(e, "deprecatedLastTimestamp", other, "lastTimestamp");
            copy(e, "deprecatedCount", other, "count");
            copy(e, "type", other, "type");
            copy(e, "eventTime", other, "eventTime");
            copy(e, "series", other, "series");
            copy(e, "action", other, "action");
            copy(e, "related", other, "related");
            copy(e, "reportingController", other, "reportingComponent");
            copy(e, "reportingInstance", other, "reportingInstance");
        } else {
            return Optional.empty();
        }
        return toStored(other, warning -> { });
    }

    private static void copy(ObjectNode from, String field, ObjectNode to, String as) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(as, value.deepCopy());
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
