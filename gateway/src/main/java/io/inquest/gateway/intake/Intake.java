package io.inquest.gateway.intake;

import org.jboss.logging.Logger;

import io.inquest.gateway.publish.IntakePublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/** Publishes a validated batch and answers 202 with the investigations it started or joined. */
@ApplicationScoped
public class Intake {

    private static final Logger LOG = Logger.getLogger(Intake.class);

    private final IntakePublisher publisher;

    public Intake(IntakePublisher publisher) {
        this.publisher = publisher;
    }

    public Uni<Response> accept(IntakeBatch batch, String source) {
        return publisher.publish(batch).map(ignored -> {
            // Per investigation at DEBUG only: at hundreds of alerts a second an INFO line each is a
            // measurable part of the gateway's CPU; the investigation-service logs each one it queues.
            if (LOG.isDebugEnabled()) {
                batch.requests().forEach(r -> LOG.debugf("investigation %s requested from %s: %s", r.investigationId(), source,
                        r.alert().title()));
                batch.resolutions().forEach(r -> LOG.debugf("investigation %s: alert resolved at %s", r.investigationId(), source));
            }
            return Response.accepted(new IntakeAccepted(
                    batch.requests().stream().map(r -> IntakeAccepted.Ref.of(r.investigationId())).toList())).build();
        });
    }
}
