package io.inquest.investigation.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.inquest.events.Alert;
import io.inquest.events.InvestigationCancelled;
import io.inquest.events.InvestigationCompleted;
import io.inquest.events.InvestigationFailed;
import io.inquest.events.RcaReport;
import io.inquest.events.RunStats;
import io.inquest.events.Stage;
import io.inquest.events.StageCompleted;
import io.inquest.events.StageStarted;
import io.inquest.events.ToolCalled;
import io.inquest.investigation.engine.EvidenceTool;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.SourceSettings;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Symptom;
import io.inquest.investigation.engine.Target;
import io.inquest.investigation.engine.diagnosis.Case;
import io.inquest.investigation.engine.diagnosis.Diagnosis;
import io.inquest.investigation.store.InvestigationStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * Runs one claimed investigation through its stages: sources, alert, plan, tool calls,
 * diagnosis, report. Every step ends in a checkpoint ({@link RunCheckpoints}), which stops the
 * run if the investigation was cancelled or claimed by another worker; the run ends with exactly
 * one terminal outcome.
 */
@ApplicationScoped
public class InvestigationRunner {

    private static final Logger LOG = Logger.getLogger(InvestigationRunner.class);

    private final List<EvidenceTool> tools;
    private final RunCheckpoints checkpoints;
    private final RunSettings settings;
    private final Diagnosis diagnosis;
    private final SourceSettings.Labels labels;

    public InvestigationRunner(Instance<EvidenceTool> tools, RunCheckpoints checkpoints, RunSettings settings,
            Diagnosis diagnosis, SourceSettings sources) {
        this.tools = tools.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
        this.checkpoints = checkpoints;
        this.settings = settings;
        this.diagnosis = diagnosis;
        this.labels = sources.labels();
    }

    /** The state of one run; never shared with another. */
    private static final class Run {
        final Claim claim;
        final long startNanos = System.nanoTime();
        final Duration timeLimit;
        Alert alert;
        List<String> recipients;
        Subject subject;
        List<EvidenceTool> plan = List.of();
        final List<Observation> observations = new ArrayList<>();
        final Set<String> answered = new HashSet<>();
        int toolCalls;
        int loops;
        RcaReport report;
        /** Stage events not stored yet: they go with the next checkpoint, or with the outcome. */
        final List<RunCheckpoints.Step> pending = new ArrayList<>();

        Run(Claim claim, Duration timeLimit) {
            this.claim = claim;
            this.timeLimit = timeLimit;
        }

        String id() {
            return claim.investigationId();
        }

        long elapsedMs() {
            return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        }

        RunStats stats(double validity) {
            return new RunStats(toolCalls, loops, validity, elapsedMs());
        }

        /** What is left of the time limit, or {@link RunOverTimeLimit} once it is used up. */
        Duration checkTimeLimit() {
            Duration remaining = timeLimit.minusNanos(System.nanoTime() - startNanos);
            if (remaining.isNegative() || remaining.isZero()) {
                throw new RunOverTimeLimit(timeLimit);
            }
            return remaining;
        }
    }

    /**
     * Runs the stages and stores the outcome. The time limit is a deadline checked before every
     * stored step and bounding every tool call; a step's transaction is never cancelled half-way
     * (that left its session open under the failure path's own transaction), so a run over its
     * limit ends {@code failed} by its own attempt once the step in flight has finished.
     */
    public Uni<Void> run(Claim claim) {
        Run run = new Run(claim, settings.timeLimit());
        return load(run)
                .flatMap(loaded -> stage(run, Stage.RESOLVE_SOURCES, () -> resolveSources(run)))
                .flatMap(ignored -> stage(run, Stage.EXTRACT_ALERT, () -> extractAlert(run)))
                .flatMap(ignored -> stage(run, Stage.PLAN, () -> plan(run)))
                .flatMap(ignored -> stage(run, Stage.INVESTIGATE, () -> investigate(run)))
                .flatMap(ignored -> stage(run, Stage.DIAGNOSE, () -> diagnose(run)))
                .flatMap(ignored -> stage(run, Stage.REPORT, () -> Uni.createFrom().item(run.report.rootCause())))
                .flatMap(ignored -> complete(run))
                .onFailure().recoverWithUni(failure -> end(run, failure));
    }

    private Uni<Void> load(Run run) {
        return checkpoints.load(run.claim).invoke(start -> {
            run.alert = start.alert();
            run.recipients = start.recipients();
        }).replaceWithVoid();
    }

    // --- stages -------------------------------------------------------------------------------

    private Uni<String> resolveSources(Run run) {
        List<String> ready = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (EvidenceTool tool : tools) {
            tool.notConfigured().ifPresentOrElse(why -> skipped.add(tool.name() + " (" + why + ")"),
                    () -> ready.add(tool.name()));
        }
        return Uni.createFrom().item("sources: " + String.join(", ", ready)
                + (skipped.isEmpty() ? "" : "; not configured: " + String.join(", ", skipped)));
    }

    private Uni<String> extractAlert(Run run) {
        Alert alert = run.alert;
        if (isTestAlert(alert)) {
            throw new RunInterrupted(RunInterrupted.Why.NOISE, "test alert: not investigated");
        }
        List<String> texts = new ArrayList<>();
        texts.add(alert.title());
        texts.add(String.valueOf(alert.summary()));
        texts.add(String.valueOf(alert.description()));
        texts.add(String.valueOf(alert.labels().get("alertname")));
        texts.add(String.valueOf(alert.links().get("generator")));
        texts.addAll(alert.annotations().values());
        run.subject = new Subject(run.id(), alert, Symptom.classify(texts), Target.of(alert, labels));
        return Uni.createFrom().item("symptom: " + run.subject.symptom().label() + " on " + run.subject.serviceOrUnknown());
    }

    private Uni<String> plan(Run run) {
        run.plan = tools.stream().filter(t -> t.notConfigured().isEmpty()).limit(settings.maxIterations()).toList();
        return Uni.createFrom().item("tools: " + String.join(", ", run.plan.stream().map(EvidenceTool::name).toList()));
    }

    private Uni<String> investigate(Run run) {
        Uni<Void> loop = Uni.createFrom().voidItem();
        for (EvidenceTool tool : run.plan) {
            loop = loop.flatMap(ignored -> callTool(run, tool));
        }
        return loop.map(ignored -> run.observations.size() + " finding(s) from " + run.toolCalls + " tool call(s)");
    }

    private Uni<Void> callTool(Run run, EvidenceTool tool) {
        int iteration = ++run.loops;
        long started = System.nanoTime();
        return Uni.createFrom().deferred(() -> {
                    Duration remaining = run.checkTimeLimit();
                    boolean runLimitFirst = remaining.compareTo(settings.toolTimeLimit()) < 0;
                    return tool.investigate(run.subject)
                            .ifNoItem().after(runLimitFirst ? remaining : settings.toolTimeLimit())
                            .failWith(() -> runLimitFirst ? new RunOverTimeLimit(run.timeLimit)
                                    : new IllegalStateException(tool.name() + " gave no answer within " + settings.toolTimeLimit()));
                })
                .map(findings -> {
                    run.toolCalls++;
                    run.answered.add(tool.name());
                    // Evidence ids are the tool's name and a number: stable within the run, readable in a report.
                    for (Observation o : findings.observations()) {
                        run.observations.add(o.withId(tool.name() + "-" + (run.observations.size() + 1)));
                    }
                    return new ToolCalled(run.id(), run.claim.attempt(), tool.name(), iteration, "ok", findings.summary(),
                            findings.observations().size(), millisSince(started), Instant.now());
                })
                .onFailure(f -> !(f instanceof RunInterrupted) && !(f instanceof RunOverTimeLimit)).recoverWithItem(failure -> {
                    run.toolCalls++;
                    LOG.warnf("investigation %s: tool %s failed: %s", run.id(), tool.name(), failure.toString());
                    return new ToolCalled(run.id(), run.claim.attempt(), tool.name(), iteration, "error",
                            String.valueOf(failure.getMessage()), 0, millisSince(started), Instant.now());
                })
                .flatMap(called -> checkpoint(run, "tool:" + iteration + ":" + tool.name(), called));
    }

    private Uni<String> diagnose(Run run) {
        run.report = diagnosis.diagnose(new Case(run.subject, run.observations, run.answered), run.stats(0));
        return Uni.createFrom().item(run.report.rootCauseCategory() + " (validity " + run.report.validityScore() + ")");
    }

    /**
     * A stage's events wait for the next checkpoint: the stages around the tool calls take
     * microseconds, so storing each on its own cost a transaction per event for nothing. Every
     * tool call is a checkpoint (it may take seconds, and renews the lease), and the outcome
     * stores whatever is still pending with the terminal event, so the history is the same.
     */
    private Uni<Void> stage(Run run, Stage stage, Supplier<Uni<String>> work) {
        String name = stage.wireName();
        long started = System.nanoTime();
        run.pending.add(new RunCheckpoints.Step("stage-started:" + name,
                new StageStarted(run.id(), run.claim.attempt(), stage, Instant.now())));
        return Uni.createFrom().deferred(() -> {
                    run.checkTimeLimit();
                    return work.get();
                })
                .invoke(summary -> run.pending.add(new RunCheckpoints.Step("stage-completed:" + name,
                        new StageCompleted(run.id(), run.claim.attempt(), stage, summary, millisSince(started), Instant.now()))))
                .replaceWithVoid();
    }

    /** Stores the pending events with this one; they are dropped only once the transaction committed. */
    private Uni<Void> checkpoint(Run run, String step, Record event) {
        run.checkTimeLimit();
        run.pending.add(new RunCheckpoints.Step(step, event));
        List<RunCheckpoints.Step> steps = List.copyOf(run.pending);
        return checkpoints.checkpoint(run.claim, steps).invoke(() -> run.pending.subList(0, steps.size()).clear());
    }

    // --- outcomes ---------------------------------------------------------------------------------

    private Uni<Void> complete(Run run) {
        // The report's stats are counted up to the report stage; the duration covers the whole run.
        RcaReport report = run.report.withStats(run.stats(run.report.validityScore()));
        Instant now = Instant.now();
        return finish(run, InvestigationStatus.COMPLETED, report, null,
                new InvestigationCompleted(run.id(), run.alert, run.recipients, report, now), now);
    }

    private Uni<Void> end(Run run, Throwable failure) {
        Instant now = Instant.now();
        if (failure instanceof RunInterrupted interrupted) {
            return switch (interrupted.why) {
                case CLAIM_LOST -> {
                    LOG.infof("investigation %s attempt %d stopped: %s", run.id(), run.claim.attempt(), failure.getMessage());
                    yield Uni.createFrom().voidItem();
                }
                case CANCEL_REQUESTED, NOISE -> finish(run, InvestigationStatus.CANCELLED, null, failure.getMessage(),
                        new InvestigationCancelled(run.id(), failure.getMessage(), now), now);
            };
        }
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        LOG.errorf("investigation %s failed: %s", run.id(), reason);
        return finish(run, InvestigationStatus.FAILED, null, reason,
                new InvestigationFailed(run.id(), run.alert, run.recipients, reason, run.stats(0), now), now);
    }

    private Uni<Void> finish(Run run, InvestigationStatus status, RcaReport report, String reason, Record event,
            Instant now) {
        return checkpoints.finish(run.claim, List.copyOf(run.pending), status, report, reason, event, now).invoke(written -> {
            if (written) {
                LOG.infof("investigation %s %s in %d ms", run.id(), status.wireName(), run.elapsedMs());
            }
        }).replaceWithVoid();
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static boolean isTestAlert(Alert alert) {
        String test = alert.labels().getOrDefault("test", "false").toLowerCase(Locale.ROOT);
        return test.equals("true") || test.equals("yes") || alert.title().toLowerCase(Locale.ROOT).startsWith("[test]");
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
