package io.inquest.investigation.engine.tools.related;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.inquest.investigation.engine.EvidenceTool;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.ToolFindings;
import io.inquest.investigation.store.Investigation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Other investigations of the same service near the same time: a shared upstream cause, a cascade, or a storm. */
@ApplicationScoped
public class RelatedAlertsTool implements EvidenceTool {

    private static final Duration WINDOW = Duration.ofMinutes(30);

    @Override
    public String name() {
        return "related_alerts";
    }

    @Override
    public Uni<ToolFindings> investigate(Subject subject) {
        String service = subject.alert().service();
        if (service == null) {
            return Uni.createFrom().item(ToolFindings.nothing("the alert names no service to correlate on"));
        }
        Instant start = subject.alert().startsAt();
        return Panache.withSession(() -> Investigation.<Investigation>find(
                "id <> ?1 and service = ?2 and alertStartsAt between ?3 and ?4 order by alertStartsAt",
                subject.investigationId(), service, start.minus(WINDOW), start.plus(WINDOW)).page(0, 20).list())
                .map(related -> findings(subject, related));
    }

    private ToolFindings findings(Subject subject, List<Investigation> related) {
        if (related.isEmpty()) {
            return ToolFindings.nothing("no other alerts on " + subject.alert().service() + " within "
                    + WINDOW.toMinutes() + " minutes");
        }
        List<String> titles = related.stream().map(i -> i.title).distinct().limit(3).toList();
        String finding = related.size() + " other alert(s) on " + subject.alert().service() + " within "
                + WINDOW.toMinutes() + " minutes: " + String.join("; ", titles);
        return new ToolFindings(finding, List.of(Observation.of(name(), Signal.RELATED_ALERTS, "service/" + subject.alert().service())
                .at(related.get(0).alertStartsAt).attr("count", related.size()).attr("titles", String.join("; ", titles))
                .text(finding)));
    }
}
