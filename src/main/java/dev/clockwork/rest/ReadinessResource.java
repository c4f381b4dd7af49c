package dev.clockwork.rest;

import dev.clockwork.engine.Probes;
import dev.clockwork.engine.ReadRouter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /health/ready}, open without login: 200 when the node can do its work (database, schema version,
 * dispatcher, clock measured), 503 while it cannot, so a load balancer sends it nothing until it can.
 */
@Path("health/ready")
@RequestScoped
public class ReadinessResource {

    @Inject
    Probes probes;
    @Inject
    ReadRouter reads;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        return ProbeJson.response(probes.ready(), ReadReplicaJson.of(reads.status()));
    }
}
