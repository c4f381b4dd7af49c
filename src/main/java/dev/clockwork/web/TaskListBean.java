package dev.clockwork.web;

import dev.clockwork.api.Page;
import dev.clockwork.api.Scheduler;
import dev.clockwork.api.TaskInfo;
import dev.clockwork.api.TaskQuery;
import dev.clockwork.api.TaskState;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** The task list: paged from the database, filtered by name prefix and state. */
@Named("taskList")
@ViewScoped
public class TaskListBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Scheduler scheduler;

    private String prefix;
    private TaskState state;
    private final LazyDataModel<TaskInfo> tasks = new TaskModel();

    public LazyDataModel<TaskInfo> getTasks() {
        return tasks;
    }

    public TaskState[] getStates() {
        return TaskState.values();
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

    private Page<TaskInfo> page(int first, int size) {
        Optional<String> namePrefix = prefix == null || prefix.isBlank() ? Optional.empty() : Optional.of(prefix.strip());
        return scheduler.list(new TaskQuery(Optional.ofNullable(state), Optional.empty(), namePrefix, first,
                Math.max(1, Math.min(size, TaskQuery.MAX_LIMIT))));
    }

    private final class TaskModel extends LazyDataModel<TaskInfo> {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, page(0, 1).total());
        }

        @Override
        public List<TaskInfo> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                   Map<String, FilterMeta> filterBy) {
            Page<TaskInfo> page = page(first, pageSize);
            setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
            return page.items();
        }

        @Override
        public String getRowKey(TaskInfo task) {
            return task.name();
        }
    }
}
