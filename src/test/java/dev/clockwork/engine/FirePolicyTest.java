package dev.clockwork.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.FirePolicy;
import dev.clockwork.api.Misfire;
import dev.clockwork.api.Overlap;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.jpa.Dialect;
import dev.clockwork.store.jpa.StoreFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A task's fire policy decides what a late fire (misfire, grace) and a fire during a run in progress (overlap) do,
 * and priorities order the claims across the whole due backlog. Driven by {@link ManualEngine} on H2 with a settable
 * clock.
 */
class FirePolicyTest {

    private static final Instant NINE = Instant.parse("2030-06-03T09:00:00Z");
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    private final StoreFixture fixture = new StoreFixture(Dialect.H2,
            "jdbc:h2:mem:fires-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "sa");
    private final ManualEngine engine = new ManualEngine(fixture, NINE);

    @AfterEach
    void close() {
        fixture.close();
    }

    /** A 1 h outage of an {@code every 10m} task: the fires of 09:00 to 10:00 are claimed at 10:00:30. */
    @ParameterizedTest
    @EnumSource(Misfire.class)
    void each_misfire_policy_should_decide_the_fires_missed_during_an_outage(Misfire misfire) {
        engine.action("noop", context -> "ok");
        TaskRow task = insert("outage", "every 10m", FirePolicy.DEFAULT.withMisfire(misfire), 0, NINE);
        engine.setTime(NINE.plus(Duration.ofHours(1)).plusSeconds(30));

        int rounds = 0;
        while (!engine.runDue().isEmpty() || rounds == 0) {
            rounds++;
        }

        List<ExecutionRow> runs = executions(task);
        Instant next = nextFire(task);
        assertThat(next).as("the schedule goes on after now").isEqualTo(NINE.plus(Duration.ofMinutes(70)));
        switch (misfire) {
            case FIRE_ONCE -> assertThat(runs).extracting(ExecutionRow::status, ExecutionRow::fireTime)
                    .as("one run stands for the 7 missed fires")
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ExecutionStatus.SUCCEEDED, NINE));
            case SKIP -> {
                assertThat(runs).extracting(ExecutionRow::status).containsExactly(ExecutionStatus.SKIPPED);
                assertThat(runs.get(0).reason()).contains("misfire SKIP: 7 fires from " + NINE + " to "
                        + NINE.plus(Duration.ofHours(1)) + " missed by more than the grace of 10s");
            }
            case CATCH_UP -> assertThat(runs).extracting(ExecutionRow::fireTime).as("every missed fire, oldest first")
                    .containsExactlyElementsOf(fires(NINE, 7));
        }
    }

    @Test
    void a_fire_within_its_grace_should_run_and_a_later_one_should_misfire() {
        engine.action("noop", context -> "ok");
        TaskRow task = insert("graced", "every 10m", FirePolicy.DEFAULT.withMisfire(Misfire.SKIP)
                .withGrace(Duration.ofMinutes(2)), 0, NINE);

        engine.setTime(NINE.plus(Duration.ofMinutes(2)));
        engine.runDue();
        engine.setTime(NINE.plus(Duration.ofMinutes(12)).plusMillis(1));
        engine.runDue();

        assertThat(executions(task)).extracting(ExecutionRow::status)
                .containsExactly(ExecutionStatus.SUCCEEDED, ExecutionStatus.SKIPPED);
    }

    /** A run that takes 2.5 intervals: claimed at 09:00, ended at 09:25. */
    @ParameterizedTest
    @EnumSource(value = Overlap.class, names = {"ALLOW", "FORBID"})
    void a_fire_during_a_run_in_progress_should_follow_the_overlap_policy(Overlap overlap) {
        TaskRow task = insert("long", "every 10m", FirePolicy.DEFAULT.withOverlap(overlap), 0, NINE);
        List<ClaimedFire> first = engine.claimDue(10);
        List<ClaimedFire> inProgress = new ArrayList<>(first);

        engine.setTime(NINE.plus(TEN_MINUTES));
        inProgress.addAll(engine.claimDue(10));
        engine.setTime(NINE.plus(TEN_MINUTES.multipliedBy(2)));
        inProgress.addAll(engine.claimDue(10));
        engine.setTime(NINE.plus(Duration.ofMinutes(25)));
        engine.recordSucceeded(inProgress);
        engine.setTime(NINE.plus(TEN_MINUTES.multipliedBy(3)));
        engine.runDueOnce();

        List<ExecutionRow> runs = executions(task);
        assertThat(runs).extracting(ExecutionRow::fireTime).containsExactlyElementsOf(fires(NINE, 4));
        if (overlap == Overlap.ALLOW) {
            assertThat(runs).extracting(ExecutionRow::status).containsOnly(ExecutionStatus.SUCCEEDED);
        } else {
            assertThat(runs).extracting(ExecutionRow::status).containsExactly(ExecutionStatus.SUCCEEDED,
                    ExecutionStatus.SKIPPED, ExecutionStatus.SKIPPED, ExecutionStatus.SUCCEEDED);
            long running = first.get(0).executionId();
            assertThat(runs.get(1).reason()).contains("overlap FORBID: execution " + running + " is still running on "
                    + engine.node.id());
            assertThat(runs.get(2).finishedAt()).contains(NINE.plus(TEN_MINUTES.multipliedBy(2)));
        }
    }

    /**
     * 10,000 due tasks with random priorities and fire times, claimed 50 at a time: the claims come out highest
     * priority first, then earliest fire time, across the whole backlog, not only within the earliest rows.
     */
    @Test
    void claims_should_take_the_highest_priority_first_across_a_backlog_of_10000() {
        Random random = new Random(42);
        int count = 10_000;
        for (int chunk = 0; chunk < count; chunk += 200) {
            int from = chunk;
            // Transactions of a few hundred inserts: the unit of work of one with 10,000 makes each insert slower.
            fixture.inTransaction(s -> {
                for (int i = from; i < from + 200; i++) {
                    // Most tasks keep the default priority, as in production; a few are ranked, some late in the
                    // backlog.
                    int priority = random.nextInt(10) < 8 ? 0 : random.nextInt(201) - 100;
                    Instant due = NINE.minusSeconds(random.nextInt(3600));
                    s.tasks().insert(TaskRow.builder("backlog-" + i).trigger("every 1d").zone("UTC").action("noop")
                            .anchorAt(due).nextFireAt(Optional.of(due)).priority(priority)
                            .fires(FirePolicy.UNCHANGED).created(NINE.minus(Duration.ofDays(1)), "test").build());
                }
                return null;
            });
        }

        List<ClaimedFire> claimed = new ArrayList<>();
        for (List<ClaimedFire> round = engine.claimDue(50); !round.isEmpty(); round = engine.claimDue(50)) {
            claimed.addAll(round);
            engine.recordSucceeded(round);
        }

        assertThat(claimed).hasSize(count);
        assertThat(claimed).isSortedAccordingTo(Comparator.comparingInt(ClaimedFire::priority).reversed()
                .thenComparing(ClaimedFire::fireTime));
    }

    private TaskRow insert(String name, String trigger, FirePolicy fires, int priority, Instant first) {
        return fixture.inTransaction(s -> s.tasks().insert(TaskRow.builder(name).trigger(trigger).zone("UTC")
                .action("noop").anchorAt(first).nextFireAt(Optional.of(first)).priority(priority).fires(fires)
                .created(first.minus(Duration.ofDays(1)), "test").build())).orElseThrow();
    }

    private Instant nextFire(TaskRow task) {
        return fixture.inTransaction(s -> s.tasks().findById(task.id())).orElseThrow().nextFireAt().orElseThrow();
    }

    private static List<Instant> fires(Instant first, int count) {
        List<Instant> fires = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fires.add(first.plus(TEN_MINUTES.multipliedBy(i)));
        }
        return fires;
    }

    /** Oldest first. */
    private List<ExecutionRow> executions(TaskRow task) {
        List<ExecutionRow> rows = new ArrayList<>(fixture.inTransaction(s -> s.tasks().executions(task.id(), 0, 100))
                .items());
        Collections.reverse(rows);
        return rows.stream().sorted(Comparator.comparing(ExecutionRow::fireTime).thenComparing(ExecutionRow::attempt))
                .collect(Collectors.toList());
    }
}
