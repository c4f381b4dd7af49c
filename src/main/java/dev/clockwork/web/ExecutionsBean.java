package dev.clockwork.web;

import dev.clockwork.api.ExecutionQuery;
import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.trigger.Durations;
import jakarta.inject.Inject;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Every execution across tasks, newest first, filtered by status, task name (prefix), node and fire time range (in
 * UTC): the page an operator opens to see what failed last night.
 */
@Named("executionsView")
@ViewScoped
public class ExecutionsBean extends ExecutionsView {

    private static final long serialVersionUID = 1L;

    @Inject
    transient EngineConfig config;

    private String task;
    private String node;
    private LocalDateTime from;
    private LocalDateTime to;

    /** How long executions are kept ({@code clockwork.history.keep}), e.g. {@code 30d}; read from the settings. */
    public String getHistoryKeep() {
        return Durations.format(config.historyKeep());
    }

    /** How many of each task's latest executions are kept however old ({@code clockwork.history.keep-last}). */
    public int getHistoryKeepLast() {
        return config.historyKeepLast();
    }

    public boolean isFiltered() {
        return getStatus() != null || text(task).isPresent() || text(node).isPresent() || from != null || to != null;
    }

    public String getTask() {
        return task;
    }

    public void setTask(String task) {
        this.task = task;
    }

    public String getNode() {
        return node;
    }

    public void setNode(String node) {
        this.node = node;
    }

    public LocalDateTime getFrom() {
        return from;
    }

    public void setFrom(LocalDateTime from) {
        this.from = from;
    }

    public LocalDateTime getTo() {
        return to;
    }

    public void setTo(LocalDateTime to) {
        this.to = to;
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    @Override
    Optional<ExecutionQuery> query(int offset, int limit) {
        return Optional.of(new ExecutionQuery(Optional.empty(), text(task), Optional.empty(), text(node),
                Optional.ofNullable(from).map(f -> f.toInstant(ZoneOffset.UTC)),
                Optional.ofNullable(to).map(t -> t.toInstant(ZoneOffset.UTC)), offset, limit));
    }
}
