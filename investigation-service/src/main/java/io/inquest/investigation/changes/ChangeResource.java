package io.inquest.investigation.changes;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The changes this service knows about for a service, newest first: what the recent-changes tool will see. */
@Path("/changes")
@Produces(MediaType.APPLICATION_JSON)
public class ChangeResource {

    /** One recorded change. */
    public record ChangeView(String id, String service, String kind, String version, String description, String author,
            Instant at, String link) {
    }

    @GET
    @WithSession
    public Uni<List<ChangeView>> byService(@QueryParam("service") @NotBlank String service,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(200) int limit) {
        return StoredChange.<StoredChange>find("service = ?1 order by at desc", service).page(0, limit).list()
                .map(list -> list.stream().map(c -> new ChangeView(c.changeId, c.service, c.kind, c.version, c.description,
                        c.author, c.at, c.link)).toList());
    }
}
