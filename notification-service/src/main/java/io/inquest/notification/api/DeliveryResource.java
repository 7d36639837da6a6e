package io.inquest.notification.api;

import java.util.List;

import io.inquest.notification.delivery.Delivery;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The notification results of an investigation, as the gateway shows them. */
@Path("/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    @GET
    public Uni<List<DeliveryView>> byInvestigation(
            @QueryParam("investigationId") @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String investigationId) {
        return Delivery.<Delivery>list("investigationId = ?1 order by id", investigationId)
                .map(deliveries -> deliveries.stream().map(DeliveryView::of).toList());
    }
}
