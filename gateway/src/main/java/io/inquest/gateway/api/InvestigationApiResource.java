package io.inquest.gateway.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.inquest.events.InvestigationRequested;
import io.inquest.gateway.intake.Intake;
import io.inquest.gateway.intake.IntakeBatch;
import io.inquest.gateway.intake.OperatorSubmission;
import io.inquest.gateway.intake.OperatorSubmissions;
import io.smallrye.mutiny.Uni;
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
@Produces(MediaType.APPLICATION_JSON)
public class InvestigationApiResource {

    private static final String ID = "inq-[0-9a-f]{24}";

    private final InvestigationServiceClient investigations;
    private final NotificationServiceClient notifications;
    private final Intake intake;
    private final ObjectMapper json;

    public InvestigationApiResource(@RestClient InvestigationServiceClient investigations,
            @RestClient NotificationServiceClient notifications, Intake intake, ObjectMapper json) {
        this.investigations = investigations;
        this.notifications = notifications;
        this.intake = intake;
        this.json = json;
    }

    /** An operator asks for an investigation: free text or an alert, and who to tell. */
    @POST
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
            @QueryParam("limit") @Min(1) @Max(200) Integer limit,
            @QueryParam("cursor") String cursor) {
        return investigations.list(status, service, limit, cursor)
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

    @POST
    @Path("/{id}/cancel")
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
