package dev.clockwork.it;

import dev.clockwork.api.Action;
import dev.clockwork.api.ActionContext;
import dev.clockwork.api.TaskAction;
import jakarta.enterprise.context.ApplicationScoped;

/** A test action that takes a while, so that a killed node is caught in the middle of runs. */
@ApplicationScoped
@Action("it.sleep")
public class SleepAction implements TaskAction {

    /** How long to take. */
    public record SleepArgs(long ms) {
    }

    @Override
    public Object run(ActionContext context) throws InterruptedException {
        Thread.sleep(context.args(SleepArgs.class).ms());
        return "slept";
    }
}
