package dev.clockwork.rest;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.Scheduler;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.api.TaskInfo;
import dev.clockwork.api.TaskQuery;
import dev.clockwork.api.TaskSort;
import dev.clockwork.api.TaskState;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code /tasks}: create, list, read, change, steer and delete tasks, and read their executions. */
@Path("tasks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TasksResource {

    /** What {@code GET /tasks?sort=} orders by: the JSON names of the fields. */
    private static final Map<String, TaskSort.Field> SORTS = new TreeMap<>(Map.of("name", TaskSort.Field.NAME,
            "trigger", TaskSort.Field.TRIGGER, "nextFireAt", TaskSort.Field.NEXT_FIRE, "state", TaskSort.Field.STATE,
            "action", TaskSort.Field.ACTION, "priority", TaskSort.Field.PRIORITY, "lastStatus",
            TaskSort.Field.LAST_STATUS));

    @Inject
    Scheduler scheduler;
    @Context
    UriInfo uri;

    @POST
    public Response create(TaskRequest request) {
        TaskInfo task = scheduler.schedule(body(request).toSpec(null));
        return Response.created(uri.getAbsolutePathBuilder().path(task.name()).build()).entity(TaskJson.of(task))
                .build();
    }

    @GET
    public PageJson<TaskJson> list(@QueryParam("offset") @DefaultValue("0") String offset,
                                   @QueryParam("limit") @DefaultValue("50") String limit,
                                   @QueryParam("state") String state,
                                   @QueryParam("action") String action,
                                   @QueryParam("prefix") String prefix,
                                   @QueryParam("lastStatus") String lastStatus,
                                   @QueryParam("sort") String sort) {
        TaskQuery query = new TaskQuery(state(state), blankToEmpty(action), blankToEmpty(prefix),
                lastStatus(lastStatus), QueryNumbers.parse("offset", offset), QueryNumbers.parse("limit", limit),
                sort(sort));
        return PageJson.of(scheduler.list(query), TaskJson::of);
    }

    @GET
    @Path("{name}")
    public TaskJson get(@PathParam("name") String name) {
        return scheduler.find(name).map(TaskJson::of).orElseThrow(() -> SchedulerException.notFound(name));
    }

    @PUT
    @Path("{name}")
    public TaskJson update(@PathParam("name") String name, TaskRequest request) {
        return TaskJson.of(scheduler.update(body(request).toSpec(name)));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        scheduler.delete(name);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/pause")
    public TaskJson pause(@PathParam("name") String name) {
        return TaskJson.of(scheduler.pause(name));
    }

    @POST
    @Path("{name}/resume")
    public TaskJson resume(@PathParam("name") String name) {
        return TaskJson.of(scheduler.resume(name));
    }

    @POST
    @Path("{name}/cancel")
    public TaskJson cancel(@PathParam("name") String name) {
        return TaskJson.of(scheduler.cancel(name));
    }

    /**
     * Starts an extra execution now: 202 with its id and the {@code Location} where it can be followed. A JSON body
     * is the arguments of this run instead of the task's (kept in a one-off task, {@link Scheduler#runNow(String,
     * String)}).
     */
    @POST
    @Path("{name}/run")
    public Response run(@PathParam("name") String name, String body) {
        long id = body == null || body.isBlank() ? scheduler.runNow(name) : scheduler.runNow(name, body);
        return started(uri, id);
    }

    /** 202 with the new execution's id and its URL. */
    static Response started(UriInfo uri, long id) {
        return Response.accepted(Map.of("executionId", id))
                .location(uri.getBaseUriBuilder().path("executions").path(Long.toString(id)).build()).build();
    }

    @GET
    @Path("{name}/executions")
    public PageJson<ExecutionJson> executions(@PathParam("name") String name,
                                              @QueryParam("offset") @DefaultValue("0") String offset,
                                              @QueryParam("limit") @DefaultValue("50") String limit) {
        return PageJson.of(scheduler.executions(name, QueryNumbers.parse("offset", offset),
                QueryNumbers.parse("limit", limit)), ExecutionJson::of);
    }

    private static TaskRequest body(TaskRequest request) {
        if (request == null) {
            throw SchedulerException.invalid(null, "The request needs a JSON body such as "
                    + "{\"name\":\"report.daily\",\"trigger\":\"cron 0 6 * * *\",\"action\":\"log\"}.");
        }
        return request;
    }

    private static Optional<TaskState> state(String state) {
        if (state == null || state.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TaskState.valueOf(state.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw SchedulerException.invalid("state", "state \"" + state + "\" is not one of "
                    + Arrays.toString(TaskState.values()) + ".");
        }
    }

    /** Reads {@code lastStatus}: the status of an ended execution; the query refuses one that is not. */
    private static Optional<ExecutionStatus> lastStatus(String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ExecutionStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw SchedulerException.invalid("lastStatus", "lastStatus \"" + status + "\" is not one of "
                    + Arrays.stream(ExecutionStatus.values()).filter(ExecutionStatus::isFinal).toList() + ".");
        }
    }

    /**
     * Reads {@code sort}: {@code name}, {@code trigger}, {@code nextFireAt}, {@code state}, {@code action},
     * {@code priority} or {@code lastStatus}, with a leading {@code -} for descending order.
     */
    private static TaskSort sort(String sort) {
        if (sort == null || sort.isBlank()) {
            return TaskSort.BY_NAME;
        }
        String text = sort.strip();
        boolean descending = text.startsWith("-");
        String field = descending ? text.substring(1) : text;
        return SORTS.entrySet().stream().filter(e -> e.getKey().equals(field)).findFirst()
                .map(e -> new TaskSort(e.getValue(), descending ? TaskSort.Direction.DESCENDING
                        : TaskSort.Direction.ASCENDING))
                .orElseThrow(() -> SchedulerException.invalid("sort", "sort \"" + sort + "\" is not one of "
                        + String.join(", ", SORTS.keySet()) + ", each optionally with a leading '-' for descending"
                        + " order, e.g. sort=-nextFireAt."));
    }

    private static Optional<String> blankToEmpty(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }
}
