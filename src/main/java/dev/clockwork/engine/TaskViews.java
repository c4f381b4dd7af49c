package dev.clockwork.engine;

import dev.clockwork.api.ExecutionInfo;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.TaskInfo;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.TaskRow;
import dev.clockwork.trigger.Trigger;
import dev.clockwork.trigger.TriggerFormatException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Turns stored rows into the views the API hands out. */
final class TaskViews {

    private TaskViews() {
    }

    static TaskInfo task(TaskRow row, Optional<ExecutionStatus> lastStatus, List<String> warnings) {
        return new TaskInfo(row.name(), row.trigger(), describe(row), row.zone(), row.action(),
                row.args(), row.priority(), row.state(), row.stateReason(), row.description(),
                row.nextFireAt(), row.lastFireAt(), lastStatus, row.fireCount(), row.createdAt(),
                row.updatedAt(), warnings, row.timeout(), row.retry(), row.fires());
    }

    static ExecutionInfo execution(ExecutionRow row) {
        List<String> report = row.report().map(r -> Arrays.asList(r.split("\n"))).orElse(List.of());
        return new ExecutionInfo(row.id(), row.taskName(), row.fireTime(), row.attempt(), row.kind(), row.node(),
                row.status(), row.startedAt(), row.finishedAt(), row.result(), row.error(), row.stackTrace(), report,
                row.dueAt(), row.reason());
    }

    private static String describe(TaskRow row) {
        try {
            return Trigger.parse(row.trigger(), row.name()).describe(ZoneId.of(row.zone()));
        } catch (TriggerFormatException e) {
            return "unreadable trigger: " + e.getMessage();
        }
    }
}
