package io.inquest.investigation.engine.diagnosis;

import java.util.List;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Pods that cannot start because their image cannot be pulled: a tag or name that does not exist,
 * or credentials the registry refuses, are configuration errors; a registry that cannot be
 * reached is infrastructure.
 */
@ApplicationScoped
public class ImagePullRule implements DiagnosisRule {

    @Override
    public String family() {
        return "image-pull";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        List<Observation> waiting = Facts.waiting(incident, "ImagePullBackOff", "ErrImagePull", "InvalidImageName",
                "ErrImageNeverPull", "RegistryUnavailable");
        List<Observation> failed = incident.list(Signal.EVENT, o -> incident.recent(o)
                && (Facts.contains(o.attr("message"), "Failed to pull image", "Back-off pulling image", "ErrImagePull",
                        "ImagePullBackOff", "InvalidImageName")));
        if (waiting.isEmpty() && failed.isEmpty()) {
            return Optional.empty();
        }
        Observation first = !waiting.isEmpty() ? waiting.get(0) : failed.get(0);
        String image = first.attr("image");
        String message = Facts.join(failed, waiting).stream().map(o -> o.attr("message")).filter(m -> m != null && !m.isBlank())
                .filter(m -> Facts.contains(m, "failed to pull", "not found", "manifest unknown", "unauthorized", "denied"))
                .findFirst().orElse(first.attr("message", first.text()));
        boolean unreachable = Facts.contains(message, "i/o timeout", "connection refused", "no such host", "tls handshake timeout",
                "context deadline exceeded") && !Facts.contains(message, "not found", "manifest unknown");
        boolean credentials = Facts.contains(message, "unauthorized", "authentication required", "pull access denied",
                "denied", "forbidden");
        Optional<Observation> rollout = incident.first(Signal.ROLLOUT, o -> o.is("current", "true"));
        String reason = waiting.isEmpty() ? "ErrImagePull" : first.attr("reason");
        String cause = "Pods of " + Facts.workload(incident) + " cannot pull their image" + (image == null ? "" : " " + image)
                + " (" + reason + "): " + message
                + rollout.map(r -> "; the image came with " + Triggers.label(r)
                        + (r.attr("previousImage") == null ? "" : ", the previous ReplicaSet runs " + r.attr("previousImage")))
                        .orElse("");
        String deployment = rollout.map(r -> r.attr("deployment")).orElse(Facts.workload(incident));
        List<String> steps = unreachable
                ? List.of("Restore the nodes' access to the image registry (network, DNS, proxy) named in the error")
                : credentials
                        ? List.of("Fix the image pull credentials (imagePullSecrets) of " + deployment + " for the registry of "
                                + (image == null ? "the image" : image))
                        : List.of("Fix the image reference of deployment " + deployment + (image == null ? "" : ": " + image
                                + " does not exist in the registry") + ", or roll back: kubectl rollout undo deployment/"
                                + deployment);
        List<Observation> evidence = Facts.join(waiting, failed, rollout.stream().toList());
        return Optional.of(new Hypothesis(family(), unreachable ? RootCauseCategory.INFRASTRUCTURE
                : RootCauseCategory.CONFIGURATION_ERROR, 0.88, cause, evidence, steps, Facts.onset(evidence), true));
    }

    @Override
    public List<String> ruledOut(Case incident) {
        if (incident.kubernetesRead() && !Facts.pods(incident).isEmpty()
                && Facts.waiting(incident, "ImagePullBackOff", "ErrImagePull", "InvalidImageName").isEmpty()) {
            return List.of("not an image pull problem: no ImagePullBackOff or ErrImagePull on the pods of " + Facts.workload(incident));
        }
        return List.of();
    }
}
