package io.inquest.investigation.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.InvestigationCancelled;
import io.inquest.investigation.outbox.OutboxRelay;
import io.inquest.investigation.store.EventLog;
import io.inquest.investigation.store.Investigation;
import io.inquest.investigation.store.InvestigationStatus;
import io.inquest.investigation.store.StoredEvent;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The investigations, for the gateway's public API: list, show, history, cancel. */
@Path("/investigations")
@Produces(MediaType.APPLICATION_JSON)
public class InvestigationResource {

    private final ObjectMapper json;
    private final EventLog events;
    private final OutboxRelay relay;

    public InvestigationResource(ObjectMapper json, EventLog events, OutboxRelay relay) {
        this.json = json;
        this.events = events;
        this.relay = relay;
    }

    @GET
    @WithSession
    public Uni<InvestigationPage> list(
            @QueryParam("status") @Pattern(regexp = "queued|running|completed|failed|cancelled") String status,
            @QueryParam("service") String service,
            @QueryParam("category") @Pattern(regexp = "[a-z_]{1,32}", message = "must be a category such as change or code_defect")
            String category,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("cursor") String cursor) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", InvestigationStatus.fromWireName(status));
        }
        if (service != null && !service.isBlank()) {
            where.append(" and service = :service");
            params.and("service", service);
        }
        if (category != null) {
            where.append(" and rootCauseCategory = :category");
            params.and("category", category);
        }
        if (cursor != null && !cursor.isBlank()) {
            Cursor after = Cursor.decode(cursor);
            where.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            params.and("at", after.createdAt()).and("id", after.id());
        }
        return Investigation.<Investigation>find(where + " order by createdAt desc, id desc", params)
                .page(0, limit + 1).list()
                .map(found -> {
                    List<InvestigationSummary> items = new ArrayList<>();
                    for (Investigation i : found.subList(0, Math.min(limit, found.size()))) {
                        items.add(summary(i));
                    }
                    String next = found.size() > limit ? new Cursor(found.get(limit - 1).createdAt, found.get(limit - 1).id).encode() : null;
                    return new InvestigationPage(items, next);
                });
    }

    @GET
    @Path("/{id}")
    @WithSession
    public Uni<Response> show(@PathParam("id") String id) {
        return Investigation.<Investigation>findById(id).map(found -> found == null
                ? ApiProblem.response(Response.Status.NOT_FOUND, "No investigation " + id + ".")
                : Response.ok(view(found)).build());
    }

    @GET
    @Path("/{id}/events")
    @WithSession
    public Uni<Response> history(@PathParam("id") String id, @QueryParam("after") @DefaultValue("0") long after) {
        return Investigation.count("id", id).flatMap(exists -> exists == 0
                ? Uni.createFrom().item(ApiProblem.response(Response.Status.NOT_FOUND, "No investigation " + id + "."))
                : StoredEvent.<StoredEvent>find("investigationId = ?1 and seq > ?2 order by seq", id, after).list()
                        .map(list -> Response.ok(list.stream().map(this::eventView).toList()).build()));
    }

    @POST
    @Path("/{id}/cancel")
    @WithTransaction
    public Uni<Response> cancel(@PathParam("id") String id) {
        // Locked: the worker's own steps lock the same row, so neither overwrites the other.
        return Investigation.<Investigation>findById(id, LockModeType.PESSIMISTIC_WRITE).flatMap(found -> {
            if (found == null) {
                return Uni.createFrom().item(ApiProblem.response(Response.Status.NOT_FOUND, "No investigation " + id + "."));
            }
            if (found.status.isTerminal()) {
                return Uni.createFrom().item(ApiProblem.response(Response.Status.CONFLICT,
                        "Investigation " + id + " is already " + found.status.wireName() + "; nothing to cancel."));
            }
            if (found.status == InvestigationStatus.RUNNING) {
                // The worker sees this at its next step and ends the run as cancelled.
                found.cancelRequested = true;
                return Uni.createFrom().item(Response.accepted(view(found)).build());
            }
            Instant now = Instant.now();
            found.status = InvestigationStatus.CANCELLED;
            found.outcomeReason = "cancelled by an operator";
            found.finishedAt = now;
            return events.append(id + ":cancelled", id, new InvestigationCancelled(id, found.outcomeReason, now), now)
                    .invoke(relay::wake)
                    .map(appended -> Response.accepted(view(found)).build());
        });
    }

    private InvestigationSummary summary(Investigation i) {
        JsonNode report = tree(i.reportJson);
        return new InvestigationSummary(i.id, i.status.wireName(), i.title, i.service, i.severity, i.createdAt,
                i.finishedAt, report == null ? null : report.path("rootCause").asText(null), i.rootCauseCategory);
    }

    private InvestigationView view(Investigation i) {
        return new InvestigationView(i.id, i.status.wireName(), i.title, i.service, i.severity, i.source,
                i.alertStartsAt, i.createdAt, i.startedAt, i.finishedAt, i.attempt, i.cancelRequested, i.outcomeReason,
                tree(i.reportJson), tree(i.alertJson), readList(i.recipientsJson));
    }

    private EventView eventView(StoredEvent e) {
        return new EventView(e.seq, e.eventId, e.ceType, e.createdAt, tree(e.payload));
    }

    private JsonNode tree(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    private List<String> readList(String text) {
        try {
            return json.readValue(text, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored recipients are unreadable", e);
        }
    }

    /** Where a page ends: the last item's creation time and id. */
    record Cursor(Instant createdAt, String id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt.toString() + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 2);
                return new Cursor(Instant.parse(parts[0]), parts[1]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor is not one this API returned: " + text);
            }
        }
    }
}
