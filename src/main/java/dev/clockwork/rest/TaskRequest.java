package dev.clockwork.rest;

import io.swagger.v3.oas.annotations.media.Schema;
import dev.clockwork.api.Misfire;
import dev.clockwork.api.Overlap;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.api.TaskSpec;
import dev.clockwork.engine.rules.TaskDefinitions;
import jakarta.json.JsonValue;

/** The body of {@code POST /tasks} and {@code PUT /tasks/{name}}. */
@Schema(name = "TaskRequest", description = "A task's definition. POST needs name, trigger and action; PUT takes"
        + " the name from the URL.")
public class TaskRequest {

    @Schema(description = "Unique; optional in PUT, where it must equal the URL's.", example = "report.daily")
    public String name;
    @Schema(description = "cron, at, every or in; see docs/triggers.md.", example = "cron 0 6 * * MON-FRI")
    public String trigger;
    @Schema(description = "The name of a deployed action.", example = "log")
    public String action;
    @Schema(description = "Arguments for the action: any JSON.")
    public JsonValue args;
    @Schema(description = "IANA time zone; the server's when left out.", example = "Europe/Paris")
    public String zone;
    @Schema(description = "-100 to 100: among due fires, a higher priority is claimed and run first; 0 when left out.")
    public Integer priority;
    public String description;
    /** How long a run may take, e.g. {@code "30s"}; absent for no limit. */
    public String timeout;
    public RetryJson retry;
    @Schema(description = "What a fire claimed more than grace after its time does: FIRE_ONCE (default) runs once"
            + " for all missed fires, SKIP records them SKIPPED, CATCH_UP runs each (at most clockwork.max-catch-up).",
            example = "FIRE_ONCE")
    public String misfire;
    @Schema(description = "How late a fire may be claimed and still be on time; the node's clockwork.catch-up-window"
            + " when left out.", example = "1m")
    public String grace;
    @Schema(description = "What a fire does while a run of the task is queued or running: FORBID (default) records it"
            + " SKIPPED, ALLOW runs both, REPLACE cancels the run in progress (it ends CANCELLED) and runs the fire.",
            example = "FORBID")
    public String overlap;

    /** The spec this request asks for; {@code name} wins over the body's name when given (PUT). */
    TaskSpec toSpec(String pathName) {
        String taskName = pathName != null ? pathName : name;
        if (pathName != null && name != null && !name.equals(pathName)) {
            throw SchedulerException.invalid("name", "The body names task \"" + name + "\" but the URL names \""
                    + pathName + "\"; a task cannot be renamed. Leave name out of the body or make them equal.");
        }
        require("name", taskName, "\"report.daily\"");
        require("trigger", trigger, "\"every 15m\"");
        require("action", action, "\"log\"");
        TaskSpec.Builder builder = TaskSpec.builder(taskName).trigger(trigger).action(action);
        if (args != null && args.getValueType() != JsonValue.ValueType.NULL) {
            builder.argsJson(args.toString());
        }
        if (zone != null && !zone.isBlank()) {
            builder.zone(zone);
        }
        if (priority != null) {
            builder.priority(priority);
        }
        if (description != null) {
            builder.description(description);
        }
        if (timeout != null) {
            builder.timeout(RetryJson.duration("timeout", timeout));
        }
        if (retry != null) {
            builder.retry(retry.toPolicy());
        }
        if (misfire != null) {
            builder.misfire(TaskDefinitions.parseEnum("misfire", misfire, Misfire.class));
        }
        if (grace != null) {
            builder.grace(RetryJson.duration("grace", grace));
        }
        if (overlap != null) {
            builder.overlap(TaskDefinitions.parseEnum("overlap", overlap, Overlap.class));
        }
        return builder.build();
    }

    private static void require(String field, String value, String example) {
        if (value == null || value.isBlank()) {
            throw SchedulerException.invalid(field, field + " is required, e.g. " + example + ".");
        }
    }
}
