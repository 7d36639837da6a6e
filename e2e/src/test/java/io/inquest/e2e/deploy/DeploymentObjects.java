package io.inquest.e2e.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Kubernetes objects read from YAML, each checked against its type by {@link #problems(JsonNode)}. */
final class DeploymentObjects {

    static final Path ROOT = Path.of(System.getProperty("inquest.repo.root", "..")).toAbsolutePath().normalize();
    private static final YAMLMapper YAML = new YAMLMapper();

    private DeploymentObjects() {
    }

    static List<JsonNode> read(Path file) throws IOException {
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            return documents(it);
        }
    }

    static List<JsonNode> read(String yaml) throws IOException {
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            return documents(it);
        }
    }

    static JsonNode tree(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    /** What does not fit the object's type: the Kubernetes or Strimzi Java model, or CloudNativePG's schema. */
    static List<String> problems(JsonNode object) {
        if (object.path("apiVersion").asText().startsWith("postgresql.cnpg.io/")) {
            String name = object.path("kind").asText() + " " + object.path("metadata").path("name").asText();
            return JsonSchemas.problems(JsonSchemas.cloudNativePg(), object).stream().map(p -> name + ": " + p).toList();
        }
        return StrictKubernetesReader.problems(object);
    }

    private static List<JsonNode> documents(MappingIterator<JsonNode> it) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        while (it.hasNext()) {
            JsonNode doc = it.next();
            if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                docs.add(doc);
            }
        }
        return docs;
    }
}
