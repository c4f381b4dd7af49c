package dev.clockwork.rest;

import dev.clockwork.api.Scheduler;
import dev.clockwork.api.SchedulerException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /executions/{id}}: one execution, e.g. the one {@code POST /tasks/{name}/run} started. */
@Path("executions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionsResource {

    @Inject
    Scheduler scheduler;

    @GET
    @Path("{id}")
    public ExecutionJson get(@PathParam("id") long id) {
        return scheduler.execution(id).map(ExecutionJson::of).orElseThrow(() -> new SchedulerException(
                SchedulerException.Reason.NOT_FOUND, "id", "No execution has id " + id + "."));
    }
}
