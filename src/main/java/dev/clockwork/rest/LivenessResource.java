package dev.clockwork.rest;

import dev.clockwork.engine.Probes;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /health/live}, open without login: 200 while the engine's threads run, 503 when one died and only a
 * restart helps. It reads nothing outside the process, so a database outage never restarts a node.
 */
@Path("health/live")
@RequestScoped
public class LivenessResource {

    @Inject
    Probes probes;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        return ProbeJson.response(probes.live());
    }
}
