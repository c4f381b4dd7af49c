package dev.clockwork.engine;

import dev.clockwork.api.ActionContext;
import dev.clockwork.engine.rules.Bounded;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The {@link ActionContext} of one run; collects the lines the action reports. */
final class RunContext implements ActionContext {

    private final ClaimedFire fire;
    private final Jsonb jsonb;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    RunContext(ClaimedFire fire, Jsonb jsonb) {
        this.fire = fire;
        this.jsonb = jsonb;
    }

    @Override
    public String taskName() {
        return fire.taskName();
    }

    @Override
    public Instant fireTime() {
        return fire.fireTime();
    }

    @Override
    public int attempt() {
        return fire.attempt();
    }

    @Override
    public String idempotencyKey() {
        return fire.idempotencyKey();
    }

    @Override
    public String argsJson() {
        return fire.argsJson().orElse("null");
    }

    @Override
    public <T> T args(Class<T> type) {
        try {
            return jsonb.fromJson(argsJson(), type);
        } catch (JsonbException e) {
            throw new IllegalArgumentException("The arguments of task " + fire.taskName() + " do not fit "
                    + type.getName() + ": " + e.getMessage() + ". Arguments: " + Bounded.text(argsJson(), 500), e);
        }
    }

    @Override
    public void report(String line) {
        synchronized (lines) {
            if (lines.size() < Bounded.REPORT_LINES) {
                lines.add(String.valueOf(line));
            }
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
