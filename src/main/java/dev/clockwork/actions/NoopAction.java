package dev.clockwork.actions;

import dev.clockwork.api.Action;
import dev.clockwork.api.ActionContext;
import dev.clockwork.api.TaskAction;
import jakarta.enterprise.context.ApplicationScoped;

/** Does nothing: for trying triggers out and measuring the scheduler itself. */
@ApplicationScoped
@Action("noop")
public class NoopAction implements TaskAction {

    @Override
    public Object run(ActionContext context) {
        return null;
    }
}
