package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.FirePolicy;
import dev.clockwork.api.Misfire;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.api.TaskState;
import dev.clockwork.store.TaskRow;
import dev.clockwork.trigger.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleRulesTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final Instant ANCHOR = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration CATCH_UP = Duration.ofSeconds(10);
    private static final Trigger EVERY_SECOND = TestTriggers.fixedRate(Duration.ofSeconds(1));

    @Test
    void after_claim_should_return_the_following_fire_when_running_on_time() {
        Instant fire = ANCHOR.plusSeconds(5);

        Optional<Instant> next = ScheduleRules.afterClaim(EVERY_SECOND, UTC, ANCHOR, fire, fire.plusMillis(30), FirePolicy.UNCHANGED, CATCH_UP, 100).next();

        assertThat(next).contains(ANCHOR.plusSeconds(6));
    }

    @Test
    void after_claim_should_keep_missed_fires_when_behind_by_less_than_the_catch_up_window() {
        Instant fire = ANCHOR.plusSeconds(5);

        Optional<Instant> next = ScheduleRules.afterClaim(EVERY_SECOND, UTC, ANCHOR, fire, fire.plusSeconds(3), FirePolicy.UNCHANGED, CATCH_UP, 100).next();

        assertThat(next).contains(ANCHOR.plusSeconds(6));
    }

    @Test
    void after_claim_should_coalesce_fires_missed_during_downtime_into_one() {
        Instant fire = ANCHOR.plusSeconds(5);
        Instant now = fire.plus(Duration.ofMinutes(30)).plusMillis(400);

        Optional<Instant> next = ScheduleRules.afterClaim(EVERY_SECOND, UTC, ANCHOR, fire, now, FirePolicy.UNCHANGED, CATCH_UP, 100).next();

        assertThat(next).hasValueSatisfying(n -> assertThat(n).isAfter(now).isBefore(now.plusSeconds(1)));
    }

    /** An {@code every 10m} task whose 09:00 fire is claimed at {@code claimedAt}, with a grace of 1 m. */
    @ParameterizedTest(name = "{0} claimed at {1}")
    @CsvSource(delimiterString = "|", textBlock = """
            # misfire | claimed at | skipped | next fire
              FIRE_ONCE | 09:00:30 | -       | 09:10
              FIRE_ONCE | 09:05    | -       | 09:10
              FIRE_ONCE | 10:00:30 | -       | 10:10
              SKIP      | 09:00:30 | -       | 09:10
              SKIP      | 09:05    | misfire SKIP: the fire at 2030-06-03T09:00:00Z missed by more than the grace of 1m | 09:10
              SKIP      | 10:00:30 | misfire SKIP: 7 fires from 2030-06-03T09:00:00Z to 2030-06-03T10:00:00Z missed by more than the grace of 1m | 10:10
              CATCH_UP  | 09:40:30 | -       | 09:10
              CATCH_UP  | 10:30:30 | misfire CATCH_UP: 10 fires from 2030-06-03T09:00:00Z to 2030-06-03T10:30:00Z missed; the last 5 run (clockwork.max-catch-up is 5) | 09:50
            """)
    void after_claim_should_follow_the_misfire_policy(Misfire misfire, String claimedAt, String skipped,
                                                      String next) {
        Instant nine = Instant.parse("2030-06-03T09:00:00Z");
        Trigger everyTen = TestTriggers.fixedRate(Duration.ofMinutes(10));
        FirePolicy fires = FirePolicy.DEFAULT.withMisfire(misfire).withGrace(Duration.ofMinutes(1));
        Instant now = at(claimedAt);

        ScheduleRules.Claim claim = ScheduleRules.afterClaim(everyTen, UTC, nine, nine, now, fires, CATCH_UP, 5);

        assertThat(claim.skipped().orElse("-")).isEqualTo(skipped);
        assertThat(claim.next()).contains(at(next));
    }

    private static Instant at(String time) {
        return Instant.parse("2030-06-03T" + (time.length() == 5 ? time + ":00" : time) + "Z");
    }

    @Test
    void a_skipped_misfire_of_a_fixed_delay_trigger_should_count_its_next_fire_from_the_skip() {
        Trigger delay = TestTriggers.fixedDelay(Duration.ofMinutes(5), 3);
        FirePolicy skip = FirePolicy.DEFAULT.withMisfire(Misfire.SKIP);
        Instant now = ANCHOR.plus(Duration.ofHours(1));

        ScheduleRules.Claim claim = ScheduleRules.afterClaim(delay, UTC, ANCHOR, ANCHOR, now, skip, CATCH_UP, 100);

        assertThat(claim.skipped()).isPresent();
        assertThat(claim.next()).contains(now.plus(Duration.ofMinutes(5)));
    }

    @Test
    void after_claim_should_leave_no_next_fire_for_a_one_off_trigger() {
        Instant at = ANCHOR.plusSeconds(60);

        assertThat(ScheduleRules.afterClaim(TestTriggers.once(at), UTC, ANCHOR, at, at, FirePolicy.UNCHANGED, CATCH_UP, 100).next()).isEmpty();
    }

    @Test
    void after_claim_should_leave_no_next_fire_for_fixed_delay_until_the_run_ends() {
        Trigger delay = TestTriggers.fixedDelay(Duration.ofMinutes(5), 3);

        assertThat(ScheduleRules.afterClaim(delay, UTC, ANCHOR, ANCHOR, ANCHOR, FirePolicy.UNCHANGED, CATCH_UP, 100).next()).isEmpty();
    }

    @Test
    void a_claim_of_the_last_fire_should_mark_the_task_done_unless_it_counts_from_the_end_of_the_run() {
        TaskRow task = task(TaskState.ACTIVE, Optional.of(ANCHOR), 0);
        Trigger delay = TestTriggers.fixedDelay(Duration.ofMinutes(5), 3);

        TaskRow once = ScheduleRules.claimed(task, TestTriggers.once(ANCHOR), ANCHOR, Optional.empty());
        TaskRow delayed = ScheduleRules.claimed(task, delay, ANCHOR, Optional.empty());
        TaskRow recurring = ScheduleRules.claimed(task, EVERY_SECOND, ANCHOR, Optional.of(ANCHOR.plusSeconds(1)));

        assertThat(once.state()).isEqualTo(TaskState.DONE);
        assertThat(once.nextFireAt()).isEmpty();
        assertThat(once.fireCount()).isEqualTo(1);
        assertThat(once.lastFireAt()).contains(ANCHOR);
        assertThat(delayed.state()).isEqualTo(TaskState.ACTIVE);
        assertThat(recurring.state()).isEqualTo(TaskState.ACTIVE);
        assertThat(recurring.nextFireAt()).contains(ANCHOR.plusSeconds(1));
        assertThat(ScheduleRules.afterRun(once, TestTriggers.once(ANCHOR), ExecutionKind.SCHEDULED, ANCHOR))
                .as("the run's end has nothing left to do").isEmpty();
    }

    @Test
    void only_the_end_of_a_scheduled_run_of_a_fixed_delay_task_should_move_its_schedule() {
        Trigger delay = TestTriggers.fixedDelay(Duration.ofMinutes(5), 3);

        assertThat(ScheduleRules.endMovesSchedule(delay, ExecutionKind.SCHEDULED)).isTrue();
        assertThat(ScheduleRules.endMovesSchedule(delay, ExecutionKind.RETRY)).isTrue();
        assertThat(ScheduleRules.endMovesSchedule(delay, ExecutionKind.MANUAL)).isFalse();
        assertThat(ScheduleRules.endMovesSchedule(EVERY_SECOND, ExecutionKind.SCHEDULED)).isFalse();
        assertThat(ScheduleRules.endMovesSchedule(TestTriggers.once(ANCHOR), ExecutionKind.SCHEDULED)).isFalse();
    }

    @Test
    void after_run_should_mark_an_exhausted_task_done() {
        TaskRow task = task(TaskState.ACTIVE, Optional.empty(), 1);

        Optional<TaskRow> after = ScheduleRules.afterRun(task, TestTriggers.once(ANCHOR), ExecutionKind.SCHEDULED,
                ANCHOR.plusSeconds(1));

        assertThat(after).map(TaskRow::state).contains(TaskState.DONE);
    }

    @Test
    void after_run_should_not_touch_a_task_that_still_has_a_next_fire() {
        TaskRow task = task(TaskState.ACTIVE, Optional.of(ANCHOR.plusSeconds(10)), 1);

        assertThat(ScheduleRules.afterRun(task, EVERY_SECOND, ExecutionKind.SCHEDULED, ANCHOR)).isEmpty();
    }

    @Test
    void after_run_should_ignore_manual_runs_and_paused_tasks() {
        TaskRow active = task(TaskState.ACTIVE, Optional.empty(), 1);
        TaskRow paused = task(TaskState.PAUSED, Optional.empty(), 1);

        assertThat(ScheduleRules.afterRun(active, EVERY_SECOND, ExecutionKind.MANUAL, ANCHOR)).isEmpty();
        assertThat(ScheduleRules.afterRun(paused, EVERY_SECOND, ExecutionKind.SCHEDULED, ANCHOR)).isEmpty();
    }

    @Test
    void after_run_should_count_a_fixed_delay_from_the_end_of_the_run() {
        TaskRow task = task(TaskState.ACTIVE, Optional.empty(), 1);
        Instant finished = ANCHOR.plusSeconds(42);

        Optional<TaskRow> after = ScheduleRules.afterRun(task, TestTriggers.fixedDelay(Duration.ofMinutes(5), 3),
                ExecutionKind.SCHEDULED, finished);

        assertThat(after).flatMap(TaskRow::nextFireAt).contains(finished.plus(Duration.ofMinutes(5)));
        assertThat(after).map(TaskRow::state).contains(TaskState.ACTIVE);
    }

    @Test
    void after_run_should_end_a_fixed_delay_task_after_its_last_allowed_fire() {
        TaskRow task = task(TaskState.ACTIVE, Optional.empty(), 3);

        Optional<TaskRow> after = ScheduleRules.afterRun(task, TestTriggers.fixedDelay(Duration.ofMinutes(5), 3),
                ExecutionKind.SCHEDULED, ANCHOR);

        assertThat(after).map(TaskRow::state).contains(TaskState.DONE);
        assertThat(after).flatMap(TaskRow::nextFireAt).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"at 2263-01-01T00:00", "at 9999-12-31T23:59", "in 13000w", "every 13000w",
        "every 1h from 2300-01-01T00:00", "at 2200-01-01T00:00"})
    void require_first_fire_should_refuse_a_trigger_whose_first_fire_is_beyond_the_horizon(String text) {
        Trigger trigger = Trigger.parse(text);

        assertThatThrownBy(() -> ScheduleRules.requireFirstFire(trigger, UTC, ANCHOR, ANCHOR))
                .isInstanceOfSatisfying(SchedulerException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SchedulerException.Reason.INVALID);
                    assertThat(e.field()).contains("trigger");
                    assertThat(e.getMessage()).contains("fire times must be before 2200-01-01T00:00:00Z");
                });
    }

    @Test
    void require_first_fire_should_accept_the_last_minute_before_the_horizon() {
        Instant first = ScheduleRules.requireFirstFire(Trigger.parse("at 2199-12-31T23:59"), UTC, ANCHOR, ANCHOR);

        assertThat(first).isEqualTo(Instant.parse("2199-12-31T23:59:00Z"));
    }

    @Test
    void after_claim_should_end_the_schedule_when_the_next_fire_is_beyond_the_horizon() {
        Trigger huge = Trigger.parse("every 12500w from 2026-01-01T00:00");

        assertThat(ScheduleRules.afterClaim(huge, UTC, ANCHOR, ANCHOR, ANCHOR, FirePolicy.UNCHANGED, CATCH_UP, 100).next()).isEmpty();
        assertThat(ScheduleRules.firstFire(huge, UTC, ANCHOR, ANCHOR.plusSeconds(1))).isEmpty();
    }

    @Test
    void after_run_should_make_a_fixed_delay_task_done_when_its_next_fire_is_beyond_the_horizon() {
        Trigger delay = Trigger.parse("every 12500w after each run");

        Optional<TaskRow> after = ScheduleRules.afterRun(task(TaskState.ACTIVE, Optional.empty(), 1), delay,
                ExecutionKind.SCHEDULED, ANCHOR);

        assertThat(after).hasValueSatisfying(task -> {
            assertThat(task.state()).isEqualTo(TaskState.DONE);
            assertThat(task.nextFireAt()).isEmpty();
        });
    }

    private static TaskRow task(TaskState state, Optional<Instant> next, long fireCount) {
        return TaskRow.builder("t").id(1).trigger("test").zone("UTC").action("noop").state(state).anchorAt(ANCHOR)
                .nextFireAt(next).fireCount(fireCount).created(ANCHOR, "system").version(3).build();
    }
}
