package io.inquest.bench.rca;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A scenario's {@code logs.jsonl} served as the pods' logs, the way
 * {@code GET /api/v1/namespaces/{ns}/pods/{pod}/log} answers: a line whose {@code pod} label
 * names a pod is that pod's (its {@code container} label's container, else the pod's default
 * container); a line without a pod goes to every pod of its workload, matched by its
 * {@code app} or {@code service} label against the pod's {@code app},
 * {@code app.kubernetes.io/name} and {@code service} labels.
 * <p>
 * Which lines a request sees follows the container's status as the kubelet does: the previous
 * instance ({@code previous=true}) is the one in {@code lastState.terminated}, from its
 * {@code startedAt} to its {@code finishedAt}, and a container that never terminated has none
 * (400, as the real API answers); the current instance of a running container is everything
 * after that {@code finishedAt}; a container waiting to restart (CrashLoopBackOff) shows its last
 * terminated instance; one that never started answers 400 "is waiting to start". Then
 * {@code sinceTime}, {@code sinceSeconds} (from the wall clock, as the kubelet counts it),
 * {@code tailLines}, {@code limitBytes} and {@code timestamps} apply.
 */
final class PodLogs {

    /** One log line. */
    record Line(Instant time, Map<String, String> labels, String text) {
    }

    /** What the API server answers. */
    record Answer(int status, String contentType, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The kubelet's {@code RFC3339NanoFixed}. */
    private static final DateTimeFormatter KUBELET_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX")
            .withZone(ZoneOffset.UTC);
    private static final List<String> WORKLOAD_LABELS = List.of("app", "app.kubernetes.io/name", "service");
    private static final String DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

    private final List<Line> lines;

    private PodLogs(List<Line> lines) {
        List<Line> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparing(Line::time));
        this.lines = List.copyOf(sorted);
    }

    static PodLogs none() {
        return new PodLogs(List.of());
    }

    static PodLogs read(Path jsonl, Consumer<String> warnings) {
        List<Line> lines = new ArrayList<>();
        int number = 0;
        try (BufferedReader reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            for (String raw = reader.readLine(); raw != null; raw = reader.readLine()) {
                number++;
                if (raw.isBlank()) {
                    continue;
                }
                try {
                    lines.add(parse(JSON.readTree(raw)));
                } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
                    warnings.accept("logs.jsonl line " + number + " is ignored: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + jsonl, e);
        }
        return new PodLogs(lines);
    }

    private static Line parse(JsonNode node) {
        if (!node.isObject() || !node.path("time").isTextual() || !node.has("line")) {
            throw new IllegalArgumentException("expected {\"labels\": {...}, \"time\": \"<RFC 3339>\", \"line\": \"...\"}");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        node.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        JsonNode line = node.get("line");
        return new Line(lineTime(node.get("time").asText()), Map.copyOf(labels), line.isTextual() ? line.asText() : line.toString());
    }

    /** RFC 3339; a time written without an offset is taken as UTC rather than dropped. */
    private static Instant lineTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }

    int size() {
        return lines.size();
    }

    /** Every line, oldest first. */
    List<Line> lines() {
        return lines;
    }

    /** The lines no pod of {@code cluster} would show: their pod, namespace, workload or container names nothing served. */
    List<Line> unassigned(ClusterSnapshot cluster) {
        List<Line> unassigned = new ArrayList<>();
        for (Line line : lines) {
            boolean shown = false;
            for (ObjectNode pod : cluster.pods()) {
                List<String> containers = names(pod.path("spec").path("containers"));
                if (containers.isEmpty()) {
                    containers = names(pod.path("status").path("containerStatuses"));
                }
                List<String> all = new ArrayList<>(containers);
                all.addAll(names(pod.path("spec").path("initContainers")));
                String defaultContainer = defaultContainer(pod, containers);
                for (String container : all) {
                    shown |= belongsTo(line, pod, container, defaultContainer);
                }
            }
            if (!shown) {
                unassigned.add(line);
            }
        }
        return unassigned;
    }

    Answer serve(ClusterSnapshot cluster, String namespace, String podName, Map<String, String> query, Instant now) {
        Optional<ObjectNode> found = cluster.pod(namespace, podName);
        if (found.isEmpty()) {
            return status(404, "NotFound", "pods \"" + podName + "\" not found");
        }
        ObjectNode pod = found.get();
        List<String> containers = names(pod.path("spec").path("containers"));
        if (containers.isEmpty()) {
            containers = names(pod.path("status").path("containerStatuses"));
        }
        List<String> initContainers = names(pod.path("spec").path("initContainers"));
        String container = query.get("container");
        if (container == null || container.isEmpty()) {
            if (containers.size() != 1) {
                String message = "a container name must be specified for pod " + podName;
                if (!containers.isEmpty()) {
                    message += ", choose one of: [" + String.join(" ", containers) + "]";
                }
                if (!initContainers.isEmpty()) {
                    message += " or one of the init containers: [" + String.join(" ", initContainers) + "]";
                }
                return status(400, "BadRequest", message);
            }
            container = containers.get(0);
        } else if (!containers.contains(container) && !initContainers.contains(container)) {
            return status(400, "BadRequest", "container " + container + " is not valid for pod " + podName);
        }
        Instant since;
        Integer tail;
        Long limitBytes;
        try {
            since = since(query, now);
            tail = query.containsKey("tailLines") ? Integer.valueOf(query.get("tailLines")) : null;
            limitBytes = query.containsKey("limitBytes") ? Long.valueOf(query.get("limitBytes")) : null;
        } catch (NumberFormatException | DateTimeParseException e) {
            return status(400, "BadRequest", "invalid log options: " + e.getMessage());
        }
        if (pod.path("spec").path("nodeName").asText("").isEmpty()) {
            // The API server has no kubelet to ask for a pod that was never scheduled: an empty log.
            return new Answer(200, "text/plain", "");
        }
        Window window;
        try {
            window = window(pod, podName, container, "true".equals(query.get("previous")));
        } catch (IllegalStateException noSuchInstance) {
            return status(400, "BadRequest", noSuchInstance.getMessage());
        }
        String defaultContainer = defaultContainer(pod, containers);
        List<Line> selected = new ArrayList<>();
        for (Line line : lines) {
            if (belongsTo(line, pod, container, defaultContainer) && window.contains(line.time())
                    && (since == null || !line.time().isBefore(since))) {
                selected.add(line);
            }
        }
        if (tail != null && tail >= 0 && selected.size() > tail) {
            selected = selected.subList(selected.size() - tail, selected.size());
        }
        boolean timestamps = "true".equals(query.get("timestamps"));
        StringBuilder body = new StringBuilder();
        for (Line line : selected) {
            for (String physical : line.text().split("\n", -1)) {
                if (timestamps) {
                    body.append(KUBELET_TIME.format(line.time())).append(' ');
                }
                body.append(physical).append('\n');
            }
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        if (limitBytes != null && limitBytes >= 0 && bytes.length > limitBytes) {
            return new Answer(200, "text/plain", new String(bytes, 0, (int) (long) limitBytes, StandardCharsets.UTF_8));
        }
        return new Answer(200, "text/plain", body.toString());
    }

    /** The time span of the container instance a request reads. */
    private record Window(Instant from, boolean fromInclusive, Instant to) {

        static final Window ALL = new Window(null, true, null);

        boolean contains(Instant t) {
            if (from != null && (fromInclusive ? t.isBefore(from) : !t.isAfter(from))) {
                return false;
            }
            return to == null || !t.isAfter(to);
        }
    }

    private static Window window(ObjectNode pod, String podName, String container, boolean previous) {
        JsonNode status = containerStatus(pod, container);
        JsonNode state = status.path("state");
        JsonNode last = status.path("lastState").path("terminated");
        boolean restarted = last.isObject();
        String quoted = "\"" + container + "\" in pod \"" + podName + "\"";
        if (previous) {
            if (!restarted) {
                throw new IllegalStateException("previous terminated container " + quoted + " not found");
            }
            return new Window(time(last.path("startedAt")), true, time(last.path("finishedAt")));
        }
        if (state.path("running").isObject()) {
            return restarted ? new Window(time(last.path("finishedAt")), false, null) : Window.ALL;
        }
        if (state.path("terminated").isObject()) {
            return new Window(restarted ? time(last.path("finishedAt")) : null, false, time(state.path("terminated").path("finishedAt")));
        }
        if (restarted) {
            // Waiting to restart (CrashLoopBackOff): the kubelet shows the instance that last ended.
            return new Window(time(last.path("startedAt")), true, time(last.path("finishedAt")));
        }
        if (state.path("waiting").isObject()) {
            String reason = state.path("waiting").path("reason").asText("");
            String why = switch (reason) {
                case "ErrImagePull" -> "image can't be pulled";
                case "ImagePullBackOff" -> "trying and failing to pull image";
                default -> reason;
            };
            throw new IllegalStateException("container " + quoted + " is waiting to start: " + why);
        }
        if (status.isMissingNode()) {
            throw new IllegalStateException("container " + quoted + " is waiting to start - no logs yet");
        }
        return Window.ALL;
    }

    private static JsonNode containerStatus(ObjectNode pod, String container) {
        for (String list : List.of("containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses")) {
            for (JsonNode status : pod.path("status").path(list)) {
                if (container.equals(status.path("name").asText())) {
                    return status;
                }
            }
        }
        return MissingNode.getInstance();
    }

    private static boolean belongsTo(Line line, ObjectNode pod, String container, String defaultContainer) {
        JsonNode metadata = pod.path("metadata");
        String namespace = line.labels().get("namespace");
        if (namespace != null && !namespace.equals(metadata.path("namespace").asText())) {
            return false;
        }
        String linePod = line.labels().get("pod");
        if (linePod != null) {
            if (!linePod.equals(metadata.path("name").asText())) {
                return false;
            }
        } else {
            Set<String> workload = new HashSet<>();
            for (String label : List.of("app", "service")) {
                if (line.labels().containsKey(label)) {
                    workload.add(line.labels().get(label));
                }
            }
            boolean matches = false;
            for (String label : WORKLOAD_LABELS) {
                JsonNode value = metadata.path("labels").path(label);
                matches |= value.isTextual() && workload.contains(value.asText());
            }
            if (!matches) {
                return false;
            }
        }
        String lineContainer = line.labels().get("container");
        return lineContainer != null ? lineContainer.equals(container) : container.equals(defaultContainer);
    }

    private static String defaultContainer(ObjectNode pod, List<String> containers) {
        String annotated = pod.path("metadata").path("annotations").path(DEFAULT_CONTAINER_ANNOTATION).asText("");
        if (containers.contains(annotated)) {
            return annotated;
        }
        return containers.isEmpty() ? "" : containers.get(0);
    }

    private static Instant since(Map<String, String> query, Instant now) {
        Instant since = null;
        if (query.containsKey("sinceTime")) {
            since = OffsetDateTime.parse(query.get("sinceTime")).toInstant();
        }
        if (query.containsKey("sinceSeconds")) {
            Instant bySeconds = now.minusSeconds(Long.parseLong(query.get("sinceSeconds")));
            since = since == null || bySeconds.isAfter(since) ? bySeconds : since;
        }
        return since;
    }

    private static Instant time(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        for (JsonNode item : list) {
            if (item.path("name").isTextual()) {
                names.add(item.path("name").asText());
            }
        }
        return names;
    }

    private static Answer status(int code, String reason, String message) {
        ObjectNode status = JSON.createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1").set("metadata", JSON.createObjectNode());
        status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
        return new Answer(code, "application/json", status.toString());
    }
}
