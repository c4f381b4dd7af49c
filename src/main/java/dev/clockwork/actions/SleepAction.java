package dev.clockwork.actions;

import dev.clockwork.api.Action;
import dev.clockwork.api.ActionContext;
import dev.clockwork.api.TaskAction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Waits {@code {"ms": n}} milliseconds (at most an hour), then succeeds: for trying out long runs, worker limits and
 * a node's failover without writing an action. Stopping the node interrupts it.
 */
@ApplicationScoped
@Action("sleep")
public class SleepAction implements TaskAction {

    static final long MAX_MS = Duration.ofHours(1).toMillis();

    /** How the action waits; tests replace it to check the wait without waiting. */
    interface Pause {
        void pause(long ms) throws InterruptedException;
    }

    Pause pause = Thread::sleep;

    /** How long to wait. */
    public record SleepArgs(Long ms) {
    }

    @Override
    public Object run(ActionContext context) throws InterruptedException {
        SleepArgs args = context.args(SleepArgs.class);
        if (args == null || args.ms() == null || args.ms() < 0 || args.ms() > MAX_MS) {
            throw new IllegalArgumentException("The sleep action takes {\"ms\": n} with n from 0 to " + MAX_MS
                    + " (one hour); got " + context.argsJson());
        }
        pause.pause(args.ms());
        return "slept " + args.ms() + " ms";
    }
}
