package dev.clockwork.rest;

import dev.clockwork.engine.EngineMetrics;
import dev.clockwork.engine.rules.MetricsAccess;
import dev.clockwork.security.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code GET /metrics}: this node's metrics in the Prometheus text format 0.0.4. web.xml leaves the URL open so that
 * {@code clockwork.metrics.public=true} can open it without a second deployment descriptor; unless it is set, the
 * authentication mechanism asks for credentials here as on the rest of the API, and this resource checks the role.
 */
@Path("metrics")
@RequestScoped
public class MetricsResource {

    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    EngineMetrics metrics;
    @Inject
    MetricsAccess access;
    @Context
    SecurityContext security;

    @GET
    @Produces(TEXT_FORMAT)
    public Response get() {
        if (access == MetricsAccess.VIEWERS && !security.isUserInRole(Roles.VIEWER)) {
            return Problem.response(Response.Status.FORBIDDEN, "Reading the metrics needs the role " + Roles.VIEWER
                    + "; send a user's credentials, or start the servers with clockwork.metrics.public=true to open"
                    + " them", null);
        }
        return Response.ok(metrics.scrape(), TEXT_FORMAT).build();
    }
}
