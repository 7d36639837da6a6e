package io.inquest.investigation.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.inquest.investigation.changes.StoredChange;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deploys and configuration changes to the alert's service shortly before it started: the most
 * common cause of an incident. The closer a change is to the symptom, the more it weighs.
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
        String service = subject.alert().service();
        if (service == null) {
            return Uni.createFrom().item(new ToolFindings("the alert names no service whose changes to look at", List.of()));
        }
        Instant start = subject.alert().startsAt();
        return Panache.withSession(() -> StoredChange.<StoredChange>find(
                "service = ?1 and at between ?2 and ?3 order by at desc", service, start.minus(settings.lookBack()),
                start.plus(settings.clockSkew())).page(0, 10).list())
                .map(changes -> findings(subject, changes));
    }

    private ToolFindings findings(Subject subject, List<StoredChange> changes) {
        String service = subject.alert().service();
        if (changes.isEmpty()) {
            return new ToolFindings("no changes to " + service + " in the " + settings.lookBack().toMinutes()
                    + " minutes before the alert", List.of());
        }
        Instant start = subject.alert().startsAt();
        List<Evidence> evidence = changes.stream().map(change -> {
            Duration before = Duration.between(change.at, start);
            return new Evidence(name(), describe(change, before), HypothesisKind.RECENT_CHANGE, weight(before));
        }).toList();
        return new ToolFindings(changes.size() + " change(s) to " + service + " before the alert; latest: "
                + evidence.get(0).finding(), evidence);
    }

    static String describe(StoredChange change, Duration before) {
        long minutes = before.toMinutes();
        String when = minutes >= 0 ? minutes + " min before the alert" : -minutes + " min after the alert's start";
        return capitalise(change.kind) + " of " + change.service + (change.version == null ? "" : " " + change.version)
                + (change.author == null ? "" : " by " + change.author) + " at " + change.at + " (" + when + ")"
                + (change.description == null || change.description.isBlank() ? "" : ": " + change.description)
                + (change.link == null ? "" : " [" + change.link + "]");
    }

    /** A change minutes before the symptom is a strong suspect; one hours before, a weak one. */
    static double weight(Duration before) {
        long minutes = Math.abs(before.toMinutes());
        if (minutes <= 15) {
            return 0.6;
        }
        if (minutes <= 60) {
            return 0.45;
        }
        return 0.25;
    }

    private static String capitalise(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
