package io.inquest.gateway.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.Alert;
import io.inquest.events.InvestigationRequested;
import io.inquest.events.Severity;
import io.inquest.gateway.publish.InvestigationRequestPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Alert webhooks: each answers 202 once Kafka acknowledged every investigation request it publishes. */
@Path("/webhooks")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);

    private final InvestigationRequestPublisher publisher;
    private final ObjectMapper json;
    private final Clock clock;

    public WebhookResource(InvestigationRequestPublisher publisher, ObjectMapper json) {
        this.publisher = publisher;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    @POST
    @Path("/generic")
    public Uni<Response> generic(@Valid @NotNull(message = "a JSON body is required") GenericAlert payload,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Instant now = clock.instant();
        Instant startsAt = payload.startsAt() != null ? payload.startsAt() : now;
        String id = idempotencyKey != null && !idempotencyKey.isBlank()
                ? InvestigationIds.derive("generic", "key", idempotencyKey.trim())
                : payload.fingerprint() != null
                        ? InvestigationIds.derive("generic", "fingerprint", payload.fingerprint())
                        : InvestigationIds.derive("generic", "alert", payload.title(), String.valueOf(payload.service()),
                                startsAt.toString());
        Alert alert = new Alert("generic", payload.title().trim(), payload.summary(), payload.description(),
                payload.severity() == null ? Severity.WARNING : Severity.normalise(payload.severity()),
                payload.service(), payload.labels(), payload.annotations(), payload.links(), startsAt,
                payload.fingerprint(), json.valueToTree(payload));
        List<String> recipients = payload.notifyTo() == null ? List.of()
                : payload.notifyTo().stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        return accept(List.of(new InvestigationRequested(id, alert, recipients, now)));
    }

    private Uni<Response> accept(List<InvestigationRequested> requests) {
        return publisher.publishAll(requests).map(ignored -> {
            requests.forEach(r -> LOG.infof("investigation %s requested from %s: %s", r.investigationId(),
                    r.alert().source(), r.alert().title()));
            return Response.accepted(new IntakeAccepted(
                    requests.stream().map(r -> IntakeAccepted.Ref.of(r.investigationId())).toList())).build();
        });
    }
}
