package dev.clockwork.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.RetryPolicy;
import dev.clockwork.api.TaskState;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.jpa.Dialect;
import dev.clockwork.store.jpa.StoreFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failed runs are retried by the task's {@link RetryPolicy}: each retry a new execution of the same fire, due after
 * the policy's delay, waiting in the database until then, and claimed like a due fire. Driven by {@link ManualEngine}
 * on H2 with a settable clock.
 */
class RetryTest {

    private static final Instant NINE = Instant.parse("2030-06-03T09:00:00Z");
    /** Three attempts, 10 s then 20 s apart (the jitter is drawn as none). */
    private static final RetryPolicy THREE = new RetryPolicy(3, Duration.ofSeconds(10), 2.0, Duration.ofMinutes(10),
            0.1);

    private final StoreFixture fixture = new StoreFixture(Dialect.H2,
            "jdbc:h2:mem:retry-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "sa");
    private final ManualEngine engine = new ManualEngine(fixture, NINE);
    private final List<String> ran = new ArrayList<>();

    @AfterEach
    void close() {
        fixture.close();
    }

    /** An action that fails its first {@code failures} runs, then succeeds; each run is noted. */
    private void failing(int failures) {
        AtomicInteger runs = new AtomicInteger();
        engine.action("flaky", context -> {
            ran.add(context.attempt() + " " + context.idempotencyKey() + " at " + engine.now());
            if (runs.incrementAndGet() <= failures) {
                throw new IllegalStateException("run " + runs.get() + " failed");
            }
            return "ok";
        });
    }

    @Test
    void a_failed_run_should_be_retried_after_the_backoff_until_it_succeeds() {
        failing(2);
        TaskRow task = insert("flaky", THREE);

        engine.runDue();
        assertThat(engine.earliestDue()).as("the dispatcher wakes for the retry").contains(NINE.plusSeconds(10));
        engine.setTime(NINE.plusSeconds(9));
        assertThat(engine.runDue()).as("not due yet").isEmpty();
        engine.setTime(NINE.plusSeconds(10));
        engine.runDue();
        engine.setTime(NINE.plusSeconds(29));
        assertThat(engine.runDue()).as("the second delay doubles").isEmpty();
        engine.setTime(NINE.plusSeconds(30));
        engine.runDue();

        String key = "flaky@" + NINE;
        assertThat(ran).containsExactly("1 " + key + " at " + NINE, "2 " + key + " at " + NINE.plusSeconds(10),
                "3 " + key + " at " + NINE.plusSeconds(30));
        List<ExecutionRow> runs = executions(task);
        assertThat(runs).extracting(ExecutionRow::status).containsExactly(ExecutionStatus.FAILED,
                ExecutionStatus.FAILED, ExecutionStatus.SUCCEEDED);
        assertThat(runs).extracting(ExecutionRow::kind).containsExactly(ExecutionKind.SCHEDULED, ExecutionKind.RETRY,
                ExecutionKind.RETRY);
        assertThat(runs).extracting(ExecutionRow::fireTime).containsOnly(NINE);
        assertThat(runs.get(1).dueAt()).contains(NINE.plusSeconds(10));
        assertThat(runs.get(2).dueAt()).contains(NINE.plusSeconds(30));
        assertThat(engine.earliestDue()).as("only the next hourly fire is left").contains(NINE.plusSeconds(3600));
    }

    @Test
    void a_fire_should_run_no_more_than_its_attempts() {
        failing(100);
        TaskRow task = insert("flaky", THREE);

        for (int second = 0; second <= 600; second++) {
            engine.setTime(NINE.plusSeconds(second));
            engine.runDue();
        }

        assertThat(executions(task)).extracting(ExecutionRow::status).containsExactly(ExecutionStatus.FAILED,
                ExecutionStatus.FAILED, ExecutionStatus.FAILED);
        assertThat(ran).hasSize(3);
    }

    @Test
    void a_task_without_a_retry_policy_should_run_a_failed_fire_once() {
        failing(100);
        TaskRow task = insert("flaky", RetryPolicy.NONE);

        engine.runDue();
        engine.setTime(NINE.plusSeconds(600));
        engine.runDue();

        assertThat(executions(task)).extracting(ExecutionRow::status).containsExactly(ExecutionStatus.FAILED);
    }

    @Test
    void jitter_should_move_the_due_time_within_its_share() {
        failing(100);
        engine.jitterDraw(0.0);
        TaskRow shortest = insert("flaky", THREE);
        engine.runDue();

        assertThat(executions(shortest).get(1).dueAt()).contains(NINE.plusSeconds(9));
    }

    @Test
    void a_retry_of_a_paused_task_should_wait_for_its_resume() {
        failing(1);
        TaskRow task = insert("flaky", THREE);
        engine.runDue();
        setState(task, TaskState.PAUSED);

        engine.setTime(NINE.plusSeconds(60));
        assertThat(engine.runDue()).isEmpty();
        assertThat(engine.earliestDue()).as("a paused task's retry does not wake the dispatcher").isEmpty();

        setState(task, TaskState.ACTIVE);
        assertThat(engine.runDue()).hasSize(1);
        assertThat(executions(task)).extracting(ExecutionRow::status).containsExactly(ExecutionStatus.FAILED,
                ExecutionStatus.SUCCEEDED);
    }

    @Test
    void cancelling_a_task_should_cancel_its_waiting_retry() {
        failing(1);
        TaskRow task = insert("flaky", THREE);
        engine.runDue();

        int cancelled = fixture.inTransaction(s -> s.tasks().cancelUnstarted(task.id(), "task flaky cancelled by test",
                NINE.plusSeconds(1)));
        engine.setTime(NINE.plusSeconds(60));

        assertThat(cancelled).isEqualTo(1);
        assertThat(engine.runDue()).isEmpty();
        assertThat(executions(task)).extracting(ExecutionRow::status).containsExactly(ExecutionStatus.FAILED,
                ExecutionStatus.CANCELLED);
    }

    private TaskRow insert(String name, RetryPolicy retry) {
        return fixture.inTransaction(s -> s.tasks().insert(TaskRow.builder(name).trigger("every 1h").zone("UTC")
                .action("flaky").anchorAt(NINE).nextFireAt(Optional.of(NINE)).retry(retry)
                .created(NINE.minus(Duration.ofDays(1)), "test").build())).orElseThrow();
    }

    private void setState(TaskRow task, TaskState state) {
        fixture.inTransaction(s -> s.tasks().update(s.tasks().findById(task.id()).orElseThrow().toBuilder()
                .state(state).nextFireAt(state == TaskState.ACTIVE ? Optional.of(NINE.plusSeconds(3600))
                        : Optional.empty()).build()));
    }

    /** Oldest first. */
    private List<ExecutionRow> executions(TaskRow task) {
        List<ExecutionRow> rows = new ArrayList<>(fixture.inTransaction(s -> s.tasks().executions(task.id(), 0, 100))
                .items());
        Collections.reverse(rows);
        return rows;
    }
}
