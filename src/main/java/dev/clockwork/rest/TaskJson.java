package dev.clockwork.rest;

import dev.clockwork.api.TaskInfo;
import dev.clockwork.trigger.Durations;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/** A task as the API shows it. */
public class TaskJson {

    public String name;
    public String trigger;
    public String triggerDescription;
    public String zone;
    public String action;
    public JsonValue args;
    public int priority;
    public boolean active;
    public String state;
    /** Why the engine put the task in ERROR; absent in every other state. */
    public String stateReason;
    public Instant nextFireAt;
    public Instant lastFireAt;
    public String lastStatus;
    public long fireCount;
    public String description;
    public Instant createdAt;
    public Instant updatedAt;
    public List<String> warnings;
    /** How long a run may take, e.g. {@code "30s"}; absent for no limit. */
    public String timeout;
    public RetryJson retry;

    static TaskJson of(TaskInfo task) {
        TaskJson json = new TaskJson();
        json.name = task.name();
        json.trigger = task.trigger();
        json.triggerDescription = task.triggerDescription();
        json.zone = task.zone();
        json.action = task.action();
        json.args = task.args() == null ? null : Json.createReader(new StringReader(task.args())).readValue();
        json.priority = task.priority();
        json.active = task.active();
        json.state = task.state().name();
        json.stateReason = task.stateReason().orElse(null);
        json.nextFireAt = task.nextFireAt().orElse(null);
        json.lastFireAt = task.lastFireAt().orElse(null);
        json.lastStatus = task.lastStatus().map(Enum::name).orElse(null);
        json.fireCount = task.fireCount();
        json.description = task.description();
        json.createdAt = task.createdAt();
        json.updatedAt = task.updatedAt();
        json.warnings = task.warnings();
        json.timeout = task.timeout().map(Durations::format).orElse(null);
        json.retry = RetryJson.of(task.retry());
        return json;
    }
}
