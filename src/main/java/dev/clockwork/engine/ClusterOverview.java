package dev.clockwork.engine;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.NodeState;
import dev.clockwork.api.TaskState;
import dev.clockwork.store.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the console's dashboard shows of the whole cluster: tasks by state, recent executions by status, fire
 * lateness, nodes and scheduling lag. A handful of aggregate reads, never on the hot path.
 */
@ApplicationScoped
public class ClusterOverview {

    private static final List<Double> QUANTILES = List.of(0.5, 0.99);

    @Inject
    TaskStore tasks;
    @Inject
    ClusterReadings readings;
    @Inject
    Clock clock;

    /**
     * @param tasks tasks in each state (every state present)
     * @param lastHour executions fired in the last hour, by status (every status present)
     * @param lastDay executions fired in the last 24 hours, by status (every status present)
     * @param latenessP50 median lateness of the last hour's scheduled first attempts; empty when none started
     * @param latenessP99 99th percentile of the same
     * @param nodes nodes in each state (every state present)
     * @param schedulingLag how long the oldest unclaimed due fire has waited
     */
    public record Overview(Map<TaskState, Long> tasks, Map<ExecutionStatus, Long> lastHour,
                           Map<ExecutionStatus, Long> lastDay, Optional<Duration> latenessP50,
                           Optional<Duration> latenessP99, Map<NodeState, Long> nodes, Duration schedulingLag) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Overview read() {
        Instant now = clock.instant();
        Instant hourAgo = now.minus(Duration.ofHours(1));
        List<Duration> lateness = tasks.latenessQuantiles(hourAgo, QUANTILES);
        ClusterReadings.Readings cluster = readings.read();
        return new Overview(every(TaskState.class, tasks.countByState()),
                every(ExecutionStatus.class, tasks.countByStatus(hourAgo)),
                every(ExecutionStatus.class, tasks.countByStatus(now.minus(Duration.ofDays(1)))),
                lateness.stream().findFirst(), lateness.stream().skip(1).findFirst(),
                every(NodeState.class, cluster.nodes()), cluster.schedulingLag());
    }

    private static <K extends Enum<K>> Map<K, Long> every(Class<K> type, Map<K, Long> counts) {
        Map<K, Long> all = new EnumMap<>(type);
        for (K key : type.getEnumConstants()) {
            all.put(key, counts.getOrDefault(key, 0L));
        }
        return all;
    }
}
