package io.inquest.gateway.console;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.gateway.api.InvestigationServiceClient;
import io.inquest.gateway.api.NotificationServiceClient;
import io.inquest.gateway.security.ConsoleCookie;
import io.inquest.gateway.security.RequiresScope;
import io.inquest.gateway.security.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The console's investigations: the list ({@code /investigations}, where {@code /} leads) and one
 * investigation's page ({@code /investigations/{id}}, the link of the RCA email), with the
 * fragments htmx refreshes while it runs. Everything is read through the owning services.
 */
@Path("/investigations")
@RequiresScope(Scope.READ)
@ConsoleCookie
@Produces(MediaType.TEXT_HTML)
public class InvestigationPages {

    static final String ID = "{id: inq-[0-9a-f]+}";
    static final int PAGE_SIZE = 25;

    private final InvestigationServiceClient investigations;
    private final NotificationServiceClient notifications;
    private final ObjectMapper json;

    public InvestigationPages(@RestClient InvestigationServiceClient investigations,
            @RestClient NotificationServiceClient notifications, ObjectMapper json) {
        this.investigations = investigations;
        this.notifications = notifications;
        this.json = json;
    }

    @GET
    public Uni<Response> list(@QueryParam("status") String status, @QueryParam("service") String service,
            @QueryParam("category") String category, @QueryParam("cursor") String cursor) {
        ListFilter filter = new ListFilter(status, service, category, cursor);
        return listing(filter).flatMap(listing -> Html.ok(ConsoleTemplates.investigations(filter, listing)))
                .onFailure().recoverWithItem(e -> Html.troublePage(Trouble.of(e, "investigation-service", "investigations")));
    }

    /** The list alone, which the first page polls for. */
    @GET
    @Path("/rows")
    public Uni<Response> rows(@QueryParam("status") String status, @QueryParam("service") String service,
            @QueryParam("category") String category, @QueryParam("cursor") String cursor) {
        ListFilter filter = new ListFilter(status, service, category, cursor);
        return listing(filter).flatMap(listing -> Html.ok(ConsoleTemplates.investigations$rows(filter, listing)))
                .onFailure().recoverWithItem(e -> Html.trouble(Trouble.of(e, "investigation-service", "investigations")));
    }

    @GET
    @Path(ID)
    public Uni<Response> show(@PathParam("id") String id) {
        Uni<JsonNode> events = investigations.events(id, 0L);
        Uni<JsonNode> deliveries = deliveries(id);
        return investigations.get(id).flatMap(found -> events.flatMap(history -> deliveries.flatMap(sent -> {
            List<DeliveryRecord> records = DeliveryRecord.allOf(sent);
            return Html.ok(ConsoleTemplates.investigation(id, InvestigationDetail.of(found, json), TimelineEntry.allOf(history),
                    records, sent != null, poll(sent, records)));
        }))).onFailure().recoverWithItem(e -> Html.troublePage(Trouble.of(e, "investigation-service", "investigation " + id)));
    }

    @GET
    @Path(ID + "/summary")
    public Uni<Response> summary(@PathParam("id") String id) {
        return investigations.get(id).flatMap(found -> Html.ok(ConsoleTemplates.investigation$summary(id, InvestigationDetail.of(found, json))))
                .onFailure().recoverWithItem(e -> Html.trouble(Trouble.of(e, "investigation-service", "investigation " + id)));
    }

    @GET
    @Path(ID + "/timeline")
    public Uni<Response> timeline(@PathParam("id") String id) {
        return investigations.events(id, 0L).flatMap(history -> Html.ok(ConsoleTemplates.investigation$timeline(id,
                TimelineEntry.allOf(history))))
                .onFailure().recoverWithItem(e -> Html.trouble(Trouble.of(e, "investigation-service", "investigation " + id)));
    }

    @GET
    @Path(ID + "/deliveries")
    public Uni<Response> deliveriesOf(@PathParam("id") String id) {
        return deliveries(id).flatMap(sent -> {
            List<DeliveryRecord> records = DeliveryRecord.allOf(sent);
            return Html.ok(ConsoleTemplates.investigation$deliveries(id, records, sent != null, poll(sent, records)));
        });
    }

    /** Asks the investigation-service to stop; a running one stops at its next step, so the summary refreshes. */
    @POST
    @Path(ID + "/cancel")
    @RequiresScope(Scope.OPERATE)
    public Uni<Response> cancel(@PathParam("id") String id) {
        return investigations.cancel(id).flatMap(accepted -> Html.status(202, ConsoleTemplates.cancelRequested(id)))
                .map(response -> Response.fromResponse(response).header("HX-Trigger", "refresh").build())
                .onFailure().recoverWithItem(e -> Html.trouble(Trouble.of(e, "investigation-service", "investigation " + id)));
    }

    private Uni<InvestigationListing> listing(ListFilter filter) {
        Instant now = Instant.now();
        return investigations.list(filter.status(), filter.service(), filter.category(), PAGE_SIZE, filter.cursor())
                .map(page -> InvestigationListing.of(page, now));
    }

    /** The deliveries, or {@code null} when the notification-service could not be asked (the page says so). */
    private Uni<JsonNode> deliveries(String id) {
        return notifications.deliveries(id).onFailure().recoverWithItem(e -> null);
    }

    /** Emails may still come or change: none yet, or one not settled, or the service did not answer. */
    private static boolean poll(JsonNode sent, List<DeliveryRecord> records) {
        return sent == null || records.isEmpty() || records.stream().anyMatch(r -> !r.settled());
    }
}
