package dev.clockwork.web;

import dev.clockwork.api.ExecutionInfo;
import dev.clockwork.api.Page;
import dev.clockwork.api.Scheduler;
import dev.clockwork.api.TaskInfo;
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

/** One task and its execution history, newest first. */
@Named("taskView")
@ViewScoped
public class TaskBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Scheduler scheduler;

    private String name;
    private final LazyDataModel<ExecutionInfo> executions = new ExecutionModel();

    /** The task, or empty when the name is unknown (the page then says so). */
    public Optional<TaskInfo> getTask() {
        return name == null ? Optional.empty() : scheduler.find(name);
    }

    public TaskInfo getInfo() {
        return getTask().orElse(null);
    }

    public LazyDataModel<ExecutionInfo> getExecutions() {
        return executions;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    private final class ExecutionModel extends LazyDataModel<ExecutionInfo> {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return getTask().map(t -> (int) Math.min(Integer.MAX_VALUE, scheduler.executions(name, 0, 1).total()))
                    .orElse(0);
        }

        @Override
        public List<ExecutionInfo> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                        Map<String, FilterMeta> filterBy) {
            if (getTask().isEmpty()) {
                return List.of();
            }
            Page<ExecutionInfo> page = scheduler.executions(name, first, Math.max(1, Math.min(pageSize, 1000)));
            setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
            return page.items();
        }

        @Override
        public String getRowKey(ExecutionInfo execution) {
            return Long.toString(execution.id());
        }
    }
}
