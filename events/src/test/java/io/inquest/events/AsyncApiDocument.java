package io.inquest.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * {@code docs/asyncapi.yaml}, read as a subscriber would read it: which channels there are,
 * which messages each carries (told apart by their {@code ce_type}), and the JSON Schemas of a
 * message's data, headers and key. Shared with the e2e tests (events' test-jar), which hold
 * real records from the broker against it.
 */
public final class AsyncApiDocument {

    /** AsyncAPI 3.0's default schema format is a superset of JSON Schema draft 07. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

    private final JsonNode tree;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private AsyncApiDocument(JsonNode tree) {
        this.tree = tree;
    }

    /**
     * The document of this checkout: {@code -Dinquest.asyncapi=<path>} when set (the build sets
     * it), else {@code docs/asyncapi.yaml} above the working directory.
     */
    public static AsyncApiDocument ofThisRepository() {
        String configured = System.getProperty("inquest.asyncapi");
        Path path = configured != null ? Path.of(configured) : locate(Path.of("").toAbsolutePath());
        try {
            return new AsyncApiDocument(new ObjectMapper(new YAMLFactory())
                    .readTree(Files.readString(path, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the AsyncAPI document " + path, e);
        }
    }

    private static Path locate(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/asyncapi.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no docs/asyncapi.yaml above " + from + "; set -Dinquest.asyncapi");
    }

    public JsonNode tree() {
        return tree;
    }

    /** Topic name → channel id. */
    public Map<String, String> channelsByAddress() {
        Map<String, String> byAddress = new LinkedHashMap<>();
        tree.path("channels").fields().forEachRemaining(e -> byAddress.put(e.getValue().path("address").asText(), e.getKey()));
        return byAddress;
    }

    /** The names of the messages (under {@code components.messages}) a topic carries. */
    public List<String> messagesOn(String topic) {
        String channel = channelsByAddress().get(topic);
        if (channel == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        tree.path("channels").path(channel).path("messages")
                .forEach(ref -> names.add(lastSegment(ref.path("$ref").asText())));
        return names;
    }

    /** The {@code ce_type} a message declares in its headers, if it declares one. */
    public Optional<String> ceTypeOf(String message) {
        for (JsonNode part : tree.path("components").path("messages").path(message).path("headers").path("allOf")) {
            JsonNode ceType = part.path("properties").path("ce_type").path("const");
            if (ceType.isTextual()) {
                return Optional.of(ceType.asText());
            }
        }
        return Optional.empty();
    }

    /** The message on {@code topic} whose {@code ce_type} is the given one. */
    public Optional<String> messageOn(String topic, String ceType) {
        return messagesOn(topic).stream().filter(m -> ceTypeOf(m).filter(ceType::equals).isPresent()).findFirst();
    }

    /** What is wrong with {@code data} as the payload of {@code message}; empty when nothing is. */
    public List<Error> validatePayload(String message, JsonNode data) {
        return schemaAt("/components/messages/" + message + "/payload").validate(data);
    }

    public List<Error> validateHeaders(String message, JsonNode headers) {
        return schemaAt("/components/messages/" + message + "/headers").validate(headers);
    }

    public List<Error> validateKey(String message, JsonNode key) {
        return schemaAt("/components/messages/" + message + "/bindings/kafka/key").validate(key);
    }

    /**
     * Everything wrong with a record read from {@code topic}: no message for its
     * {@code ce_type} on that topic, or data, headers or key that break the message's schemas.
     *
     * @param where how a problem names the record, e.g. topic, partition and offset
     */
    public List<String> problemsWith(String topic, String key, Map<String, String> headers, String value, String where) {
        ObjectNode headerTree = JSON.createObjectNode();
        headers.forEach(headerTree::put);
        List<String> messages = messagesOn(topic);
        Optional<String> message = messages.size() == 1 && ceTypeOf(messages.get(0)).isEmpty() ? Optional.of(messages.get(0))
                : messageOn(topic, headers.get("ce_type"));
        if (message.isEmpty()) {
            return List.of(where + ": ce_type " + headers.get("ce_type") + " is not a message of " + topic
                    + " in the AsyncAPI document");
        }
        List<String> problems = new ArrayList<>();
        validateHeaders(message.get(), headerTree).forEach(e -> problems.add(where + ": header " + e));
        validateKey(message.get(), key == null ? JSON.nullNode() : JSON.getNodeFactory().textNode(key))
                .forEach(e -> problems.add(where + ": key " + e));
        if (ceTypeOf(message.get()).isPresent()) {
            try {
                validatePayload(message.get(), JSON.readTree(value)).forEach(e -> problems.add(where + ": data " + e));
            } catch (IOException e) {
                problems.add(where + ": data is not JSON: " + e.getMessage());
            }
        }
        return problems;
    }

    private Schema schemaAt(String pointer) {
        return compiled.computeIfAbsent(pointer, p -> {
            if (tree.at(p).isMissingNode()) {
                throw new IllegalArgumentException("the AsyncAPI document has nothing at " + p);
            }
            // The whole document is the root, so the schemas' $refs (#/components/schemas/...) resolve.
            ObjectNode root = tree.deepCopy();
            root.put("$ref", "#" + p);
            return SCHEMAS.getSchema(root);
        });
    }

    private static String lastSegment(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
