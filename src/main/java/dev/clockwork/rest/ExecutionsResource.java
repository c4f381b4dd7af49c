package dev.clockwork.rest;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.Scheduler;
import dev.clockwork.api.SchedulerException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /executions/{id}}: one execution, e.g. the one {@code POST /tasks/{name}/run} started, and its cancel.
 */
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

    /**
     * Cancels one execution: 200 with it CANCELLED when it had not started, 202 with it still RUNNING when its node
     * is interrupting it.
     */
    @POST
    @Path("{id}/cancel")
    public Response cancel(@PathParam("id") long id) {
        ExecutionJson execution = ExecutionJson.of(scheduler.cancelExecution(id));
        return Response.status(execution.status.equals(ExecutionStatus.RUNNING.name()) ? Response.Status.ACCEPTED
                : Response.Status.OK).entity(execution).build();
    }
}
