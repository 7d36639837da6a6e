package io.inquest.investigation.engine.tools.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;

/** What the namespace allows: its ResourceQuotas (used against hard, per resource) and LimitRanges. */
final class NamespaceObservations {

    private static final String SOURCE = KubernetesTool.NAME;

    private NamespaceObservations() {
    }

    static List<Observation> quota(ResourceQuota quota) {
        String namespace = quota.getMetadata().getNamespace();
        String name = quota.getMetadata().getName();
        Map<String, Quantity> hard = quota.getStatus() != null && quota.getStatus().getHard() != null ? quota.getStatus().getHard()
                : quota.getSpec() == null || quota.getSpec().getHard() == null ? Map.of() : quota.getSpec().getHard();
        Map<String, Quantity> used = quota.getStatus() == null || quota.getStatus().getUsed() == null ? Map.of()
                : quota.getStatus().getUsed();
        List<Observation> observations = new ArrayList<>();
        for (String resource : new TreeSet<>(hard.keySet())) {
            String h = Quantities.text(hard.get(resource));
            String u = Quantities.text(used.get(resource));
            String ratio = Quantities.ratio(used.get(resource), hard.get(resource));
            String text = "quota " + name + " in " + namespace + ": " + resource + " "
                    + (u == null ? "use unknown" : u + " used") + " of " + h + " hard"
                    + (ratio == null ? "" : " (" + Math.round(Double.parseDouble(ratio) * 100) + "%)");
            observations.add(Observation.of(SOURCE, Signal.QUOTA_USAGE, "resourcequota/" + namespace + "/" + name)
                    .attr("namespace", namespace).attr("quota", name).attr("resource", resource).attr("used", u).attr("hard", h)
                    .attr("ratio", ratio).text(text));
        }
        return observations;
    }

    static List<Observation> limits(LimitRange range) {
        String namespace = range.getMetadata().getNamespace();
        String name = range.getMetadata().getName();
        List<Observation> observations = new ArrayList<>();
        List<LimitRangeItem> items = range.getSpec() == null || range.getSpec().getLimits() == null ? List.of() : range.getSpec().getLimits();
        for (LimitRangeItem item : items) {
            TreeSet<String> resources = new TreeSet<>();
            for (Map<String, Quantity> m : List.of(nonNull(item.getMax()), nonNull(item.getMin()), nonNull(item.getDefault()),
                    nonNull(item.getDefaultRequest()))) {
                resources.addAll(m.keySet());
            }
            for (String resource : resources) {
                String max = Quantities.text(nonNull(item.getMax()).get(resource));
                String min = Quantities.text(nonNull(item.getMin()).get(resource));
                String def = Quantities.text(nonNull(item.getDefault()).get(resource));
                String defReq = Quantities.text(nonNull(item.getDefaultRequest()).get(resource));
                List<String> parts = new ArrayList<>();
                if (max != null) {
                    parts.add("max " + max);
                }
                if (min != null) {
                    parts.add("min " + min);
                }
                if (def != null) {
                    parts.add("default limit " + def);
                }
                if (defReq != null) {
                    parts.add("default request " + defReq);
                }
                observations.add(Observation.of(SOURCE, Signal.LIMIT_RANGE, "limitrange/" + namespace + "/" + name)
                        .attr("namespace", namespace).attr("name", name).attr("type", item.getType()).attr("resource", resource)
                        .attr("max", max).attr("min", min).attr("default", def).attr("defaultRequest", defReq)
                        .text("limit range " + name + " in " + namespace + " (" + item.getType() + " " + resource + "): "
                                + String.join(", ", parts)));
            }
        }
        return observations;
    }

    private static Map<String, Quantity> nonNull(Map<String, Quantity> map) {
        return map == null ? Map.of() : map;
    }
}
