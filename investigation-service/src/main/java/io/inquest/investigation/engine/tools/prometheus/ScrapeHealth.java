package io.inquest.investigation.engine.tools.prometheus;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.inquest.events.Alert;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.smallrye.mutiny.Uni;

/**
 * Whether the monitoring itself blinked: many scrape targets of one Prometheus, of several jobs,
 * failing their scrapes ({@code up == 0}) at the same moment and all back moments later. Targets
 * of unrelated services do not go down together; a Prometheus that cannot reach them (its own
 * network, CPU or scrape timeouts) makes them look so, and every "target down" or "no data"
 * alert fires at once. The scrape durations meanwhile, the scraping Prometheus' failed dials and
 * the alerts firing together ({@code ALERTS}) say which it was.
 */
final class ScrapeHealth {

    /** Targets down at once from which it is a gap of the scraper rather than of one service. */
    static final int MIN_TARGETS = 3;
    /** Targets whose scrapes began to fail this close together failed together. */
    static final Duration TOGETHER = Duration.ofSeconds(60);
    /** How far before the alert's start a gap is looked for (a "down for 5m" rule fires 5 minutes after it began). */
    static final Duration BEFORE = Duration.ofMinutes(30);

    private ScrapeHealth() {
    }

    static Uni<List<Observation>> read(Inquiry inquiry) {
        String up = inquiry.settings().metrics().up();
        Uni<Optional<List<Series>>> down = inquiry.many("targets whose scrapes failed", up + " == 0");
        Uni<Optional<Series>> total = inquiry.single("scrape targets", "count(" + up + ")");
        Uni<Optional<Series>> duration = inquiry.single("the longest scrape", "max(scrape_duration_seconds)");
        Uni<Optional<List<Series>>> dials = inquiry.many("failed dials of the scraping Prometheus",
                "sum by (pod, instance, job, reason) (increase(" + inquiry.settings().metrics().scrapeDialFailures() + "["
                        + inquiry.settings().rateWindow().toSeconds() + "s])) > 0");
        Uni<Optional<List<Series>>> alerts = inquiry.many("alerts firing at once", "count by (alertname) (ALERTS{alertstate=\"firing\"})");
        return Uni.combine().all().unis(down, total, duration, dials, alerts).asTuple()
                .map(t -> t.getItem1().flatMap(d -> gap(inquiry, d, t.getItem2(), t.getItem3(), t.getItem4().orElse(List.of()),
                        t.getItem5().orElse(List.of()))).map(List::of).orElse(List.of()));
    }

    /** One target's failed scrapes: from its first failure in the range to the end of that run. */
    record Outage(Map<String, String> labels, Instant from, Instant to, boolean back) {

        String job() {
            return labels.getOrDefault("job", "");
        }
    }

    static Optional<Observation> gap(Inquiry inquiry, List<Series> down, Optional<Series> total, Optional<Series> duration,
            List<Series> dials, List<Series> alerts) {
        long step = inquiry.window().step().toSeconds();
        Instant start = inquiry.alertStart();
        Instant lookFrom = start.minus(BEFORE);
        Instant windowEnd = inquiry.window().to();
        List<Outage> outages = new ArrayList<>();
        for (Series s : down) {
            List<Series.Point> points = s.between(lookFrom, start.plus(Duration.ofMinutes(2))).points();
            if (points.isEmpty()) {
                continue;
            }
            Series.Point first = points.get(0);
            Series.Point last = first;
            for (Series.Point p : s.points()) {
                if (p.epochSecond() <= first.epochSecond()) {
                    continue;
                }
                if (p.epochSecond() - last.epochSecond() > 2 * step) {
                    break;
                }
                last = p;
            }
            boolean back = windowEnd.getEpochSecond() - last.epochSecond() > 2 * step;
            outages.add(new Outage(s.labels(), first.at(), last.at(), back));
        }
        outages.sort(Comparator.comparing(Outage::from));
        // The largest set of targets whose failures began within TOGETHER of each other.
        List<Outage> together = List.of();
        for (int i = 0; i < outages.size(); i++) {
            Instant begin = outages.get(i).from();
            List<Outage> set = outages.stream().filter(o -> !o.from().isBefore(begin) && !o.from().isAfter(begin.plus(TOGETHER))).toList();
            if (set.size() > together.size()) {
                together = set;
            }
        }
        Set<String> jobs = together.stream().map(Outage::job).filter(j -> !j.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
        if (together.size() < MIN_TARGETS || jobs.size() < 2) {
            return Optional.empty();
        }
        Instant from = together.get(0).from();
        Instant to = together.stream().map(Outage::to).max(Comparator.naturalOrder()).orElseThrow();
        boolean recovered = together.stream().allMatch(Outage::back);
        Instant back = Instant.ofEpochSecond(to.getEpochSecond() + step);
        long seconds = to.getEpochSecond() - from.getEpochSecond() + step;
        Set<String> namespaces = together.stream().map(o -> o.labels().get("namespace")).filter(n -> n != null && !n.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Optional<Long> targets = total.flatMap(s -> s.between(from.minusSeconds(10 * step), from).max()).map(p -> Math.round(p.value()));

        Map<String, String> alertLabels = inquiry.subject().alert().labels();
        boolean alertTarget = together.stream().anyMatch(o -> agrees(o.labels(), alertLabels, "instance")
                || agrees(o.labels(), alertLabels, "pod"));

        // The longest scrape meanwhile, against before: scrapes running into their timeout.
        Optional<Double> longest = duration.flatMap(s -> s.between(from.minusSeconds(step), back.plusSeconds(step)).max())
                .map(Series.Point::value);
        Optional<Double> usual = duration.flatMap(s -> s.filter(p -> p.epochSecond() < from.getEpochSecond() - step).median());

        // The scraping Prometheus: the one whose dials failed meanwhile, by reason.
        Map<String, Long> failedDials = new TreeMap<>();
        Set<String> dialers = new LinkedHashSet<>();
        for (Series s : dials) {
            Optional<Series.Point> peak = s.between(from, back.plus(inquiry.settings().rateWindow())).max();
            if (peak.isPresent() && peak.get().value() >= 1) {
                failedDials.merge(s.labels().getOrDefault("reason", "failed"), Math.round(peak.get().value()), Long::sum);
                Optional.ofNullable(s.labels().getOrDefault("pod", s.labels().get("instance"))).ifPresent(dialers::add);
            }
        }
        Map<String, Long> firing = new LinkedHashMap<>();
        for (Series s : alerts) {
            s.between(start.minusSeconds(2 * step), start.plus(Duration.ofMinutes(2))).max()
                    .filter(p -> p.value() >= 2).ifPresent(p -> firing.put(s.labels().getOrDefault("alertname", "?"), Math.round(p.value())));
        }

        String prometheus = scraper(inquiry.subject().alert(), dialers);
        StringBuilder text = new StringBuilder("a scrape gap of the monitoring, not of the targets: every scrape");
        if (prometheus != null) {
            text.append(" by Prometheus ").append(prometheus);
        }
        text.append(" of ").append(together.size()).append(targets.map(n -> " of " + n).orElse("")).append(" targets failed at once (")
                .append(inquiry.settings().metrics().up()).append(" == 0) from ").append(Quantities.time(from)).append(" to ")
                .append(Quantities.time(to)).append(" (").append(seconds).append(" s), ").append(inquiry.relative(from))
                .append(": jobs ").append(String.join(", ", jobs));
        if (!namespaces.isEmpty()) {
            text.append(" in namespaces ").append(String.join(", ", namespaces));
        }
        text.append(recovered ? "; all were back (up 1) by " + Quantities.time(back) + " and stayed so"
                : "; not all of them were back at " + Quantities.time(windowEnd));
        longest.ifPresent(l -> text.append("; scrape_duration_seconds reached ").append(Quantities.number(l)).append(" s meanwhile")
                .append(usual.map(u -> " against " + Quantities.number(u) + " s before").orElse("")));
        if (!failedDials.isEmpty()) {
            text.append("; ").append(inquiry.settings().metrics().scrapeDialFailures())
                    .append(dialers.isEmpty() ? "" : " of " + String.join(", ", dialers)).append(" rose by ")
                    .append(failedDials.entrySet().stream().map(e -> e.getValue() + " (reason " + e.getKey() + ")")
                            .collect(Collectors.joining(", ")));
        }
        if (!firing.isEmpty()) {
            text.append("; alerts firing together then: ").append(firing.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", ")));
        }
        return Optional.of(Observation.of(Inquiry.SOURCE, Signal.SCRAPE_GAP, "prometheus/" + (prometheus == null ? "scrapes" : prometheus))
                .at(from)
                .attr("prometheus", prometheus)
                .attr("targets", together.size()).attr("total", targets.orElse(null))
                .attr("jobs", String.join(", ", jobs)).attr("namespaces", namespaces.isEmpty() ? null : String.join(", ", namespaces))
                .attr("instances", together.stream().map(o -> o.labels().get("instance")).filter(i -> i != null)
                        .limit(12).collect(Collectors.joining(", ")))
                .attr("from", from).attr("to", to).attr("back", recovered ? back : null).attr("durationSeconds", seconds)
                .attr("recovered", recovered).attr("alertTarget", alertTarget)
                .attr("scrapeDuration", longest.map(Quantities::exact).orElse(null))
                .attr("dialFailures", failedDials.isEmpty() ? null : failedDials.toString())
                .attr("firingAlerts", firing.isEmpty() ? null : firing.toString())
                .attr("abnormal", true)
                .text(text.toString()));
    }

    private static boolean agrees(Map<String, String> series, Map<String, String> alert, String label) {
        return series.get(label) != null && series.get(label).equals(alert.get(label));
    }

    /**
     * The Prometheus that scraped: the host of the alert's generator link (Prometheus writes its
     * own address there), its {@code prometheus} external label, the pods whose dials failed.
     */
    static String scraper(Alert alert, Set<String> dialers) {
        List<String> names = new ArrayList<>();
        String link = alert.links().get("generator");
        if (link != null && link.contains("/graph")) {
            try {
                URI uri = new URI(link.trim());
                if (uri.getHost() != null) {
                    names.add(uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
                }
            } catch (java.net.URISyntaxException e) {
                // a malformed link is told by the alert's expression reading; here it names nothing
            }
        }
        dialers.stream().filter(d -> names.stream().noneMatch(n -> n.startsWith(d))).forEach(names::add);
        String external = alert.labels().get("prometheus");
        if (names.isEmpty()) {
            return external;
        }
        return String.join(", ", names) + (external == null ? "" : " (prometheus=" + external + ")");
    }
}
