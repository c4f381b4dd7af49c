package dev.clockwork.web;

import dev.clockwork.api.ExecutionInfo;
import dev.clockwork.api.ExecutionQuery;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.Page;
import dev.clockwork.api.Scheduler;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * A page with a table of executions, newest first, filtered by status, and the detail dialog of one of them
 * ({@code WEB-INF/includes/executions-table.xhtml} and {@code execution-dialog.xhtml}).
 */
abstract class ExecutionsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Scheduler scheduler;
    @Inject
    transient Steering steering;

    private ExecutionStatus status;
    private ExecutionInfo selected;
    private final LazyDataModel<ExecutionInfo> executions = new Model();

    /** The executions to list (any status; the status filter is added to it), from {@code offset}. */
    abstract Optional<ExecutionQuery> query(int offset, int limit);

    /** Opens an execution in the detail dialog (read again: it may have ended since the table was drawn). */
    public void select(long executionId) {
        selected = scheduler.execution(executionId).orElse(null);
    }

    /** Cancels the execution open in the dialog, and shows it as it is after the cancel. */
    public void cancelSelected() {
        if (selected != null && steering.cancelExecution(selected.id())) {
            select(selected.id());
        }
    }

    public LazyDataModel<ExecutionInfo> getExecutions() {
        return executions;
    }

    public ExecutionInfo getSelected() {
        return selected;
    }

    public ExecutionStatus[] getStatuses() {
        return ExecutionStatus.values();
    }

    public ExecutionStatus getStatus() {
        return status;
    }

    public void setStatus(ExecutionStatus status) {
        this.status = status;
    }

    private final class Model extends PagedModel<ExecutionInfo> {
        private static final long serialVersionUID = 1L;

        @Override
        Page<ExecutionInfo> fetch(int offset, int limit, Map<String, SortMeta> sortBy) {
            return query(offset, limit).map(q -> scheduler.executions(q.withStatus(Optional.ofNullable(status))))
                    .orElseGet(() -> new Page<>(List.of(), 0, offset, limit));
        }

        @Override
        String key(ExecutionInfo execution) {
            return Long.toString(execution.id());
        }
    }
}
