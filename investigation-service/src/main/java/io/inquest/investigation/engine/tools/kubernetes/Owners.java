package io.inquest.investigation.engine.tools.kubernetes;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * The workload a pod belongs to, named as an operator names it: a ReplicaSet's pods are their
 * Deployment's ({@code cart-7d9f8b6c4} → {@code cart}), a Job's pods that a CronJob created are the
 * CronJob's ({@code backfill-29827425} → {@code backfill}, the CronJob controller names its Jobs
 * after the scheduled minute), a StatefulSet's or DaemonSet's are theirs.
 */
final class Owners {

    private static final Pattern REPLICA_SET = Pattern.compile("^(.+)-[a-z0-9]{6,10}$");
    private static final Pattern CRON_JOB = Pattern.compile("^(.+)-[0-9]{8,10}$");

    /** A workload: its kind and name. */
    record Owner(String kind, String name) {

        /** "Deployment inventory-api", "CronJob thumbnail-backfill". */
        String describe() {
            return kind + " " + name;
        }
    }

    private Owners() {
    }

    static Owner of(Pod pod) {
        return WorkloadLocator.controller(pod).map(ref -> {
            String kind = ref.getKind();
            String name = ref.getName();
            if ("ReplicaSet".equals(kind)) {
                Matcher m = REPLICA_SET.matcher(name);
                return m.matches() ? new Owner("Deployment", m.group(1)) : new Owner(kind, name);
            }
            if ("Job".equals(kind)) {
                Matcher m = CRON_JOB.matcher(name);
                return m.matches() ? new Owner("CronJob", m.group(1)) : new Owner(kind, name);
            }
            return new Owner(kind, name);
        }).orElseGet(() -> {
            Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
            for (String label : WorkloadLocator.NAME_LABELS) {
                if (labels.get(label) != null) {
                    return new Owner("app", labels.get(label));
                }
            }
            return new Owner("Pod", pod.getMetadata().getName());
        });
    }
}
