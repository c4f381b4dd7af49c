package dev.clockwork.actions;

import dev.clockwork.api.ActionContext;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An action's context with the given arguments, keeping the lines the action reports. */
final class TestContext implements ActionContext {

    private final String json;
    final List<String> lines = new CopyOnWriteArrayList<>();

    TestContext(String json) {
        this.json = json;
    }

    @Override
    public String taskName() {
        return "t";
    }

    @Override
    public Instant fireTime() {
        return Instant.EPOCH;
    }

    @Override
    public int attempt() {
        return 1;
    }

    @Override
    public String idempotencyKey() {
        return "t@" + Instant.EPOCH;
    }

    @Override
    public String argsJson() {
        return json;
    }

    @Override
    public <T> T args(Class<T> type) {
        return JsonbBuilder.create().fromJson(json, type);
    }

    @Override
    public void report(String line) {
        lines.add(line);
    }
}
