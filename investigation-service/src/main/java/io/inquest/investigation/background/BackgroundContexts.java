package io.inquest.investigation.background;

import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Starts background work (a relay pass, one investigation's run) on a fresh, isolated Vert.x
 * context, so its database sessions belong to it alone and nothing is shared with a request.
 */
@ApplicationScoped
public class BackgroundContexts {

    private static final Logger LOG = Logger.getLogger(BackgroundContexts.class);

    private final Vertx vertx;

    public BackgroundContexts(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> runIsolated(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> {
                try {
                    work.get().subscribe().with(emitter::complete, emitter::fail);
                } catch (RuntimeException e) {
                    LOG.error("background work failed to start", e);
                    emitter.fail(e);
                }
            });
        });
    }
}
