package dev.clockwork.web;

import dev.clockwork.api.FirePolicy;
import dev.clockwork.api.Misfire;
import dev.clockwork.api.Overlap;
import dev.clockwork.api.RetryPolicy;
import dev.clockwork.engine.rules.TaskDefinitions;
import dev.clockwork.trigger.Durations;
import dev.clockwork.api.Scheduler;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.api.TaskInfo;
import dev.clockwork.api.TaskSpec;
import dev.clockwork.engine.ActionRegistry;
import dev.clockwork.engine.ArgsJson;
import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.engine.rules.TriggerPreview;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The form that creates a task or changes one (operators only). As the user types the trigger it shows the trigger's
 * canonical form, its description and its next fires in the task's zone, or the error under the field; saving goes
 * through the {@link Scheduler}, and an error it names a field of (a duplicate name, a bad zone) appears under
 * that field.
 *
 * <p>Every input's id is the name of its field in the REST API ({@code name}, {@code trigger}, ...), which the
 * Scheduler's errors name: a new field is one input in {@code task-form.xhtml} and one line in {@link #spec()}.
 */
@Named("taskForm")
@ViewScoped
public class TaskFormBean implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int PREVIEW_FIRES = 5;
    private static final String FORM = "task";
    private static final Set<String> FIELDS = Set.of("name", "trigger", "zone", "action", "args", "priority",
            "description", "timeout", "retryAttempts", "retryBackoff", "misfire", "grace", "overlap");
    private static final int MOST_SUGGESTIONS = 15;

    @Inject
    transient Scheduler scheduler;
    @Inject
    transient ActionRegistry actions;
    @Inject
    transient ArgsJson argsJson;
    @Inject
    transient EngineConfig config;
    @Inject
    transient Clock clock;
    @Inject
    transient Notices notices;
    @Inject
    transient Steering steering;
    @Inject
    transient FacesContext faces;

    /** The name of the task being changed (the page's {@code name} parameter); empty when creating one. */
    private String editing;
    private boolean found = true;
    private String name;
    private String trigger;
    private String zone;
    private String action;
    private String args;
    private int priority;
    private String timeout;
    private Misfire misfire = FirePolicy.DEFAULT.misfire();
    private String grace;
    private Overlap overlap = FirePolicy.DEFAULT.overlap();
    private int retryAttempts = 1;
    /** The edited task's retry policy: the form changes its attempts and back-off and keeps the rest. */
    private RetryPolicy retry = RetryPolicy.attempts(1);
    private String retryBackoff = Durations.format(RetryPolicy.DEFAULT_BACKOFF);
    private String description;
    private TriggerPreview preview;
    private String actionHelp;

    /** Fills the form once, when the page is opened: from the task being changed, or with defaults. */
    public void load() {
        if (faces.isPostback()) {
            return;
        }
        if (!isEditing()) {
            zone = config.defaultZone().getId();
            return;
        }
        Optional<TaskInfo> task = scheduler.find(editing);
        found = task.isPresent();
        task.ifPresent(this::fill);
        previewTrigger();
        describeAction();
    }

    /**
     * Shows what the chosen action does and the arguments it takes (its {@code @Action} description, as the node
     * that answers has it), under the action's field; when the action is chosen or typed.
     */
    public void describeAction() {
        String chosen = action == null ? "" : action.strip();
        actionHelp = chosen.isEmpty() ? null : actions.descriptions().get(chosen);
        if (actionHelp != null && actionHelp.isBlank()) {
            actionHelp = null;
        }
    }

    /** The chosen action's description and argument help, or null when it has none. */
    public String getActionHelp() {
        return actionHelp;
    }

    private void fill(TaskInfo task) {
        name = task.name();
        trigger = task.trigger();
        zone = task.zone();
        action = task.action();
        args = task.args().orElse(null);
        priority = task.priority();
        description = task.description().orElse(null);
        timeout = task.timeout().map(Durations::format).orElse(null);
        retryAttempts = task.retry().attempts();
        misfire = task.fires().misfire();
        grace = task.fires().grace().map(Durations::format).orElse(null);
        overlap = task.fires().overlap();
        retry = task.retry().retries() ? task.retry() : RetryPolicy.attempts(1);
        if (task.retry().retries()) {
            retryBackoff = Durations.format(task.retry().backoff());
        }
    }

    /** Shows what the trigger means, or its error under the trigger (or zone) field; nothing while it is empty. */
    public void previewTrigger() {
        preview = null;
        if (trigger == null || trigger.isBlank()) {
            return;
        }
        try {
            preview = TriggerPreview.of(trigger, name, blankOr(zone, config.defaultZone().getId()), clock.instant(),
                    PREVIEW_FIRES);
        } catch (SchedulerException e) {
            show(e);
        }
    }

    /** Checks that the arguments are one JSON value, showing the error under the field. */
    public void checkArgs() {
        if (args != null && !args.isBlank()) {
            try {
                argsJson.check(args);
            } catch (SchedulerException e) {
                show(e);
            }
        }
    }

    /** Saves the task and opens its page; errors stay on the form, under their fields. */
    public String save() {
        if (!steering.allowed()) {
            notices.error(notices.text("steer.refused.role"));
            return null;
        }
        try {
            TaskInfo saved = isEditing() ? scheduler.update(spec()) : scheduler.schedule(spec());
            notices.info(isEditing() ? "form.updated" : "form.created", saved.name());
            notices.keepForRedirect();
            return "/task?faces-redirect=true&name=" + URLEncoder.encode(saved.name(), StandardCharsets.UTF_8);
        } catch (SchedulerException e) {
            show(e);
            previewTrigger();
            return null;
        }
    }

    private TaskSpec spec() {
        TaskSpec.Builder spec = TaskSpec.builder(isEditing() ? editing : blankOr(name, ""))
                .trigger(blankOr(trigger, "")).action(blankOr(action, "")).priority(priority)
                .description(blankOr(description, ""));
        if (zone != null && !zone.isBlank()) {
            spec.zone(zone.strip());
        }
        if (args != null && !args.isBlank()) {
            spec.argsJson(args);
        }
        if (timeout != null && !timeout.isBlank()) {
            spec.timeout(TaskDefinitions.parseDuration("timeout", timeout));
        }
        spec.misfire(misfire).overlap(overlap);
        if (grace != null && !grace.isBlank()) {
            spec.grace(TaskDefinitions.parseDuration("grace", grace));
        }
        if (retryAttempts != 1) {
            spec.retry(new RetryPolicy(retryAttempts, retry.backoff(), retry.multiplier(), retry.maxBackoff(),
                    retry.jitter()).withBackoff(TaskDefinitions.parseDuration(
                    "retry.backoff", blankOr(retryBackoff, ""))));
        }
        return spec.build();
    }

    /** A Scheduler error under the field it names, else in the growl. */
    private void show(SchedulerException e) {
        Optional<String> field = e.field().map(TaskFormBean::inputId).filter(FIELDS::contains);
        if (field.isPresent()) {
            notices.fieldError(FORM + ":" + field.get(), e.getMessage());
        } else {
            notices.error(e.getMessage());
        }
    }

    /** The form's input for an error's field: a retry field's dotted name has no input id of its own. */
    private static String inputId(String field) {
        return field.equals("retry.backoff") || field.equals("retry.maxBackoff") ? "retryBackoff"
                : field.startsWith("retry.") ? "retryAttempts" : field;
    }

    /** Zone ids containing what was typed, for the zone's autocomplete. */
    public List<String> completeZone(String typed) {
        String part = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return ZoneId.getAvailableZoneIds().stream().filter(id -> id.toLowerCase(Locale.ROOT).contains(part))
                .sorted().limit(MOST_SUGGESTIONS).toList();
    }

    /** The actions deployed in the cluster (and on this node) whose names contain what was typed. */
    public List<String> completeAction(String typed) {
        String part = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        java.util.SortedSet<String> names = new java.util.TreeSet<>(actions.names());
        scheduler.actions().forEach(action -> names.add(action.name()));
        return names.stream().filter(n -> n.toLowerCase(Locale.ROOT).contains(part)).toList();
    }

    /** The preview's fire times, each in the task's zone with its UTC offset, e.g. "2026-03-29 03:00:00 +02:00". */
    public List<String> getNextFires() {
        return preview == null ? List.of() : preview.next().stream().map(at -> TimeText.withOffset(at,
                preview.zone())).toList();
    }

    private static String blankOr(String text, String otherwise) {
        return text == null || text.isBlank() ? otherwise : text.strip();
    }

    public boolean isEditing() {
        return editing != null && !editing.isBlank();
    }

    public boolean isFound() {
        return found;
    }

    public TriggerPreview getPreview() {
        return preview;
    }

    /** The name of the task being changed (the page's {@code name} parameter). */
    public String getEdited() {
        return editing;
    }

    public void setEdited(String edited) {
        this.editing = edited;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getTrigger() {
        return trigger;
    }

    public void setTrigger(String trigger) {
        this.trigger = trigger;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getArgs() {
        return args;
    }

    public void setArgs(String args) {
        this.args = args;
    }

    public Misfire getMisfire() {
        return misfire;
    }

    public void setMisfire(Misfire misfire) {
        this.misfire = misfire;
    }

    public Misfire[] getMisfires() {
        return Misfire.values();
    }

    public String getGrace() {
        return grace;
    }

    public void setGrace(String grace) {
        this.grace = grace;
    }

    public Overlap getOverlap() {
        return overlap;
    }

    public void setOverlap(Overlap overlap) {
        this.overlap = overlap;
    }

    public Overlap[] getOverlaps() {
        return Overlap.values();
    }

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public int getRetryAttempts() {
        return retryAttempts;
    }

    public void setRetryAttempts(int retryAttempts) {
        this.retryAttempts = retryAttempts;
    }

    public String getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(String retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public int getPriority() {
        return priority;
    }

    public void setPriority(int priority) {
        this.priority = priority;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }
}
