package io.inquest.investigation.engine.tools.kubernetes;

import java.util.List;
import java.util.Locale;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * What the alert points at in the cluster: its Deployment or StatefulSet when one was found, and
 * its pods (the unhealthy first).
 *
 * @param kind      {@code Deployment}, {@code StatefulSet}, or null when only pods were found
 * @param name      the workload's name, or the name the pods were matched by
 * @param matchedBy how the pods were found ("the Deployment's selector app=cart", "label app=cart", ...)
 */
public record Workload(String namespace, String kind, String name, Deployment deployment, StatefulSet statefulSet,
        List<Pod> pods, String matchedBy) {

    public Workload {
        pods = List.copyOf(pods);
    }

    public boolean found() {
        return kind != null || !pods.isEmpty();
    }

    /** "deployment shop/cart", "pods of cart in shop (label app=cart)". */
    public String describe() {
        if (kind != null) {
            return kind.toLowerCase(Locale.ROOT) + " " + namespace + "/" + name;
        }
        return "pods of " + name + " in " + namespace + (matchedBy == null ? "" : " (" + matchedBy + ")");
    }
}
