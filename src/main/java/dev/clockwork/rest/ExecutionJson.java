package dev.clockwork.rest;

import dev.clockwork.api.ExecutionInfo;
import java.time.Instant;
import java.util.List;

/** An execution as the API shows it. */
public class ExecutionJson {

    public long id;
    public String task;
    public Instant fireTime;
    public int attempt;
    public String kind;
    public String node;
    public Instant startedAt;
    public Instant finishedAt;
    public String status;
    public String result;
    public String error;
    public String stackTrace;
    public List<String> report;

    static ExecutionJson of(ExecutionInfo execution) {
        ExecutionJson json = new ExecutionJson();
        json.id = execution.id();
        json.task = execution.taskName();
        json.fireTime = execution.fireTime();
        json.attempt = execution.attempt();
        json.kind = execution.kind().name();
        json.node = execution.node().orElse(null);
        json.startedAt = execution.startedAt().orElse(null);
        json.finishedAt = execution.finishedAt().orElse(null);
        json.status = execution.status().name();
        json.result = execution.result().orElse(null);
        json.error = execution.error().orElse(null);
        json.stackTrace = execution.stackTrace().orElse(null);
        json.report = execution.report();
        return json;
    }
}
