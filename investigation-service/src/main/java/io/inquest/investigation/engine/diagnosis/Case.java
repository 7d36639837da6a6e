package io.inquest.investigation.engine.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.Subject;

/**
 * What the diagnosis reasons on: the subject, every observation of the run, and which sources
 * answered (so a rule can tell "not seen" from "not looked at").
 */
public record Case(Subject subject, List<Observation> observations, Set<String> consulted) {

    /** Evidence this long before the alert still belongs to the incident; older is history. */
    public static final Duration RECENT = Duration.ofMinutes(60);

    public Case {
        observations = List.copyOf(observations);
        consulted = Set.copyOf(consulted);
    }

    public Instant alertStart() {
        return subject.alert().startsAt();
    }

    public Stream<Observation> all(Signal signal) {
        return observations.stream().filter(o -> o.signal() == signal);
    }

    public Stream<Observation> all(Signal signal, Predicate<Observation> which) {
        return all(signal).filter(which);
    }

    public List<Observation> list(Signal signal, Predicate<Observation> which) {
        return all(signal, which).toList();
    }

    public Optional<Observation> first(Signal signal, Predicate<Observation> which) {
        return all(signal, which).findFirst();
    }

    public boolean any(Signal signal, Predicate<Observation> which) {
        return all(signal).anyMatch(which);
    }

    public boolean consulted(String source) {
        return consulted.contains(source);
    }

    /** Whether the cluster was read (pods, events, nodes): only then does "not seen there" mean anything. */
    public boolean kubernetesRead() {
        return consulted("kubernetes");
    }

    public boolean metricsRead() {
        return consulted("prometheus");
    }

    public boolean logsRead() {
        return consulted("logs");
    }

    /** Within the incident: from {@link #RECENT} before the alert's start on (observations without a time count). */
    public boolean recent(Observation o) {
        return o.at() == null || !o.at().isBefore(alertStart().minus(RECENT));
    }

    /** "12 min before the alert", "3 min after the alert's start", "3 days before the alert". */
    public String relative(Instant at) {
        return Relative.toAlert(at, alertStart());
    }
}
