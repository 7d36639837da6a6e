package io.inquest.bench.rca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * One scenario folder: {@code scenario.yml} (description, source), {@code alert.json} (sent as it
 * is), {@code expect.yml}, and optionally {@code kubernetes.yaml}, {@code metrics.om},
 * {@code logs.jsonl} and {@code changes.json}.
 */
record Scenario(Path dir, String description, String source, byte[] alert, Expectation expect, Optional<Path> kubernetes,
        Optional<Path> metrics, Optional<Path> logs, Optional<Path> changes) {

    static final Set<String> SOURCES = Set.of("alertmanager", "grafana", "pagerduty", "generic");
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Every scenario under these folders (a folder with an {@code expect.yml}, at any depth), in path order. */
    static List<Path> find(List<Path> roots) {
        List<Path> found = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException(root + " is not a folder");
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.getFileName().toString().equals("expect.yml") && Files.isRegularFile(f))
                        .map(Path::getParent).sorted().forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException("could not list " + root, e);
            }
        }
        return found.stream().distinct().toList();
    }

    /** Reads the folder; a missing or malformed required file is an {@link IllegalArgumentException} naming it. */
    static Scenario load(Path dir) {
        JsonNode meta = yaml(dir.resolve("scenario.yml"));
        String source = meta.path("source").asText("").trim();
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("scenario.yml: source must be one of alertmanager, grafana, pagerduty, generic, not '"
                    + source + "'");
        }
        Path alert = dir.resolve("alert.json");
        if (!Files.isRegularFile(alert)) {
            throw new IllegalArgumentException("alert.json is missing");
        }
        byte[] body;
        try {
            body = Files.readAllBytes(alert);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + alert, e);
        }
        return new Scenario(dir, meta.path("description").asText("").trim(), source, body,
                Expectation.of(yaml(dir.resolve("expect.yml"))), optional(dir, "kubernetes.yaml"), optional(dir, "metrics.om"),
                optional(dir, "logs.jsonl"), optional(dir, "changes.json"));
    }

    private static JsonNode yaml(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file.getFileName() + " is missing");
        }
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(file.getFileName() + " is not a YAML mapping");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException(file.getFileName() + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    private static Optional<Path> optional(Path dir, String name) {
        Path file = dir.resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
