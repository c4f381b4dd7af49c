package dev.clockwork.rest;

import dev.clockwork.api.ActionInfo;
import dev.clockwork.api.Scheduler;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** {@code /actions}: the actions deployed in the cluster, and runs of one with arguments of their own. */
@Path("actions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ActionsResource {

    @Inject
    Scheduler scheduler;
    @Context
    UriInfo uri;

    @GET
    public List<ActionJson> list() {
        return scheduler.actions().stream().map(ActionJson::of).toList();
    }

    /** Runs the action once, as soon as a worker of this node is free; the JSON body is its arguments. */
    @POST
    @Path("{action}/runs")
    public Response run(@PathParam("action") String action, String body) {
        return TasksResource.started(uri, scheduler.enqueue(action, body == null || body.isBlank() ? null : body));
    }

    /** An action as the API shows it. */
    @Schema(name = "Action", description = "An action deployed in the cluster.")
    public static class ActionJson {
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Its name, as tasks refer to it.")
        public String name;
        @Schema(description = "What it does, when its code says.")
        public String description;
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The live nodes it is deployed on.")
        public List<String> nodes;

        static ActionJson of(ActionInfo action) {
            ActionJson json = new ActionJson();
            json.name = action.name();
            json.description = action.description().orElse(null);
            json.nodes = action.nodes();
            return json;
        }
    }
}
