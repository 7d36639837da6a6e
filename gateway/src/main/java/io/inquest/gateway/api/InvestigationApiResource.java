package io.inquest.gateway.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.inquest.events.InvestigationRequested;
import io.inquest.gateway.intake.Intake;
import io.inquest.gateway.intake.IntakeBatch;
import io.inquest.gateway.intake.OperatorSubmission;
import io.inquest.gateway.intake.OperatorSubmissions;
import org.jboss.resteasy.reactive.RestMulti;
import io.smallrye.mutiny.Multi;
import io.inquest.gateway.problem.Problem;
import io.inquest.gateway.security.ConsoleCookie;
import io.inquest.gateway.security.EventStreamLimit;
import io.inquest.gateway.security.RateLimited;
import io.inquest.gateway.security.RequiresScope;
import io.inquest.gateway.security.Scope;
import io.smallrye.mutiny.Uni;
import io.inquest.gateway.progress.ProgressStream;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The public read and control API. It reads through the owning services' REST APIs, so each
 * answer is what the source of truth holds at that moment.
 */
@Path("/api/investigations")
@RequiresScope(Scope.READ)
@Produces(MediaType.APPLICATION_JSON)
public class InvestigationApiResource {

    private static final String ID = "inq-[0-9a-f]{24}";

    private final InvestigationServiceClient investigations;
    private final NotificationServiceClient notifications;
    private final Intake intake;
    private final ProgressStream progress;
    private final EventStreamLimit streams;
    private final ObjectMapper json;

    public InvestigationApiResource(@RestClient InvestigationServiceClient investigations,
            @RestClient NotificationServiceClient notifications, Intake intake, ProgressStream progress,
            EventStreamLimit streams, ObjectMapper json) {
        this.progress = progress;
        this.streams = streams;
        this.investigations = investigations;
        this.notifications = notifications;
        this.intake = intake;
        this.json = json;
    }

    /** An operator asks for an investigation: free text or an alert, and who to tell. Like a webhook, it needs ingest. */
    @POST
    @RequiresScope(Scope.INGEST)
    @RateLimited(RateLimited.Source.API)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> submit(@Valid @NotNull(message = "a JSON body is required") OperatorSubmission submission,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        InvestigationRequested request = OperatorSubmissions.toRequest(submission, idempotencyKey, Instant.now(), json);
        return intake.accept(IntakeBatch.of(List.of(request)), request.alert().source());
    }

    @GET
    public Uni<Response> list(
            @QueryParam("status") @Pattern(regexp = "queued|running|completed|failed|cancelled",
                    message = "must be one of queued, running, completed, failed, cancelled") String status,
            @QueryParam("service") String service,
            @QueryParam("category") @Pattern(regexp = "[a-z_]{1,32}", message = "must be a category such as change or code_defect")
            String category,
            @QueryParam("limit") @Min(1) @Max(200) Integer limit,
            @QueryParam("cursor") String cursor) {
        return investigations.list(status, service, category, limit, cursor)
                .map(body -> Response.ok(body).build())
                .onFailure().recoverWithItem(e -> UpstreamErrors.toProblem(e, "investigation-service", "investigations"));
    }

    @GET
    @Path("/{id}")
    public Uni<Response> show(@PathParam("id") @Pattern(regexp = ID, message = "not an investigation id") String id) {
        Uni<JsonNode> deliveries = notifications.deliveries(id)
                .onFailure().recoverWithItem(e -> null);
        return investigations.get(id)
                .flatMap(investigation -> deliveries.map(d -> withNotifications(investigation, d)))
                .map(body -> Response.ok(body).build())
                .onFailure().recoverWithItem(e -> UpstreamErrors.toProblem(e, "investigation-service", "investigation " + id));
    }

    /**
     * Server-Sent Events: the stored history after {@code Last-Event-ID} (or {@code after}), then
     * live events, ending after the terminal one. The SSE id is the event's place in the history.
     */
    @GET
    @Path("/{id}/events")
    @ConsoleCookie(page = false)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public RestMulti<OutboundSseEvent> events(@PathParam("id") @Pattern(regexp = ID, message = "not an investigation id") String id,
            @HeaderParam("Last-Event-ID") @Pattern(regexp = "\\d{1,18}", message = "must be the id of an event") String lastEventId,
            @QueryParam("after") @Min(0) Long after, @Context Sse sse) {
        long from = lastEventId != null ? Long.parseLong(lastEventId) : after != null ? after : 0;
        // A place among this gateway's open streams (or a 503), given back however the stream ends, also before it starts.
        EventStreamLimit.Permit permit = streams.acquire();
        Uni<Optional<Multi<ProgressStream.Item>>> following = progress.follow(id, from, seq -> investigations.events(id, seq))
                .map(Optional::of).onFailure(ProgressStream::notFound).recoverWithItem(Optional.empty())
                .onFailure().invoke(permit::release).onCancellation().invoke(permit::release);
        // An event stream is committed as 200 before its first event, so an unknown id (after a few seconds'
        // grace for one still in flight) is one `error` event carrying the 404 problem, then the end.
        return RestMulti.fromUniResponse(following,
                found -> found.map(items -> items.map(item -> toSse(sse, item))).orElseGet(() -> Multi.createFrom().item(
                        sse.newEventBuilder().name("error").mediaType(MediaType.APPLICATION_JSON_TYPE)
                                .data(Problem.of(Response.Status.NOT_FOUND, "No investigation " + id + ".")).build()))
                        .onTermination().invoke(permit::release));
    }

    private static OutboundSseEvent toSse(Sse sse, ProgressStream.Item item) {
        return item.heartbeat() ? sse.newEventBuilder().comment("heartbeat").build()
                : sse.newEventBuilder().id(String.valueOf(item.event().seq())).name(item.event().name())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(item.event()).build();
    }

    @POST
    @Path("/{id}/cancel")
    @RequiresScope(Scope.OPERATE)
    public Uni<Response> cancel(@PathParam("id") @Pattern(regexp = ID, message = "not an investigation id") String id) {
        return investigations.cancel(id)
                .map(body -> Response.accepted(body).build())
                .onFailure().recoverWithItem(e -> UpstreamErrors.toProblem(e, "investigation-service", "investigation " + id));
    }

    private static JsonNode withNotifications(JsonNode investigation, JsonNode deliveries) {
        if (investigation instanceof ObjectNode object) {
            // Unknown rather than empty when the notification-service could not be asked.
            object.set("notifications", deliveries == null ? object.nullNode() : deliveries);
        }
        return investigation;
    }
}
