package io.inquest.investigation.engine.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;

/**
 * Which change set a mechanism off: the latest recorded change or rollout of the workload in the
 * window before the mechanism's onset. The changes outside it are said to be ruled out.
 */
final class Triggers {

    /** A change this long before the onset can still be its trigger (a leak takes time to fill a limit). */
    static final Duration WINDOW = Duration.ofHours(2);
    /** Clocks and snapshot times differ: a change stamped this long after the onset may still be it. */
    static final Duration SKEW = Duration.ofMinutes(3);

    private Triggers() {
    }

    static List<Observation> changes(Case incident) {
        // A change to another service is context (RecentChangeRule.elsewhere), never this workload's trigger.
        List<Observation> changes = new ArrayList<>(incident.list(Signal.CHANGE, o -> o.at() != null && !o.is("scope", "elsewhere")));
        changes.addAll(incident.list(Signal.ROLLOUT, o -> o.at() != null && o.attr("previousReplicaSet") != null));
        changes.sort(Comparator.comparing(Observation::at).reversed());
        return changes;
    }

    /** The latest change in [onset - WINDOW, onset + SKEW]. */
    static Optional<Observation> find(Case incident, Instant onset) {
        Instant reference = onset == null ? incident.alertStart() : onset;
        return changes(incident).stream()
                .filter(c -> !c.at().isAfter(reference.plus(SKEW)) && !c.at().isBefore(reference.minus(WINDOW)))
                .findFirst();
    }

    private static final java.util.regex.Pattern BULK = java.util.regex.Pattern.compile(
            "(?i)\\b(migrat\\w*|backfill\\w*|re-?index\\w*|bulk|import\\w*|batch\\w*|etl|reprocess\\w*|resync\\w*|restore\\w*"
                    + "|rebuild\\w*|vacuum\\w*|purge\\w*|archiv\\w*)\\b");

    /**
     * Recorded changes of any service that write or rewrite data in bulk (a migration, a backfill,
     * an import, a batch job, a reindex) in [onset - WINDOW, onset + SKEW], latest first: what
     * loads a database every service shares, whichever service recorded it.
     */
    static List<Observation> bulkWork(Case incident, Instant onset) {
        Instant reference = onset == null ? incident.alertStart() : onset;
        return incident.all(Signal.CHANGE, c -> c.at() != null && !c.at().isAfter(reference.plus(SKEW))
                        && !c.at().isBefore(reference.minus(WINDOW))
                        && BULK.matcher(c.attr("kind", "") + " " + c.attr("version", "") + " " + c.attr("description", "")).find())
                .sorted(Comparator.comparing(Observation::at).reversed())
                .toList();
    }

    static String describe(Observation change) {
        return change.text();
    }

    /** Changes that were looked at and are not the trigger, with why. */
    static List<String> notTheTrigger(Case incident, Optional<Observation> trigger, String why) {
        return changes(incident).stream()
                .filter(c -> trigger.map(t -> !t.equals(c)).orElse(true))
                .limit(2)
                .map(c -> label(c) + " " + incident.relative(c.at()) + " is not the cause: " + why)
                .toList();
    }

    static String label(Observation change) {
        if (change.signal() == Signal.ROLLOUT) {
            return "the rollout of deployment " + change.attr("deployment") + " (ReplicaSet " + change.attr("replicaSet")
                    + (change.attr("revision") == null ? "" : ", revision " + change.attr("revision"))
                    + (change.attr("image") == null ? "" : ", image " + change.attr("image")) + ")";
        }
        return "the " + change.attr("kind", "change") + " of " + change.attr("service")
                + (change.attr("version") == null ? "" : " " + change.attr("version"));
    }
}
