package io.inquest.notification.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.inquest.notification.delivery.Delivery;
import io.inquest.notification.delivery.DeliveryAttempt;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
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
    @WithSession
    public Uni<List<DeliveryView>> byInvestigation(
            @QueryParam("investigationId") @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String investigationId) {
        return Delivery.<Delivery>list("investigationId = ?1 order by id", investigationId)
                .flatMap(deliveries -> deliveries.isEmpty() ? Uni.createFrom().item(List.<DeliveryView>of())
                        : DeliveryAttempt.<DeliveryAttempt>list("deliveryId in ?1 order by attempt",
                                deliveries.stream().map(d -> d.id).toList())
                                .map(attempts -> {
                                    Map<Long, List<DeliveryAttempt>> byDelivery = attempts.stream()
                                            .collect(Collectors.groupingBy(a -> a.deliveryId));
                                    return deliveries.stream()
                                            .map(d -> DeliveryView.of(d, byDelivery.getOrDefault(d.id, List.of()))).toList();
                                }));
    }
}
