package dev.clockwork.web;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.Page;
import dev.clockwork.api.Scheduler;
import dev.clockwork.api.TaskInfo;
import dev.clockwork.api.TaskQuery;
import dev.clockwork.api.TaskSort;
import dev.clockwork.api.TaskState;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The task list: paged and sorted by the database, filtered by name prefix, state, action and last status, with
 * steering of one
 * task or of the selected ones (through {@link Steering}, which checks the role).
 */
@Named("taskList")
@ViewScoped
public class TaskListBean implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The columns the table sorts by, by their {@code field}. */
    private static final Map<String, TaskSort.Field> SORTABLE = Map.of("name", TaskSort.Field.NAME,
            "trigger", TaskSort.Field.TRIGGER, "nextFireAt", TaskSort.Field.NEXT_FIRE, "state", TaskSort.Field.STATE,
            "action", TaskSort.Field.ACTION, "priority", TaskSort.Field.PRIORITY, "lastStatus",
            TaskSort.Field.LAST_STATUS);
    /** The statuses a last status can be: those of an ended execution. */
    private static final List<ExecutionStatus> LAST_STATUSES = Arrays.stream(ExecutionStatus.values())
            .filter(ExecutionStatus::isFinal).toList();

    @Inject
    transient Scheduler scheduler;
    @Inject
    transient Steering steering;

    private String prefix;
    private TaskState state;
    private String action;
    private ExecutionStatus lastStatus;
    private List<TaskInfo> selection = new ArrayList<>();
    private final LazyDataModel<TaskInfo> tasks = new TaskModel();

    public void pauseSelected() {
        steerSelected(Steering.Command.PAUSE);
    }

    public void resumeSelected() {
        steerSelected(Steering.Command.RESUME);
    }

    public void runSelected() {
        steerSelected(Steering.Command.RUN_NOW);
    }

    public void deleteSelected() {
        steerSelected(Steering.Command.DELETE);
    }

    private void steerSelected(Steering.Command command) {
        steering.steer(selection.stream().map(TaskInfo::name).toList(), command);
        selection = new ArrayList<>();
    }

    /** Whether a filter is set: the empty table then says that nothing matches, not that there are no tasks. */
    public boolean isFiltered() {
        return text(prefix).isPresent() || state != null || text(action).isPresent() || lastStatus != null;
    }

    public LazyDataModel<TaskInfo> getTasks() {
        return tasks;
    }

    public TaskState[] getStates() {
        return TaskState.values();
    }

    public List<ExecutionStatus> getLastStatuses() {
        return LAST_STATUSES;
    }

    public ExecutionStatus getLastStatus() {
        return lastStatus;
    }

    public void setLastStatus(ExecutionStatus lastStatus) {
        this.lastStatus = lastStatus;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public TaskState getState() {
        return state;
    }

    public void setState(TaskState state) {
        this.state = state;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public List<TaskInfo> getSelection() {
        return selection;
    }

    public void setSelection(List<TaskInfo> selection) {
        this.selection = selection == null ? new ArrayList<>() : new ArrayList<>(selection);
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private final class TaskModel extends PagedModel<TaskInfo> {
        private static final long serialVersionUID = 1L;

        @Override
        Page<TaskInfo> fetch(int offset, int limit, Map<String, SortMeta> sortBy) {
            return scheduler.list(new TaskQuery(Optional.ofNullable(state), text(action), text(prefix),
                    Optional.ofNullable(lastStatus), offset, Math.min(limit, TaskQuery.MAX_LIMIT), sort(sortBy)));
        }

        /** The table's sort column (its {@code field}: a {@link TaskSort.Field} in camel case), by name otherwise. */
        private TaskSort sort(Map<String, SortMeta> sortBy) {
            return sortBy.values().stream().filter(meta -> meta.getOrder() != SortOrder.UNSORTED).findFirst()
                    .flatMap(meta -> SORTABLE.entrySet().stream().filter(e -> e.getKey().equals(meta.getField()))
                            .findFirst().map(e -> new TaskSort(e.getValue(), meta.getOrder() == SortOrder.DESCENDING
                                    ? TaskSort.Direction.DESCENDING : TaskSort.Direction.ASCENDING)))
                    .orElse(TaskSort.BY_NAME);
        }

        @Override
        String key(TaskInfo task) {
            return task.name();
        }
    }
}
