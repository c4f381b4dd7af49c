package dev.clockwork.it;

import dev.clockwork.api.Action;
import dev.clockwork.api.ActionContext;
import dev.clockwork.api.TaskAction;
import jakarta.enterprise.context.ApplicationScoped;

/** A test action: reports a line and returns its arguments mapped to a record, or fails when asked to. */
@ApplicationScoped
@Action("it.echo")
public class EchoAction implements TaskAction {

    /** The arguments the action reads. */
    public record EchoArgs(String message, boolean fail) {
    }

    @Override
    public Object run(ActionContext context) {
        EchoArgs args = context.args(EchoArgs.class);
        context.report("echoing for " + context.idempotencyKey());
        if (args.fail()) {
            throw new IllegalStateException("asked to fail: " + args.message());
        }
        return "echo " + args.message();
    }
}
