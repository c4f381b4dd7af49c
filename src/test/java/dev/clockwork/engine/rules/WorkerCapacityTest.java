package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WorkerCapacityTest {

    /** Runs that take {@code estimate} now and {@code mean} on average. */
    private record FixedRuns(Duration estimate, Duration mean) implements WorkerCapacity.Runs {
    }

    private static WorkerCapacity capacity(int workers, int floor, long runMillis) {
        Duration run = Duration.ofMillis(runMillis);
        return new WorkerCapacity(workers, floor, 200, new FixedRuns(run, run));
    }

    @ParameterizedTest(name = "{0} workers, floor {1}, runs of {2} ms, holding {3}+{4}+{5}, {6} unrecorded"
            + " -> claim {7}, start {8}")
    @CsvSource(delimiterString = "|", textBlock = """
            # workers | floor | run ms | busy | queued | marking | unrecorded | claimable | startable
              16      | 4     | 1000   | 0    | 0      | 0       | 0          | 20        | 16
              16      | 4     | 1000   | 10   | 3      | 0       | 0          | 7         | 3
              16      | 4     | 1000   | 10   | 3      | 2       | 0          | 5         | 1
              16      | 4     | 1000   | 16   | 4      | 0       | 0          | 0         | 0
              16      | 4     | 1000   | 16   | 30     | 0       | 0          | 0         | 0
              16      | 4     | 600000 | 0    | 0      | 0       | 0          | 20        | 16
              16      | 0     | 1000   | 0    | 0      | 0       | 0          | 16        | 16
              16      | 4     | 10     | 0    | 0      | 0       | 0          | 96        | 96
              16      | 4     | 10     | 16   | 40     | 0       | 0          | 40        | 40
              16      | 4     | 0      | 0    | 0      | 0       | 0          | 1016      | 1016
              16      | 4     | 0      | 0    | 0      | 0       | 200        | 1016      | 1016
              16      | 4     | 0      | 0    | 0      | 0       | 450        | 766       | 766
              16      | 4     | 0      | 0    | 0      | 0       | 5000       | 0         | 0
              16      | 4     | 1000   | 0    | 0      | 0       | 210        | 10        | 6
              1       | 4     | 1000   | 1    | 0      | 0       | 0          | 4         | 0
              1       | 4     | 1000   | 1    | 4      | 0       | 0          | 0         | 0
            """)
    void room_should_be_the_workers_and_the_prefetch_less_what_is_held(int workers, int floor, long runMillis,
            int busy, int queued, int marking, int unrecorded, int claimable, int startable) {
        WorkerCapacity capacity = capacity(workers, floor, runMillis);
        WorkerCapacity.Load load = new WorkerCapacity.Load(busy, queued, marking, unrecorded);

        assertThat(capacity.claimable(load)).as("claimable").isEqualTo(claimable);
        assertThat(capacity.startable(load)).as("startable").isEqualTo(startable);
    }

    @ParameterizedTest(name = "runs of {0} ms, {1} queued -> low water {2}")
    @CsvSource(delimiterString = "|", textBlock = """
            # run ms | queued | low water
              1000   | 0      | true
              1000   | 2      | true
              1000   | 3      | false
              10     | 40     | true
              10     | 41     | false
              0      | 500    | true
              0      | 501    | false
            """)
    void workers_should_ask_for_more_when_the_queue_is_down_to_half_the_prefetch(long runMillis, int queued,
            boolean lowWater) {
        assertThat(capacity(16, 4, runMillis).atLowWater(queued)).isEqualTo(lowWater);
    }

    @Test
    void a_long_run_in_progress_should_shrink_the_prefetch_though_recent_runs_were_short() {
        WorkerCapacity capacity = new WorkerCapacity(16, 4, 200,
                new FixedRuns(Duration.ofMinutes(5), Duration.ofMillis(1)));

        assertThat(capacity.claimable(WorkerCapacity.Load.IDLE)).isEqualTo(20);
        assertThat(capacity.atLowWater(256)).as("low water follows the mean of ended runs").isTrue();
    }

    @Test
    void a_node_without_workers_should_never_have_room_whatever_its_prefetch() {
        WorkerCapacity none = capacity(0, 4, 1);

        assertThat(none.claimable(WorkerCapacity.Load.IDLE)).isZero();
        assertThat(none.startable(WorkerCapacity.Load.IDLE)).isZero();
        assertThatThrownBy(() -> capacity(-1, 4, 1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }
}
