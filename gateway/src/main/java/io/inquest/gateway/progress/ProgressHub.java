package io.inquest.gateway.progress;

import java.util.concurrent.atomic.AtomicInteger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/** Hands every live progress and completion event to the streams watching its investigation. */
@ApplicationScoped
public class ProgressHub {

    private final BroadcastProcessor<ProgressEvent> hub = BroadcastProcessor.create();
    private final AtomicInteger subscribers = new AtomicInteger();

    /** The live events of one investigation, from the moment of subscription. */
    public Multi<ProgressEvent> of(String investigationId) {
        return hub.filter(e -> investigationId.equals(e.investigationId()))
                .onSubscription().invoke(s -> subscribers.incrementAndGet())
                .onTermination().invoke(subscribers::decrementAndGet);
    }

    public void publish(ProgressEvent event) {
        hub.onNext(event);
    }

    /** How many streams are listening now. */
    int subscribers() {
        return subscribers.get();
    }
}
