package dev.clockwork.it;

import dev.clockwork.api.Action;
import dev.clockwork.api.ActionContext;
import dev.clockwork.api.ExecutionEnded;
import dev.clockwork.api.ExecutionStarted;
import dev.clockwork.api.Recurring;
import dev.clockwork.api.TaskChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only method actions, a declared task and observers of the engine's events, which record what they saw by
 * task name (and throw for tasks whose name says so, which must change nothing).
 */
@ApplicationScoped
public class DeclaredActions {

    /** The task {@link #declared} declares. */
    public static final String DECLARED = "it.declared.hourly";

    public static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();

    /** The arguments {@link #greet} reads. */
    public record Greeting(String name) {
    }

    @Action(value = "it.greet", description = "Greets the name in its arguments")
    public String greet(ActionContext context, Greeting greeting) {
        context.report("greeting " + greeting.name());
        return "hello " + greeting.name();
    }

    @Action("it.declared")
    @Recurring(name = DECLARED, trigger = "every 1h", description = "declared in the test WAR")
    void declared() {
    }

    void started(@Observes ExecutionStarted event) {
        seen(event.taskName(), "started " + event.attempt());
        failWhenAsked(event.taskName());
    }

    void ended(@Observes ExecutionEnded event) {
        seen(event.taskName(), "ended " + event.status() + " " + event.result().orElse(""));
        failWhenAsked(event.taskName());
    }

    void endedLater(@ObservesAsync ExecutionEnded event) {
        seen(event.taskName(), "ended async " + event.status());
        failWhenAsked(event.taskName());
    }

    void changed(@Observes TaskChanged event) {
        seen(event.taskName(), "changed " + event.change());
    }

    private static void seen(String task, String what) {
        SEEN.computeIfAbsent(task, t -> new CopyOnWriteArrayList<>()).add(what);
    }

    private static void failWhenAsked(String task) {
        if (task.contains("throwing")) {
            throw new IllegalStateException("an observer that fails for " + task);
        }
    }
}
