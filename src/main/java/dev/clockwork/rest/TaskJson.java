package dev.clockwork.rest;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.TaskInfo;
import dev.clockwork.api.TaskState;
import dev.clockwork.engine.Jsonp;
import dev.clockwork.trigger.Durations;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;

/** A task as the API shows it. */
@Schema(name = "Task", description = "A task: its definition, its state and where its schedule stands.")
public class TaskJson {

    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "report.daily")
    public String name;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The trigger in canonical form.",
            example = "cron 0 6 * * MON-FRI")
    public String trigger;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The trigger in plain English.")
    public String triggerDescription;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "IANA time zone the trigger is read in.",
            example = "Europe/Paris")
    public String zone;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "log")
    public String action;
    @Schema(description = "The arguments given to the action: any JSON; absent when none.")
    public JsonValue args;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Higher fires first when several are due.")
    public int priority;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Whether it is ACTIVE.")
    public boolean active;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = TaskState.class)
    public String state;
    /** Why the engine put the task in ERROR; absent in every other state. */
    public String stateReason;
    @Schema(description = "The next fire time; absent when there is none (paused, done, cancelled).")
    public Instant nextFireAt;
    public Instant lastFireAt;
    @Schema(implementation = ExecutionStatus.class, description = "The status of the latest ended execution;"
            + " absent before the first one ends.")
    public String lastStatus;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
    public long fireCount;
    public String description;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
    public Instant createdAt;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
    public Instant updatedAt;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "What keeps it from running as defined, e.g. its"
            + " action is not deployed on the node that answered.")
    public List<String> warnings;
    /** How long a run may take, e.g. {@code "30s"}; absent for no limit. */
    public String timeout;
    public RetryJson retry;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "FIRE_ONCE, SKIP or CATCH_UP.")
    public String misfire;
    @Schema(description = "How late a fire may be claimed and still be on time; absent for the node's"
            + " clockwork.catch-up-window.")
    public String grace;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "ALLOW, FORBID or REPLACE.")
    public String overlap;

    static TaskJson of(TaskInfo task) {
        TaskJson json = new TaskJson();
        json.name = task.name();
        json.trigger = task.trigger();
        json.triggerDescription = task.triggerDescription();
        json.zone = task.zone();
        json.action = task.action();
        json.args = task.args().map(args -> Jsonp.read(args)).orElse(null);
        json.priority = task.priority();
        json.active = task.active();
        json.state = task.state().name();
        json.stateReason = task.stateReason().orElse(null);
        json.nextFireAt = task.nextFireAt().orElse(null);
        json.lastFireAt = task.lastFireAt().orElse(null);
        json.lastStatus = task.lastStatus().map(Enum::name).orElse(null);
        json.fireCount = task.fireCount();
        json.description = task.description().orElse(null);
        json.createdAt = task.createdAt();
        json.updatedAt = task.updatedAt();
        json.warnings = task.warnings();
        json.timeout = task.timeout().map(Durations::format).orElse(null);
        json.retry = RetryJson.of(task.retry());
        json.misfire = task.fires().misfire().name();
        json.grace = task.fires().grace().map(Durations::format).orElse(null);
        json.overlap = task.fires().overlap().name();
        return json;
    }
}
