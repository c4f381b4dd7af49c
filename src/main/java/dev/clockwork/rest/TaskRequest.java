package dev.clockwork.rest;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.api.TaskSpec;
import jakarta.json.JsonValue;

/** The body of {@code POST /tasks} and {@code PUT /tasks/{name}}. */
public class TaskRequest {

    public String name;
    public String trigger;
    public String action;
    public JsonValue args;
    public String zone;
    public Integer priority;
    public String description;
    /** How long a run may take, e.g. {@code "30s"}; absent for no limit. */
    public String timeout;
    public RetryJson retry;

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
        return builder.build();
    }

    private static void require(String field, String value, String example) {
        if (value == null || value.isBlank()) {
            throw SchedulerException.invalid(field, field + " is required, e.g. " + example + ".");
        }
    }
}
