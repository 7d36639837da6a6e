package io.inquest.investigation.engine.tools.logs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.tools.kubernetes.KubernetesAccess;
import io.inquest.investigation.engine.tools.kubernetes.Workload;
import io.inquest.investigation.engine.tools.kubernetes.WorkloadLocator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The affected pods' logs through the Kubernetes API, as {@code kubectl logs --timestamps} reads
 * them: each container's current log from the window's start, and the previous container's
 * ({@code previous=true}, the one that crashed or was killed) where a container restarted.
 */
@ApplicationScoped
public class KubeletLogs {

    static final String BACKEND = "kubernetes";

    private final KubernetesAccess access;
    private final WorkloadLocator locator;
    private final LogSettings settings;

    public KubeletLogs(KubernetesAccess access, WorkloadLocator locator, LogSettings settings) {
        this.access = access;
        this.locator = locator;
        this.settings = settings;
    }

    /** The lines read, what could not be read and why, and whose logs they are ({@code shop/cart}). */
    public record Batch(List<LogLine> lines, List<String> notes, String scope, int logsRead, int previousRead) {
    }

    /** One container log read: its lines, or a note (no previous container, pod gone), or a failure. */
    private record Read(List<LogLine> lines, String note, Throwable failure, boolean previous) {
    }

    public Uni<Batch> read(Subject subject, Instant from, Instant to) {
        return locator.locate(subject).flatMap(workload -> {
            String scope = workload.namespace() + "/" + workload.name();
            if (!workload.found()) {
                return Uni.createFrom().item(new Batch(List.of(), List.of("no pods of " + String.join(", ", names(subject))
                        + " in namespace " + workload.namespace()), scope, 0, 0));
            }
            List<Uni<Read>> reads = new ArrayList<>();
            for (Pod pod : chosen(workload, subject)) {
                for (Container container : containers(pod, subject.target().container())) {
                    reads.add(read(pod, container.getName(), false, from, to));
                    if (restarted(pod, container.getName())) {
                        reads.add(read(pod, container.getName(), true, from, to));
                    }
                }
            }
            if (reads.isEmpty()) {
                return Uni.createFrom().item(new Batch(List.of(), List.of("the pods have no containers"), scope, 0, 0));
            }
            return Uni.join().all(reads).andFailFast().map(done -> {
                List<Read> failed = done.stream().filter(r -> r.failure() != null).toList();
                if (failed.size() == done.size()) {
                    Throwable first = failed.get(0).failure();
                    throw new IllegalStateException("no container log could be read: " + first.getMessage(), first);
                }
                List<LogLine> lines = new ArrayList<>();
                List<String> notes = new ArrayList<>();
                done.forEach(r -> lines.addAll(r.lines()));
                done.stream().map(Read::note).filter(n -> n != null).forEach(notes::add);
                failed.forEach(r -> notes.add(r.failure().getMessage()));
                int read = (int) done.stream().filter(r -> r.failure() == null && r.note() == null).count();
                int previous = (int) done.stream().filter(r -> r.failure() == null && r.note() == null && r.previous()).count();
                return new Batch(lines, notes, scope, read, previous);
            });
        });
    }

    private Uni<Read> read(Pod pod, String container, boolean previous, Instant from, Instant to) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        String path = path(namespace, name, container, previous, from, previous ? settings.maxLines() : settings.maxBytes());
        String what = "read the " + (previous ? "previous " : "") + "log of " + name + "/" + container;
        return access.read(what, settings.timeout(), c -> c.raw(path, "GET", null))
                .map(body -> new Read(parse(body, name, container, previous, from, to, settings.maxLines()), null, null, previous))
                .onFailure().recoverWithItem(failure -> {
                    int status = KubernetesAccess.statusOf(failure);
                    if (status == 400) {
                        // The kubelet answers 400 when there is no such container: no previous one (never
                        // restarted, or removed), or a current one still waiting (CrashLoopBackOff, image pull).
                        return new Read(List.of(), "no " + (previous ? "previous" : "current") + " container log of " + name + "/" + container,
                                null, previous);
                    }
                    if (status == 404) {
                        return new Read(List.of(), "pod " + name + " is gone", null, previous);
                    }
                    return new Read(List.of(), null, failure, previous);
                });
    }

    /**
     * The log request: the current container from the window's start (bounded in bytes), the
     * previous one by its last lines (it ended; its end says why), each line with its time.
     */
    static String path(String namespace, String pod, String container, boolean previous, Instant from, int bound) {
        String base = "/api/v1/namespaces/" + encode(namespace) + "/pods/" + encode(pod) + "/log?container=" + encode(container);
        return previous ? base + "&previous=true&timestamps=true&tailLines=" + bound
                : base + "&timestamps=true&sinceTime=" + from.truncatedTo(ChronoUnit.SECONDS) + "&limitBytes=" + bound;
    }

    /**
     * The kubelet's lines, each prefixed with its RFC 3339 time ({@code timestamps=true}), kept when
     * inside [from, to]; a line without a readable time is not a log line and is left out.
     */
    static List<LogLine> parse(String body, String pod, String container, boolean previous, Instant from, Instant to, int max) {
        List<LogLine> lines = new ArrayList<>();
        if (body == null || body.isEmpty()) {
            return lines;
        }
        for (String raw : body.split("\n")) {
            if (lines.size() >= max) {
                break;
            }
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            int space = line.indexOf(' ');
            Instant at = time(space < 0 ? line : line.substring(0, space));
            if (at == null || at.isBefore(from) || at.isAfter(to)) {
                continue;
            }
            lines.add(new LogLine(at, pod, container, previous, space < 0 ? "" : line.substring(space + 1), BACKEND));
        }
        return lines;
    }

    static Instant time(String stamp) {
        if (stamp.length() < 20 || !Character.isDigit(stamp.charAt(0))) {
            return null;
        }
        try {
            return Instant.parse(stamp);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(stamp).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** The pod the alert names first, then the unhealthy, then the rest, up to the limit. */
    private List<Pod> chosen(Workload workload, Subject subject) {
        String named = subject.target().pod();
        return workload.pods().stream()
                .sorted(Comparator.comparing((Pod p) -> !p.getMetadata().getName().equals(named)))
                .limit(settings.maxPods()).toList();
    }

    /** The container the alert names when the pod has it, else all of the pod's containers. */
    private static List<Container> containers(Pod pod, String named) {
        List<Container> all = pod.getSpec() == null || pod.getSpec().getContainers() == null ? List.of() : pod.getSpec().getContainers();
        List<Container> that = all.stream().filter(c -> c.getName().equals(named)).toList();
        return that.isEmpty() ? all : that;
    }

    private static boolean restarted(Pod pod, String container) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return false;
        }
        return pod.getStatus().getContainerStatuses().stream().filter(s -> container.equals(s.getName())).anyMatch(KubeletLogs::restarted);
    }

    private static boolean restarted(ContainerStatus status) {
        return (status.getRestartCount() != null && status.getRestartCount() > 0)
                || (status.getLastState() != null && status.getLastState().getTerminated() != null);
    }

    private static List<String> names(Subject subject) {
        return Stream.of(subject.target().workload(), subject.target().service(), subject.target().pod()).filter(n -> n != null)
                .distinct().toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
