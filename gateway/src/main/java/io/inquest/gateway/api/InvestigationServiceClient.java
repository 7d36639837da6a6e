package io.inquest.gateway.api;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.inquest.gateway.security.ServiceCredentialHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/** The investigation-service's REST API: the source of truth for investigations. */
@RegisterClientHeaders(ServiceCredentialHeaders.class)
@RegisterRestClient(configKey = "investigation-service")
@Path("/investigations")
public interface InvestigationServiceClient {

    @GET
    Uni<JsonNode> list(@QueryParam("status") String status, @QueryParam("service") String service,
            @QueryParam("category") String category, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor);

    @GET
    @Path("/{id}")
    Uni<JsonNode> get(@PathParam("id") String id);

    @GET
    @Path("/{id}/events")
    Uni<JsonNode> events(@PathParam("id") String id, @QueryParam("after") Long after);

    @POST
    @Path("/{id}/cancel")
    Uni<JsonNode> cancel(@PathParam("id") String id);
}
