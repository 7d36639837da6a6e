package io.inquest.investigation.engine.tools.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.Symptom;
import io.smallrye.mutiny.Uni;

/**
 * Volumes filling up: the kubelet's PVC statistics ({@code kubelet_volume_stats_*}) and
 * node_exporter's filesystems ({@code node_filesystem_*}). Which: the PVC or filesystem the
 * alert's labels name, the PVCs named after the service, its dependencies or its database
 * servers ({@code data-orders-db-0}), the node the alert names; for a disk alert that names
 * none, all of them when there are only a few.
 */
final class VolumeSignals {

    static final double FULL = 0.9;
    /** node_exporter's pseudo filesystems: never what fills up. */
    static final String PSEUDO_FS = "tmpfs|ramfs|overlay|squashfs|nsfs|autofs|fuse.lxcfs|devtmpfs";

    private VolumeSignals() {
    }

    /** One volume: how to select its available and capacity series, and its name. */
    record Volume(String of, Selector selector, boolean pvc, String selectedBy) {
    }

    static Uni<List<Volume>> find(Inquiry inquiry, List<String> names, String namespace, String node) {
        PrometheusSettings s = inquiry.settings();
        PrometheusSettings.Metrics m = s.metrics();
        Map<String, String> alert = inquiry.subject().alert().labels();
        List<Selector> pvcs = new ArrayList<>();
        List<Selector> filesystems = new ArrayList<>();
        Optional.ofNullable(alert.get("persistentvolumeclaim")).ifPresent(pvc -> pvcs.add(Selector.eq("persistentvolumeclaim", pvc)));
        for (String name : names) {
            Selector byName = Selector.of().and("persistentvolumeclaim", "=~", "(.+-)?" + Selector.literal(name) + "(-.+)?");
            pvcs.add(namespace == null ? byName : Selector.eq(s.labels().namespace(), namespace).and(byName));
        }
        for (String key : List.of("instance", "node", "mountpoint", "device")) {
            Optional.ofNullable(alert.get(key)).ifPresent(v -> filesystems.add(Selector.eq(key, v)));
        }
        if (node != null) {
            filesystems.add(Selector.eq("node", node));
            filesystems.add(Selector.of().and("instance", "=~", Selector.literal(node) + "(:[0-9]+)?"));
        }
        List<String> selectors = new ArrayList<>();
        pvcs.forEach(p -> selectors.add(p.forNames(List.of(m.volumeCapacity()))));
        filesystems.forEach(f -> selectors.add(f.forNames(List.of(m.filesystemSize()))));
        boolean diskAlert = inquiry.subject().symptom() == Symptom.DISK_SATURATION;
        Uni<List<Map<String, String>>> named = selectors.isEmpty() ? Uni.createFrom().item(List.of())
                : inquiry.series("the volume series", selectors).map(found -> found.orElse(List.of()));
        return named.flatMap(sets -> {
            List<Volume> volumes = volumes(sets, s, "the alert's labels or the service's name");
            if (!volumes.isEmpty() || !diskAlert) {
                return Uni.createFrom().item(volumes);
            }
            return inquiry.series("every volume series", List.of(Selector.of().forNames(List.of(m.volumeCapacity())),
                    Selector.of().and("fstype", "!~", PSEUDO_FS).forNames(List.of(m.filesystemSize()))))
                    .map(all -> {
                        List<Volume> every = volumes(all.orElse(List.of()), s, "fallback: the alert names no volume");
                        return every.size() <= DatabaseSignals.FEW ? every : List.<Volume>of();
                    });
        });
    }

    static List<Volume> volumes(List<Map<String, String>> sets, PrometheusSettings s, String how) {
        Map<String, Volume> out = new LinkedHashMap<>();
        String ns = s.labels().namespace();
        for (Map<String, String> set : sets) {
            String claim = set.get("persistentvolumeclaim");
            if (claim != null && s.metrics().volumeCapacity().equals(set.get("__name__"))) {
                Selector sel = Selector.eq("persistentvolumeclaim", claim);
                if (set.containsKey(ns)) {
                    sel = Selector.eq(ns, set.get(ns)).and(sel);
                }
                String of = "pvc/" + (set.containsKey(ns) ? set.get(ns) + "/" : "") + claim;
                out.putIfAbsent(of, new Volume(of, sel, true, how));
            } else if (set.containsKey("mountpoint") && s.metrics().filesystemSize().equals(set.get("__name__"))
                    && !set.getOrDefault("fstype", "").matches(PSEUDO_FS)) {
                Selector sel = Selector.eq("instance", set.getOrDefault("instance", "")).and("mountpoint", "=", set.get("mountpoint"));
                String of = set.getOrDefault("instance", "") + ":" + set.get("mountpoint");
                out.putIfAbsent(of, new Volume(of, sel, false, how));
            }
        }
        return List.copyOf(out.values()).subList(0, Math.min(out.size(), 2 * DatabaseSignals.FEW));
    }

    static Uni<List<Observation>> read(Inquiry inquiry, Volume volume) {
        PrometheusSettings.Metrics m = inquiry.settings().metrics();
        String available = "min(" + volume.selector().of(volume.pvc() ? m.volumeAvailable() : m.filesystemAvailable()) + ")";
        String capacity = "max(" + volume.selector().of(volume.pvc() ? m.volumeCapacity() : m.filesystemSize()) + ")";
        return Uni.combine().all().unis(inquiry.single("free space of " + volume.of(), available),
                inquiry.single("capacity of " + volume.of(), capacity)).asTuple()
                .map(t -> t.getItem1().isEmpty() || t.getItem2().isEmpty() ? List.<Observation>of()
                        : usage(inquiry, volume, available, t.getItem1().get(), t.getItem2().get()));
    }

    static List<Observation> usage(Inquiry inquiry, Volume volume, String query, Series available, Series capacity) {
        Optional<Double> size = capacity.max().map(Series.Point::value).filter(v -> v > 0);
        if (size.isEmpty() || available.isEmpty()) {
            return List.of();
        }
        double cap = size.get();
        Series used = available.combine(capacity, cap, (free, total) -> total > 0 ? 1 - free / total : Double.NaN);
        Series.Point fullest = used.max().orElseThrow();
        double freeAtFullest = cap * (1 - fullest.value());
        double before = ChangePoint.baseline(used, inquiry.calmUntil()).orElse(fullest.value());
        Optional<Series.Point> crossed = used.points().stream().filter(p -> p.value() >= FULL).findFirst();
        boolean abnormal = fullest.value() >= FULL;
        String text = (volume.pvc() ? "volume " : "filesystem ") + volume.of() + " was " + Quantities.percent(fullest.value()) + " full "
                + inquiry.when(fullest.at()) + ": " + Quantities.bytes(freeAtFullest) + " free of " + Quantities.bytes(cap)
                + " (" + query.replaceAll("^min\\((\\w+)\\{.*$", "$1") + "); " + Quantities.percent(before) + " before"
                + crossed.map(c -> "; past " + Quantities.percent(FULL) + " " + inquiry.when(c.at())).orElse("");
        return List.of(Observation.of(Inquiry.SOURCE, Signal.VOLUME_USAGE, "volume/" + volume.of())
                .at(crossed.map(Series.Point::at).orElse(null))
                .attr("of", volume.of()).attr("availableBytes", String.valueOf(Math.round(freeAtFullest)))
                .attr("capacityBytes", String.valueOf(Math.round(cap))).attr("ratio", Quantities.number(fullest.value()))
                .attr("baseline", Quantities.number(before)).attr("peakAt", fullest.at())
                .attr("capacity", Quantities.bytes(cap)).attr("query", query).attr("selectedBy", volume.selectedBy())
                .attr("abnormal", abnormal).text(text));
    }
}
