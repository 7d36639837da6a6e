package io.inquest.investigation.engine.tools.logs;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.tools.kubernetes.KubernetesAccess;
import io.inquest.investigation.engine.tools.kubernetes.WorkloadLocator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The first lines of the workload's running containers that started before the window read, as
 * {@code kubectl logs --since-time=<startedAt> | head} would show them: how long a start-up that
 * succeeded took is what a liveness probe killing its siblings must allow for. Read only when a
 * container of the workload restarted (otherwise nobody asks how long start-up takes).
 */
@ApplicationScoped
public class StartupLogs {

    /** How much of a container's log from its start is read: a start-up, not its day of traffic. */
    static final int HEAD_BYTES = 256 * 1024;
    static final Duration STARTUP_SPAN = Duration.ofMinutes(20);

    private final KubernetesAccess access;
    private final WorkloadLocator locator;
    private final LogSettings settings;

    public StartupLogs(KubernetesAccess access, WorkloadLocator locator, LogSettings settings) {
        this.access = access;
        this.locator = locator;
        this.settings = settings;
    }

    /** The start-up lines of each running container that started before {@code from}; a failed read gives none. */
    public Uni<List<LogLine>> read(Subject subject, Instant from) {
        if (access.notConfigured().isPresent()) {
            return Uni.createFrom().item(List.of());
        }
        return locator.locate(subject).flatMap(workload -> {
            if (!workload.found() || workload.pods().stream().noneMatch(StartupLogs::restarted)) {
                return Uni.createFrom().item(List.<LogLine>of());
            }
            List<Uni<List<LogLine>>> reads = new ArrayList<>();
            for (Pod pod : workload.pods().stream().limit(settings.maxPods()).toList()) {
                for (ContainerStatus status : statuses(pod)) {
                    Instant started = startedAt(status);
                    if (started != null && started.isBefore(from)) {
                        reads.add(head(pod, status.getName(), started));
                    }
                }
            }
            if (reads.isEmpty()) {
                return Uni.createFrom().item(List.<LogLine>of());
            }
            return Uni.join().all(reads).andCollectFailures().map(all -> all.stream().flatMap(List::stream).toList())
                    .onFailure().recoverWithItem(List.of());
        }).onFailure().recoverWithItem(List.of());
    }

    private Uni<List<LogLine>> head(Pod pod, String container, Instant started) {
        String path = path(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), container, started);
        return access.read("read the start-up log of " + pod.getMetadata().getName() + "/" + container, settings.timeout(),
                c -> c.raw(path, "GET", null))
                .map(body -> KubeletLogs.parse(body, pod.getMetadata().getName(), container, false, started.minusSeconds(1),
                        started.plus(STARTUP_SPAN), settings.maxLines()))
                .onFailure().recoverWithItem(List.of());
    }

    static String path(String namespace, String pod, String container, Instant started) {
        return "/api/v1/namespaces/" + encode(namespace) + "/pods/" + encode(pod) + "/log?container=" + encode(container)
                + "&timestamps=true&sinceTime=" + started.truncatedTo(ChronoUnit.SECONDS) + "&limitBytes=" + HEAD_BYTES;
    }

    private static List<ContainerStatus> statuses(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? List.of()
                : pod.getStatus().getContainerStatuses();
    }

    private static boolean restarted(Pod pod) {
        return statuses(pod).stream().anyMatch(s -> (s.getRestartCount() != null && s.getRestartCount() > 0)
                || (s.getLastState() != null && s.getLastState().getTerminated() != null));
    }

    private static Instant startedAt(ContainerStatus status) {
        if (status.getState() == null || status.getState().getRunning() == null || status.getState().getRunning().getStartedAt() == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(status.getState().getRunning().getStartedAt()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
