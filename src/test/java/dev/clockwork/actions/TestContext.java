package dev.clockwork.actions;

import dev.clockwork.api.ActionContext;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** One attempt of one fire of a task, with its arguments, keeping the lines the action reports. */
record TestContext(String taskName, Instant fireTime, int attempt, String argsJson, List<String> lines)
        implements ActionContext {

    TestContext(String taskName, Instant fireTime, int attempt, String argsJson) {
        this(taskName, fireTime, attempt, argsJson, new CopyOnWriteArrayList<>());
    }

    /** The first attempt of task "t"'s fire at the epoch. */
    TestContext(String argsJson) {
        this("t", Instant.EPOCH, 1, argsJson);
    }

    @Override
    public String idempotencyKey() {
        return taskName + "@" + fireTime;
    }

    @Override
    public <T> T args(Class<T> type) {
        return JsonbBuilder.create().fromJson(argsJson, type);
    }

    @Override
    public void report(String line) {
        lines.add(line);
    }
}
