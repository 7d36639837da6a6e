package io.inquest.gateway.intake;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.ChangeRecorded;
import io.inquest.gateway.GatewayConfig;
import io.inquest.gateway.intake.alertmanager.AlertmanagerAlerts;
import io.inquest.gateway.intake.alertmanager.AlertmanagerPayload;
import io.inquest.gateway.intake.pagerduty.PagerDutyEvent;
import io.inquest.gateway.intake.pagerduty.PagerDutyEvents;
import io.inquest.gateway.publish.IntakePublisher;
import io.inquest.gateway.security.OwnCredential;
import io.inquest.gateway.security.RateLimited;
import io.inquest.gateway.security.RequiresScope;
import io.inquest.gateway.security.Scope;
import io.inquest.gateway.security.SourceCredentials;
import io.inquest.gateway.security.SourceRateLimits;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Alert webhooks. Each validates the whole payload, then answers 202 once Kafka acknowledged
 * every record it publishes; a rejected request publishes nothing.
 */
@Path("/webhooks")
@RequiresScope(Scope.INGEST)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);

    private final IntakePublisher publisher;
    private final Intake intake;
    private final PayloadReader reader;
    private final SourceCredentials credentials;
    private final SourceRateLimits rateLimits;
    private final GatewayConfig config;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public WebhookResource(IntakePublisher publisher, Intake intake, PayloadReader reader, SourceCredentials credentials,
            SourceRateLimits rateLimits, GatewayConfig config, ObjectMapper json) {
        this.publisher = publisher;
        this.intake = intake;
        this.reader = reader;
        this.credentials = credentials;
        this.rateLimits = rateLimits;
        this.config = config;
        this.json = json;
    }

    @POST
    @Path("/generic")
    @RateLimited(RateLimited.Source.GENERIC)
    public Uni<Response> generic(@Valid @NotNull(message = "a JSON body is required") GenericAlert payload,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return intake.accept(IntakeBatch.of(List.of(GenericAlerts.toRequest(payload, idempotencyKey, clock.instant(), json))), "generic");
    }

    @POST
    @Path("/alertmanager")
    @RateLimited(RateLimited.Source.ALERTMANAGER)
    public Uni<Response> alertmanager(@Valid @NotNull(message = "a JSON body is required") AlertmanagerPayload payload) {
        warnIfTruncated("alertmanager", payload);
        return intake.accept(AlertmanagerAlerts.toBatch("alertmanager", payload, clock.instant(), json), "alertmanager");
    }

    @POST
    @Path("/grafana")
    @OwnCredential(SourceCredentials.Source.GRAFANA)
    @RateLimited(RateLimited.Source.GRAFANA)
    public Uni<Response> grafana(byte[] body, @Context HttpServerRequest request) throws IOException {
        credentials.verifyGrafana(body, request.getHeader(config.grafana().signatureHeader()),
                request.getHeader(config.grafana().timestampHeader()));
        takeFromBudgetIfOwnCredential(SourceCredentials.Source.GRAFANA, RateLimited.Source.GRAFANA);
        AlertmanagerPayload payload = reader.read(reader.tree(body), AlertmanagerPayload.class);
        warnIfTruncated("grafana", payload);
        // A notification for a rule back to normal carries only resolved alerts: nothing to investigate.
        return intake.accept(AlertmanagerAlerts.toBatch("grafana", payload, clock.instant(), json), "grafana");
    }

    @POST
    @Path("/pagerduty")
    @OwnCredential(SourceCredentials.Source.PAGERDUTY)
    @RateLimited(RateLimited.Source.PAGERDUTY)
    public Uni<Response> pagerduty(byte[] body) throws IOException {
        JsonNode tree = reader.tree(body);
        credentials.verifyPagerDuty(tree);
        takeFromBudgetIfOwnCredential(SourceCredentials.Source.PAGERDUTY, RateLimited.Source.PAGERDUTY);
        PagerDutyEvent event = reader.read(tree, PagerDutyEvent.class);
        return intake.accept(PagerDutyEvents.toBatch(event, clock.instant(), json), "pagerduty");
    }

    @POST
    @Path("/changes")
    @RateLimited(RateLimited.Source.CHANGES)
    public Uni<Response> changes(@Valid @NotNull(message = "a JSON body is required") ChangeNotice notice) {
        Instant at = notice.at() != null ? notice.at() : clock.instant();
        String changeId = "chg-" + InvestigationIds.derive("change", notice.service(), notice.kind(),
                String.valueOf(notice.version()), at.toString()).substring(4);
        ChangeRecorded change = new ChangeRecorded(changeId, notice.service().trim(), notice.kind(), notice.version(),
                notice.description(), notice.author(), at, notice.link(), notice.labels());
        return publisher.publish(change).map(ignored -> {
            LOG.infof("change %s recorded: %s %s of %s", changeId, notice.kind(), String.valueOf(notice.version()), notice.service());
            return Response.accepted(new ChangeAccepted(changeId)).build();
        });
    }

    /**
     * A request that came in on its source's own credential takes from the source's budget here,
     * after the credential was checked, so forged requests do not use it up ({@link SourceRateLimits}
     * took from it already when the route went through a bearer token instead).
     */
    private void takeFromBudgetIfOwnCredential(SourceCredentials.Source credential, RateLimited.Source source) {
        if (credentials.configured(credential)) {
            rateLimits.take(source);
        }
    }

    /** The answer to an accepted change. */
    public record ChangeAccepted(String id) {
    }

    private static void warnIfTruncated(String source, AlertmanagerPayload payload) {
        if (payload.truncatedAlerts() != null && payload.truncatedAlerts() > 0) {
            LOG.warnf("%s dropped %d alert(s) from a notification (max_alerts); only the %d sent are investigated", source,
                    payload.truncatedAlerts(), payload.alerts().size());
        }
    }
}
