package dev.clockwork.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.NodeState;
import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.engine.rules.OffsetClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The meters and their labels, on the bean wired by hand: no server, no database. */
class EngineMetricsTest {

    private static final Instant FIRE = Instant.parse("2026-12-01T09:00:00Z");

    private final EngineMetrics metrics = new EngineMetrics();
    private final TestReadRouters.PlayedReplica replica = new TestReadRouters.PlayedReplica();
    private ClusterReadings.Readings readings = new ClusterReadings.Readings(Duration.ofMillis(1500),
            Map.of(NodeState.LIVE, 2L, NodeState.DEAD, 1L));

    @BeforeEach
    void wire() {
        metrics.actions = new ActionRegistry() {
            @Override
            public SortedSet<String> names() {
                return new TreeSet<>(List.of("noop", "log"));
            }
        };
        metrics.workers = new Workers();
        metrics.config = EngineConfig.defaults(ZoneOffset.UTC);
        metrics.clock = new OffsetClock(Clock.fixed(FIRE, ZoneOffset.UTC));
        metrics.cluster = new ClusterReadings() {
            @Override
            public Readings read() {
                if (readings == null) {
                    throw new IllegalStateException("the database is away");
                }
                return readings;
            }
        };
        metrics.reads = TestReadRouters.router(replica, Clock.fixed(FIRE, ZoneOffset.UTC));
        metrics.register();
    }

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void replica_gauges_should_show_the_last_measured_lag_and_whether_reads_use_the_replica() {
        assertThat(metrics.scrape()).contains("clockwork_read_replica_lag_seconds NaN")
                .contains("clockwork_read_replica_in_use 0.0");
        replica.seen = () -> java.util.Optional.of(FIRE);
        metrics.reads.measure(FIRE);
        assertThat(metrics.scrape()).contains("clockwork_read_replica_lag_seconds 0.0")
                .contains("clockwork_read_replica_in_use 1.0");
    }

    @Test
    void runs_should_count_under_their_action_and_status() {
        metrics.ran(fire("noop", ExecutionKind.SCHEDULED, 1), ExecutionStatus.SUCCEEDED, FIRE.plusMillis(20),
                TimeUnit.MILLISECONDS.toNanos(5));
        metrics.ran(fire("noop", ExecutionKind.SCHEDULED, 1), ExecutionStatus.FAILED, FIRE, 1);

        String text = metrics.scrape();

        assertThat(text).contains("clockwork_executions_total{action=\"noop\",status=\"SUCCEEDED\"} 1.0")
                .contains("clockwork_executions_total{action=\"noop\",status=\"FAILED\"} 1.0")
                .contains("clockwork_executions_total{action=\"log\",status=\"SUCCEEDED\"} 0.0")
                .contains("clockwork_execution_duration_seconds_count{action=\"noop\"} 2")
                .contains("clockwork_fire_lateness_seconds_bucket{le=\"0.025\"} 2");
    }

    @Test
    void runs_of_an_action_not_deployed_should_share_the_label_other() {
        metrics.ran(fire("billing.nightly", ExecutionKind.SCHEDULED, 1), ExecutionStatus.ACTION_NOT_FOUND, FIRE, 1);
        metrics.ran(fire("typo.action", ExecutionKind.SCHEDULED, 1), ExecutionStatus.ACTION_NOT_FOUND, FIRE, 1);

        String text = metrics.scrape();

        assertThat(text).contains("clockwork_executions_total{action=\"other\",status=\"ACTION_NOT_FOUND\"} 2.0")
                .doesNotContain("billing.nightly").doesNotContain("typo.action");
    }

    @Test
    void lateness_should_leave_out_retries_and_manual_runs() {
        metrics.ran(fire("noop", ExecutionKind.SCHEDULED, 2), ExecutionStatus.SUCCEEDED, FIRE.plusSeconds(60), 1);
        metrics.ran(fire("noop", ExecutionKind.MANUAL, 1), ExecutionStatus.SUCCEEDED, FIRE.plusSeconds(60), 1);

        assertThat(metrics.scrape()).contains("clockwork_fire_lateness_seconds_count 0");
    }

    @Test
    void cluster_gauges_should_show_the_reading_of_the_scrape() {
        String text = metrics.scrape();

        assertThat(text).contains("clockwork_scheduling_lag_seconds 1.5")
                .contains("clockwork_nodes{state=\"LIVE\"} 2.0")
                .contains("clockwork_nodes{state=\"DEAD\"} 1.0")
                .contains("clockwork_nodes{state=\"STOPPED\"} 0.0")
                .contains("clockwork_workers 16.0");
    }

    @Test
    void cluster_gauges_should_be_nan_when_the_database_is_away_and_the_rest_still_served() {
        readings = null;

        String text = metrics.scrape();

        assertThat(text).contains("clockwork_scheduling_lag_seconds NaN").contains("clockwork_workers 16.0");
    }

    private static ClaimedFire fire(String action, ExecutionKind kind, int attempt) {
        return new ClaimedFire(1, 1, "task", action, Optional.empty(), FIRE, attempt, kind, 0, Optional.empty(),
                true, Optional.empty());
    }
}
