package io.inquest.e2e.deploy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/**
 * Reads one Kubernetes object into its Java type and lists what does not fit it: the Kubernetes
 * API types of the fabric8 model, Strimzi's {@code kafka.strimzi.io} types of its {@code api}
 * model. Both models keep unknown fields in {@code additionalProperties} instead of failing, so a
 * field is unknown when it lands there; and an object that does not serialise back to what was
 * read had a value of the wrong type coerced (a number given as text, say). CloudNativePG has no
 * Java model: its objects are checked by {@link CloudNativePgSchema}.
 */
final class StrictKubernetesReader {

    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();
    private static final ObjectMapper STRIMZI = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    private static final Map<String, Class<? extends HasMetadata>> STRIMZI_KINDS = Map.of(
            Kafka.RESOURCE_KIND, Kafka.class, KafkaNodePool.RESOURCE_KIND, KafkaNodePool.class,
            KafkaTopic.RESOURCE_KIND, KafkaTopic.class);
    private static final Map<String, List<String>> STRIMZI_VERSIONS = Map.of(
            Kafka.RESOURCE_KIND, Kafka.VERSIONS, KafkaNodePool.RESOURCE_KIND, KafkaNodePool.VERSIONS,
            KafkaTopic.RESOURCE_KIND, KafkaTopic.VERSIONS);

    private StrictKubernetesReader() {
    }

    /** What is wrong with the object against its type; empty when it fits. */
    static List<String> problems(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        String name = kind + " " + object.path("metadata").path("name").asText();
        List<String> problems = new ArrayList<>();
        Object typed;
        try {
            if (apiVersion.startsWith(Kafka.RESOURCE_GROUP + "/")) {
                Class<? extends HasMetadata> type = STRIMZI_KINDS.get(kind);
                if (type == null) {
                    return List.of(name + ": Strimzi has no kind " + kind + " in the model");
                }
                String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
                if (!STRIMZI_VERSIONS.get(kind).contains(version)) {
                    problems.add(name + ": Strimzi serves " + kind + " as " + STRIMZI_VERSIONS.get(kind) + ", not " + version);
                }
                typed = STRIMZI.treeToValue(object, type);
                ObjectNode written = STRIMZI.valueToTree(typed);
                // Strimzi's model writes one apiVersion whatever it read; the version was checked above.
                written.set("apiVersion", object.get("apiVersion"));
                compareRoundTrip(name, object, written, problems);
            } else {
                typed = FABRIC8.unmarshal(FABRIC8.asJson(object), KubernetesResource.class);
                if (typed instanceof GenericKubernetesResource) {
                    return List.of(name + ": no Kubernetes API type " + apiVersion + " " + kind + " in the fabric8 model");
                }
                compareRoundTrip(name, object, FABRIC8.convertValue(typed, JsonNode.class), problems);
            }
        } catch (Exception e) {
            return List.of(name + ": does not read as " + apiVersion + " " + kind + ": " + e.getMessage());
        }
        unknownFields(typed, name, problems, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        return problems;
    }

    /** Every non-empty {@code additionalProperties} in the object graph is a field the type does not have. */
    private static void unknownFields(Object value, String path, List<String> problems, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems, seen));
            return;
        }
        String type = value.getClass().getName();
        if (!type.startsWith("io.fabric8.") && !type.startsWith("io.strimzi.")) {
            return;
        }
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive() || field.getType().isEnum()) {
                    continue;
                }
                Object fieldValue;
                try {
                    field.setAccessible(true);
                    fieldValue = field.get(value);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    continue;
                }
                if (field.getName().equals("additionalProperties") && fieldValue instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> problems.add(path + ": unknown field '" + k + "' in " + value.getClass().getSimpleName()));
                } else {
                    unknownFields(fieldValue, path + "." + field.getName(), problems, seen);
                }
            }
        }
    }

    private static void compareRoundTrip(String path, JsonNode read, JsonNode written, List<String> problems) {
        if (read.equals(written) || read.isNumber() && written.isNumber() && read.decimalValue().compareTo(written.decimalValue()) == 0) {
            return;
        }
        if (written.isMissingNode() && (read.isBoolean() && !read.booleanValue() || read.isNumber() && read.asDouble() == 0)) {
            return; // a default value the model leaves out when it writes (Strimzi's deleteClaim: false)
        }
        if (read instanceof ObjectNode readObject && written instanceof ObjectNode writtenObject) {
            for (Iterator<String> names = readObject.fieldNames(); names.hasNext();) {
                String field = names.next();
                compareRoundTrip(path + "." + field, readObject.get(field), writtenObject.path(field), problems);
            }
            return;
        }
        if (read.isArray() && written.isArray() && read.size() == written.size()) {
            for (int i = 0; i < read.size(); i++) {
                compareRoundTrip(path + "[" + i + "]", read.get(i), written.get(i), problems);
            }
            return;
        }
        problems.add(path + ": " + read + " reads as " + (written.isMissingNode() ? "nothing" : written.toString()));
    }
}
