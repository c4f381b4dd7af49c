package dev.clockwork.web;

import dev.clockwork.api.Scheduler;
import dev.clockwork.api.ExecutionInfo;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.security.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The console's steering buttons: pause, resume, run now, cancel and delete, for one task or a selection. Each goes
 * through the {@link Scheduler}, as the REST API does, so the same lifecycle rules apply; a refused command shows the
 * Scheduler's message in the growl. The buttons are only rendered for operators, and every call checks the role
 * again here: a forged request from a viewer changes nothing.
 */
@Named("steering")
@RequestScoped
public class Steering {

    private static final Logger LOG = Logger.getLogger(Steering.class.getName());

    /** What an operator can do to a task from the console. */
    public enum Command {
        PAUSE, RESUME, RUN_NOW, CANCEL, DELETE
    }

    @Inject
    Scheduler scheduler;
    @Inject
    Notices notices;
    @Inject
    FacesContext faces;

    public boolean pause(String name) {
        return steer(List.of(name), Command.PAUSE);
    }

    public boolean resume(String name) {
        return steer(List.of(name), Command.RESUME);
    }

    public boolean runNow(String name) {
        return steer(List.of(name), Command.RUN_NOW);
    }

    /** Runs a task once now with {@code argsJson} instead of its arguments; a refusal is shown as a notice. */
    public boolean runWithArgs(String name, String argsJson) {
        if (!allowed()) {
            notices.error(notices.text("steer.refused.role"));
            return false;
        }
        try {
            scheduler.runNow(name, argsJson);
            notices.info("steer.done.run_with_args", name);
            return true;
        } catch (SchedulerException e) {
            notices.error(e.getMessage());
            return false;
        }
    }

    public boolean cancel(String name) {
        return steer(List.of(name), Command.CANCEL);
    }

    public boolean delete(String name) {
        return steer(List.of(name), Command.DELETE);
    }

    /**
     * Cancels one execution: a waiting or queued one ends CANCELLED, a running one is interrupted by its node.
     *
     * @return whether the cancel was taken
     */
    public boolean cancelExecution(long id) {
        if (!allowed()) {
            LOG.warning(() -> "Refused the cancel of execution " + id + " from " + faces.getExternalContext()
                    .getRemoteUser() + ", who is not an operator");
            notices.error(notices.text("steer.refused.role"));
            return false;
        }
        try {
            ExecutionInfo execution = scheduler.cancelExecution(id);
            notices.info(execution.status() == ExecutionStatus.RUNNING ? "steer.done.cancelExecution.running"
                    : "steer.done.cancelExecution", id);
            return true;
        } catch (SchedulerException e) {
            notices.error(e.getMessage());
            return false;
        }
    }

    /** Whether the logged-in user may steer tasks: the check every command makes on the server. */
    public boolean allowed() {
        return faces.getExternalContext().isUserInRole(Roles.OPERATOR);
    }

    /**
     * Gives {@code command} to each named task, one at a time: a refusal of one (its state does not allow it, it
     * was deleted meanwhile) is shown and the others go on.
     *
     * @return whether every task took the command
     */
    public boolean steer(Collection<String> names, Command command) {
        if (!allowed()) {
            LOG.warning(() -> "Refused " + command + " of " + names + " from " + faces.getExternalContext()
                    .getRemoteUser() + ", who is not an operator");
            notices.error(notices.text("steer.refused.role"));
            return false;
        }
        if (names.isEmpty()) {
            notices.error(notices.text("steer.none.selected"));
            return false;
        }
        List<String> done = new ArrayList<>(names.size());
        for (String name : names) {
            try {
                apply(name, command);
                done.add(name);
            } catch (SchedulerException e) {
                notices.error(e.getMessage());
            }
        }
        if (!done.isEmpty()) {
            notices.info("steer.done." + command.name().toLowerCase(Locale.ROOT), done.size(), done.get(0));
        }
        return done.size() == names.size();
    }

    private void apply(String name, Command command) {
        switch (command) {
            case PAUSE -> scheduler.pause(name);
            case RESUME -> scheduler.resume(name);
            case RUN_NOW -> scheduler.runNow(name);
            case CANCEL -> scheduler.cancel(name);
            case DELETE -> scheduler.delete(name);
        }
    }
}
