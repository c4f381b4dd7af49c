package dev.clockwork.engine;

import dev.clockwork.api.TaskChanged;
import dev.clockwork.api.TaskInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Fires {@link TaskChanged} to the application's observers; an observer that throws is logged, the change stands. */
@ApplicationScoped
public class TaskEvents {

    private static final Logger LOG = Logger.getLogger(TaskEvents.class.getName());

    @Inject
    Event<TaskChanged> changed;
    @Inject
    Clock clock;
    @Inject
    CurrentUser user;

    void fire(String taskName, TaskChanged.Change change, Optional<TaskInfo> task) {
        TaskChanged event = new TaskChanged(taskName, change, task, user.name(), clock.instant());
        try {
            changed.fire(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An observer of " + event.change() + " of task " + taskName + " failed; the change"
                    + " stands", e);
        }
        changed.fireAsync(event).exceptionally(e -> {
            LOG.log(Level.WARNING, "An asynchronous observer of " + event.change() + " of task " + taskName
                    + " failed", e);
            return event;
        });
    }
}
