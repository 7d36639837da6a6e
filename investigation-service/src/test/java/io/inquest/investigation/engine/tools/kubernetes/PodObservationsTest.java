package io.inquest.investigation.engine.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;

/** A pod's observations from its object alone: the cases the cluster tests do not load. */
class PodObservationsTest {

    private static final Instant ALERT = Instant.parse("2026-03-04T10:00:00Z");

    @Test
    void anEvictedPodSaysWhyWithTheKubeletsMessage() {
        String message = "The node was low on resource: memory. Threshold quantity: 100Mi, available: 88Mi. Container app was using"
                + " 1253Mi, request is 512Mi, has larger consumption of memory.";
        Pod pod = new PodBuilder().withNewMetadata().withName("cart-6b8f9c7d5-e1v1c").withNamespace("shop")
                .withCreationTimestamp("2026-03-04T08:00:00Z").endMetadata()
                .withNewSpec().withNodeName("worker-2").addNewContainer().withName("app").withImage("shop/cart:2.5.0").endContainer().endSpec()
                .withNewStatus().withPhase("Failed").withReason("Evicted").withMessage(message).endStatus().build();

        Observation status = PodObservations.of(pod, ALERT).get(0);

        assertThat(status.signal()).isEqualTo(Signal.POD_STATUS);
        assertThat(status.attributes()).containsEntry("phase", "Failed").containsEntry("reason", "Evicted").containsEntry("message", message)
                .containsEntry("ready", "false").containsEntry("node", "worker-2").containsEntry("created", "2026-03-04T08:00:00Z");
        assertThat(status.text()).startsWith("pod cart-6b8f9c7d5-e1v1c Failed (Evicted: " + message + "), not Ready");
    }

    @Test
    void aContainerThatCannotStartForAMissingSecretIsWaitingWithTheMessage() {
        Pod pod = new PodBuilder().withNewMetadata().withName("payments-5f7c9d8b6-h2j4k").withNamespace("shop").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("shop/payments:3.1.0").endContainer().endSpec()
                .withNewStatus().withPhase("Pending").addNewContainerStatus().withName("app").withRestartCount(0)
                .withNewState().withNewWaiting().withReason("CreateContainerConfigError").withMessage("secret \"payments-db\" not found")
                .endWaiting().endState().endContainerStatus().endStatus().build();

        Observation waiting = only(PodObservations.of(pod, ALERT), Signal.CONTAINER_WAITING);

        assertThat(waiting.attributes()).containsEntry("reason", "CreateContainerConfigError")
                .containsEntry("message", "secret \"payments-db\" not found").containsEntry("image", "shop/payments:3.1.0")
                .containsEntry("restarts", "0").doesNotContainKey("init");
        assertThat(waiting.text()).isEqualTo("container app of pod payments-5f7c9d8b6-h2j4k is waiting: CreateContainerConfigError"
                + " \"secret \"payments-db\" not found\"; image shop/payments:3.1.0; 0 restarts");
    }

    @Test
    void aFailedInitContainerIsMarkedInitAndItsRestartsDoNotCountAsThePods() {
        Pod pod = new PodBuilder().withNewMetadata().withName("orders-0").withNamespace("shop").endMetadata()
                .withNewSpec().addNewInitContainer().withName("migrate").withImage("shop/orders-migrate:12").withNewResources()
                .addToLimits("memory", new Quantity("128Mi")).endResources().endInitContainer()
                .addNewContainer().withName("app").withImage("shop/orders:12").endContainer().endSpec()
                .withNewStatus().withPhase("Pending")
                .addNewInitContainerStatus().withName("migrate").withRestartCount(3).withNewState().withNewTerminated().withExitCode(1)
                .withReason("Error").withFinishedAt("2026-03-04T09:58:30Z").endTerminated().endState().endInitContainerStatus()
                .addNewContainerStatus().withName("app").withRestartCount(0).withNewState().withNewWaiting().withReason("PodInitializing")
                .endWaiting().endState().endContainerStatus().endStatus().build();

        List<Observation> observations = PodObservations.of(pod, ALERT);

        Observation terminated = only(observations, Signal.CONTAINER_TERMINATED);
        assertThat(terminated.attributes()).containsEntry("init", "true").containsEntry("state", "current").containsEntry("exitCode", "1")
                .containsEntry("memoryLimit", "128Mi").containsEntry("memoryLimitBytes", "134217728");
        assertThat(terminated.text()).startsWith("init container migrate of pod orders-0 terminated: Error (exit code 1) at 2026-03-04T09:58:30Z"
                + " (1 min before the alert)");
        assertThat(observations.get(0).attr("restarts")).isEqualTo("0");
    }

    @Test
    void aCreationTimestampLaterThanThePodsStartIsACopysLoadTime() {
        Pod pod = new PodBuilder().withNewMetadata().withName("cart-1").withNamespace("shop").withCreationTimestamp("2026-11-24T20:00:00Z")
                .endMetadata().withNewStatus().withPhase("Running").withStartTime("2026-03-04T09:41:03Z").endStatus().build();

        assertThat(PodObservations.status(pod, ALERT).attr("created")).isEqualTo("2026-03-04T09:41:03Z");
    }

    private static Observation only(List<Observation> observations, Signal signal) {
        List<Observation> of = observations.stream().filter(o -> o.signal() == signal).toList();
        assertThat(of).as(signal.name()).hasSize(1);
        return of.get(0);
    }
}
