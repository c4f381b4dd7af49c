package dev.clockwork.rest;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.ExecutionKind;
import io.swagger.v3.oas.annotations.media.Schema;
import dev.clockwork.api.ExecutionInfo;
import java.time.Instant;
import java.util.List;

/** An execution as the API shows it. */
@Schema(name = "Execution", description = "One attempt of one fire of a task.")
public class ExecutionJson {

    @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
    public long id;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The task's name.")
    public String task;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
    public Instant fireTime;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "1 for the first attempt of a fire.")
    public int attempt;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The same for every attempt of this fire, as"
            + " the action saw it: the amqp action's message id, the celery action's task id.",
            example = "reports.daily@2026-12-04T06:00:00Z")
    public String idempotencyKey;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = ExecutionKind.class)
    public String kind;
    @Schema(description = "The node that claimed it.")
    public String node;
    public Instant startedAt;
    public Instant finishedAt;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = ExecutionStatus.class)
    public String status;
    @Schema(description = "What the action returned, as text.")
    public String result;
    @Schema(description = "Why it did not succeed.")
    public String error;
    @Schema(description = "The stack trace of the exception the action threw, when it threw one.")
    public String stackTrace;
    @Schema(description = "The lines the action reported.")
    public List<String> report;
    @Schema(description = "When a retry (status WAITING) is due; kept once it ran, absent for other executions.")
    public Instant dueAt;
    @Schema(description = "The policy decision behind a SKIPPED or RETRY execution, or who cancelled it before it ran.",
            example = "overlap FORBID: execution 812 is still running on node-a")
    public String reason;

    static ExecutionJson of(ExecutionInfo execution) {
        ExecutionJson json = new ExecutionJson();
        json.id = execution.id();
        json.task = execution.taskName();
        json.fireTime = execution.fireTime();
        json.attempt = execution.attempt();
        json.idempotencyKey = execution.idempotencyKey();
        json.kind = execution.kind().name();
        json.node = execution.node().orElse(null);
        json.startedAt = execution.startedAt().orElse(null);
        json.finishedAt = execution.finishedAt().orElse(null);
        json.status = execution.status().name();
        json.result = execution.result().orElse(null);
        json.error = execution.error().orElse(null);
        json.stackTrace = execution.stackTrace().orElse(null);
        json.report = execution.report();
        json.dueAt = execution.dueAt().orElse(null);
        json.reason = execution.reason().orElse(null);
        return json;
    }
}
