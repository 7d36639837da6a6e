package io.inquest.investigation.engine.tools.changes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.inquest.investigation.changes.StoredChange;
import io.inquest.investigation.engine.EvidenceTool;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.SourceSettings;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.ToolFindings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deploys and configuration changes recorded for the alert's service before it started: the most
 * common trigger of an incident ({@code scope=service}). Also the changes recorded for other
 * services in a longer window before it ({@code scope=elsewhere}): an upgrade of the broker it
 * uses, a sync that deleted its dependency's Service, or a red herring to rule out. Whether one
 * is the cause is the diagnosis' call.
 */
@ApplicationScoped
public class RecentChangesTool implements EvidenceTool {

    private final SourceSettings.Changes settings;

    public RecentChangesTool(SourceSettings settings) {
        this.settings = settings.changes();
    }

    @Override
    public String name() {
        return "recent_changes";
    }

    @Override
    public Uni<ToolFindings> investigate(Subject subject) {
        List<String> services = subject.target().names();
        if (services.isEmpty()) {
            return Uni.createFrom().item(ToolFindings.nothing("the alert names no service whose changes to look at"));
        }
        Instant start = subject.alert().startsAt();
        return Panache.withSession(() -> StoredChange.<StoredChange>find(
                "lower(service) in ?1 and at between ?2 and ?3 order by at desc", services,
                start.minus(settings.lookBack()), start.plus(settings.clockSkew())).page(0, 10).list()
                .flatMap(own -> StoredChange.<StoredChange>find(
                        "lower(service) not in ?1 and at between ?2 and ?3 order by at desc", services,
                        start.minus(settings.elsewhereLookBack()), start.plus(settings.clockSkew())).page(0, MAX_ELSEWHERE).list()
                        .map(elsewhere -> findings(subject, services, own, elsewhere))));
    }

    /** Changes to other services read at most: the latest first. */
    static final int MAX_ELSEWHERE = 10;

    private ToolFindings findings(Subject subject, List<String> services, List<StoredChange> changes, List<StoredChange> elsewhere) {
        Instant start = subject.alert().startsAt();
        List<Observation> observations = new ArrayList<>(changes.stream().map(change -> observation(change, "service", start)).toList());
        List<Observation> others = elsewhere.stream().map(change -> observation(change, "elsewhere", start)).toList();
        observations.addAll(others);
        String own = changes.isEmpty() ? "no changes to " + String.join(", ", services) + " in the "
                + settings.lookBack().toMinutes() + " minutes before the alert"
                : changes.size() + " change(s) before the alert; latest: " + observations.get(0).text();
        String other = others.isEmpty() ? "" : "; " + others.size() + " change(s) to other services in the "
                + settings.elsewhereLookBack().toHours() + " h before it, latest: " + others.get(0).text();
        return new ToolFindings(own + other, observations);
    }

    private Observation observation(StoredChange change, String scope, Instant start) {
        return Observation.of(name(), Signal.CHANGE, "change/" + change.service)
                .at(change.at)
                .attr("service", change.service).attr("kind", change.kind).attr("version", change.version)
                .attr("author", change.author).attr("description", change.description).attr("link", change.link)
                .attr("scope", scope)
                .text(describe(change, Duration.between(change.at, start)));
    }

    static String describe(StoredChange change, Duration before) {
        long minutes = before.toMinutes();
        String when = minutes >= 0 ? minutes + " min before the alert" : -minutes + " min after the alert's start";
        return capitalise(change.kind) + " of " + change.service + (change.version == null ? "" : " " + change.version)
                + (change.author == null ? "" : " by " + change.author) + " at " + change.at + " (" + when + ")"
                + (change.description == null || change.description.isBlank() ? "" : ": " + change.description)
                + (change.link == null ? "" : " [" + change.link + "]");
    }

    private static String capitalise(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
