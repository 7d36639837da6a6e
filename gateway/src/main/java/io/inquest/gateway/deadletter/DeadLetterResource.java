package io.inquest.gateway.deadletter;

import io.inquest.gateway.security.RequiresScope;
import io.inquest.gateway.security.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The dead-letter topics for operators: what is there and why, and putting chosen records back.
 * Blocking Kafka clients, so these run on worker threads (a non-reactive return type).
 */
@Path("/api/dead-letters")
@RequiresScope(Scope.OPERATE)
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private final DeadLetters deadLetters;

    public DeadLetterResource(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** The newest records of one dead-letter topic ({@code topic}), or of each when none is named. */
    @GET
    public DeadLetterReport list(@QueryParam("topic") String topic, @QueryParam("limit") Integer limit) {
        return new DeadLetterReport(deadLetters.list(topic, limit));
    }

    /** Re-publishes the chosen records to their original topic, answering once Kafka acknowledged each. */
    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReplayResult replay(@NotNull @Valid ReplayRequest request) {
        return deadLetters.replay(request);
    }
}
