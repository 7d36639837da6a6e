package io.inquest.investigation.engine.tools.prometheus;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * The reads of one tool call: at most {@code concurrency} in flight (the others wait their turn),
 * each one's failure kept rather than thrown so the others still count, and nothing begun after
 * the call's time budget. What failed is told in the tool's summary. One instance per tool call:
 * nothing is shared between investigations.
 */
final class Reads {

    /** One read: what it is for (said when it fails) and how to make it. */
    record Read<T>(String what, Supplier<Uni<T>> call) {
    }

    private final int concurrency;
    private final long deadlineNanos;
    private final Duration budget;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger attempted = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    Reads(int concurrency, Duration budget) {
        this.concurrency = concurrency;
        this.budget = budget;
        this.deadlineNanos = System.nanoTime() + budget.toNanos();
    }

    /** Runs the reads; each result is present when its read answered, in the order given. */
    <T> Uni<List<Optional<T>>> all(List<Read<T>> reads) {
        if (reads.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(reads.stream().map(this::one).toList()).andFailFast();
    }

    /** One read, when a slot is free; empty (and the failure kept) when it failed or came too late. */
    <T> Uni<Optional<T>> one(Read<T> read) {
        return Uni.createFrom().<Optional<T>>emitter(emitter -> {
            Runnable start = () -> {
                attempted.incrementAndGet();
                if (System.nanoTime() > deadlineNanos) {
                    failures.add(read.what() + ": not read, the " + budget.toSeconds() + "s budget of the call was spent");
                    release();
                    emitter.complete(Optional.empty());
                    return;
                }
                Uni.createFrom().<T>deferred(() -> read.call().get()).subscribe().with(result -> {
                    answered.incrementAndGet();
                    release();
                    emitter.complete(Optional.ofNullable(result));
                }, failure -> {
                    failures.add(read.what() + ": " + failure.getMessage());
                    release();
                    emitter.complete(Optional.empty());
                });
            };
            boolean now;
            synchronized (this) {
                now = inFlight < concurrency;
                if (now) {
                    inFlight++;
                } else {
                    waiting.add(start);
                }
            }
            if (now) {
                start.run();
            }
        });
    }

    /** Hands the slot to the next waiting read, or frees it. */
    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
            }
        }
        if (next != null) {
            next.run();
        }
    }

    int attempted() {
        return attempted.get();
    }

    int answered() {
        return answered.get();
    }

    /** The failures in the order they happened. */
    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }
}
