package io.inquest.investigation.engine.tools.kubernetes;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.diagnosis.Relative;

/** A pod as the diagnosis reads it: its status, its containers' terminations and waits, and whether it could be scheduled. */
final class PodObservations {

    private static final String SOURCE = KubernetesTool.NAME;

    private PodObservations() {
    }

    static List<Observation> of(Pod pod, Instant alertStart) {
        List<Observation> observations = new ArrayList<>();
        observations.add(status(pod, alertStart));
        unschedulable(pod, alertStart).ifPresent(observations::add);
        for (ContainerStatus status : statuses(pod)) {
            Container spec = container(pod, status.getName());
            boolean init = isInit(pod, status.getName());
            if (status.getState() != null && status.getState().getTerminated() != null) {
                observations.add(terminated(pod, status, spec, status.getState().getTerminated(), "current", init, alertStart));
            }
            if (status.getLastState() != null && status.getLastState().getTerminated() != null) {
                observations.add(terminated(pod, status, spec, status.getLastState().getTerminated(), "last", init, alertStart));
            }
            if (status.getState() != null && status.getState().getWaiting() != null) {
                observations.add(waiting(pod, status, status.getState().getWaiting(), init));
            }
        }
        return observations;
    }

    static Observation status(Pod pod, Instant alertStart) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        var status = pod.getStatus();
        String phase = status == null ? null : status.getPhase();
        boolean ready = ready(pod);
        Instant readySince = ready ? condition(pod, "Ready").map(c -> time(c.getLastTransitionTime())).orElse(null) : null;
        int restarts = restarts(pod);
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        String reason = status == null ? null : status.getReason();
        String message = status == null ? null : status.getMessage();
        String owner = WorkloadLocator.controller(pod).map(o -> o.getKind() + "/" + o.getName()).orElse(null);
        Instant created = time(pod.getMetadata().getCreationTimestamp());
        Instant started = status == null ? null : time(status.getStartTime());
        if (created == null || (started != null && started.isBefore(created))) {
            // A pod starts after it is created; a creationTimestamp later than that was stamped by a copy of the object.
            created = started;
        }
        boolean deleting = pod.getMetadata().getDeletionTimestamp() != null;

        StringBuilder text = new StringBuilder("pod ").append(name).append(' ').append(phase == null ? "(no phase)" : phase);
        if (reason != null) {
            text.append(" (").append(reason).append(message == null ? "" : ": " + message).append(')');
        }
        if (ready) {
            text.append(", Ready").append(readySince == null ? "" : " since " + readySince + " (" + Relative.toAlert(readySince, alertStart) + ")");
        } else {
            text.append(", not Ready");
            condition(pod, "Ready").filter(c -> c.getReason() != null)
                    .ifPresent(c -> text.append(" (").append(c.getReason()).append(c.getMessage() == null ? "" : ": " + c.getMessage())
                            .append(')'));
        }
        text.append(", ").append(restarts).append(restarts == 1 ? " restart" : " restarts");
        if (node != null) {
            text.append(", on node ").append(node);
        }
        if (deleting) {
            text.append(", being deleted");
        }
        return Observation.of(SOURCE, Signal.POD_STATUS, "pod/" + namespace + "/" + name).at(created)
                .attr("namespace", namespace).attr("pod", name).attr("phase", phase).attr("ready", ready)
                .attr("readySince", readySince).attr("restarts", restarts).attr("node", node).attr("reason", reason)
                .attr("message", message).attr("owner", owner).attr("created", created).attr("deleting", deleting ? "true" : null)
                .text(text.toString());
    }

    private static Optional<Observation> unschedulable(Pod pod, Instant alertStart) {
        return condition(pod, "PodScheduled").filter(c -> "False".equals(c.getStatus())).map(c -> {
            String namespace = pod.getMetadata().getNamespace();
            String name = pod.getMetadata().getName();
            Instant since = time(c.getLastTransitionTime());
            return Observation.of(SOURCE, Signal.POD_UNSCHEDULABLE, "pod/" + namespace + "/" + name).at(since)
                    .attr("namespace", namespace).attr("pod", name).attr("reason", c.getReason()).attr("message", c.getMessage())
                    .text("pod " + name + " cannot be scheduled" + (c.getReason() == null ? "" : " (" + c.getReason() + ")")
                            + (c.getMessage() == null ? "" : ": \"" + c.getMessage() + "\"")
                            + (since == null ? "" : " since " + since + " (" + Relative.toAlert(since, alertStart) + ")"));
        });
    }

    private static Observation terminated(Pod pod, ContainerStatus status, Container spec, ContainerStateTerminated t, String state,
            boolean init, Instant alertStart) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        String container = status.getName();
        Instant finished = time(t.getFinishedAt());
        String memoryLimit = spec == null ? null : Quantities.text(Quantities.limit(spec, "memory"));
        String cpuLimit = spec == null ? null : Quantities.text(Quantities.limit(spec, "cpu"));
        int restarts = status.getRestartCount() == null ? 0 : status.getRestartCount();

        StringBuilder text = new StringBuilder(init ? "init container " : "container ").append(container).append(" of pod ")
                .append(name).append(state.equals("current") ? " terminated: " : " last terminated: ")
                .append(t.getReason() == null ? "(no reason)" : t.getReason())
                .append(" (exit code ").append(t.getExitCode()).append(t.getSignal() == null ? "" : ", signal " + t.getSignal())
                .append(')');
        if (finished != null) {
            text.append(" at ").append(finished).append(" (").append(Relative.toAlert(finished, alertStart)).append(')');
        }
        if (t.getMessage() != null && !t.getMessage().isBlank()) {
            text.append(": \"").append(t.getMessage().strip()).append('"');
        }
        if (memoryLimit != null) {
            text.append("; memory limit ").append(memoryLimit);
        }
        text.append("; ").append(restarts).append(restarts == 1 ? " restart" : " restarts");
        return Observation.of(SOURCE, Signal.CONTAINER_TERMINATED, "pod/" + namespace + "/" + name + "/" + container).at(finished)
                .attr("namespace", namespace).attr("pod", name).attr("container", container).attr("state", state)
                .attr("reason", t.getReason()).attr("exitCode", t.getExitCode()).attr("signal", t.getSignal())
                .attr("message", t.getMessage()).attr("startedAt", time(t.getStartedAt())).attr("finishedAt", finished)
                .attr("restarts", restarts).attr("image", status.getImage() != null ? status.getImage() : spec == null ? null : spec.getImage())
                .attr("memoryLimit", memoryLimit)
                .attr("memoryLimitBytes", spec == null ? null : Quantities.plain(Quantities.limit(spec, "memory")))
                .attr("memoryRequest", spec == null ? null : Quantities.text(Quantities.request(spec, "memory")))
                .attr("cpuLimit", cpuLimit)
                .attr("cpuLimitCores", spec == null ? null : Quantities.plain(Quantities.limit(spec, "cpu")))
                .attr("init", init ? "true" : null)
                .text(text.toString());
    }

    private static Observation waiting(Pod pod, ContainerStatus status, ContainerStateWaiting w, boolean init) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        int restarts = status.getRestartCount() == null ? 0 : status.getRestartCount();
        String image = status.getImage() != null ? status.getImage()
                : Optional.ofNullable(container(pod, status.getName())).map(Container::getImage).orElse(null);
        String text = (init ? "init container " : "container ") + status.getName() + " of pod " + name + " is waiting: "
                + (w.getReason() == null ? "(no reason)" : w.getReason())
                + (w.getMessage() == null || w.getMessage().isBlank() ? "" : " \"" + w.getMessage().strip() + "\"")
                + (image == null ? "" : "; image " + image) + "; " + restarts + (restarts == 1 ? " restart" : " restarts");
        return Observation.of(SOURCE, Signal.CONTAINER_WAITING, "pod/" + namespace + "/" + name + "/" + status.getName())
                .attr("namespace", namespace).attr("pod", name).attr("container", status.getName()).attr("reason", w.getReason())
                .attr("message", w.getMessage()).attr("restarts", restarts).attr("image", image).attr("init", init ? "true" : null)
                .text(text);
    }

    static boolean ready(Pod pod) {
        return condition(pod, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    static int restarts(Pod pod) {
        return statuses(pod).stream().filter(s -> !isInit(pod, s.getName()))
                .mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount()).sum();
    }

    static Optional<PodCondition> condition(Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** Init containers first, as the kubelet runs them. */
    static List<ContainerStatus> statuses(Pod pod) {
        List<ContainerStatus> all = new ArrayList<>();
        if (pod.getStatus() != null) {
            if (pod.getStatus().getInitContainerStatuses() != null) {
                all.addAll(pod.getStatus().getInitContainerStatuses());
            }
            if (pod.getStatus().getContainerStatuses() != null) {
                all.addAll(pod.getStatus().getContainerStatuses());
            }
        }
        return all;
    }

    static Container container(Pod pod, String name) {
        if (pod.getSpec() == null) {
            return null;
        }
        List<Container> all = new ArrayList<>(PodTemplates.containers(pod.getSpec()));
        if (pod.getSpec().getInitContainers() != null) {
            all.addAll(pod.getSpec().getInitContainers());
        }
        return all.stream().filter(c -> name.equals(c.getName())).findFirst().orElse(null);
    }

    private static boolean isInit(Pod pod, String container) {
        return pod.getSpec() != null && pod.getSpec().getInitContainers() != null
                && pod.getSpec().getInitContainers().stream().anyMatch(c -> container.equals(c.getName()));
    }

    /** A Kubernetes timestamp; null when absent or unreadable. */
    static Instant time(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(timestamp).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
