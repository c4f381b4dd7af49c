package dev.clockwork.actions;

import dev.clockwork.api.Action;
import dev.clockwork.api.ActionContext;
import dev.clockwork.api.TaskAction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;

/** Writes the task's name, fire time and arguments to the server log. */
@ApplicationScoped
@Action("log")
public class LogAction implements TaskAction {

    private static final Logger LOG = Logger.getLogger(LogAction.class.getName());

    @Override
    public Object run(ActionContext context) {
        String line = "Task " + context.taskName() + " fired for " + context.fireTime() + " (attempt "
                + context.attempt() + "): " + context.argsJson();
        LOG.info(line);
        return line;
    }
}
