package dev.clockwork.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.RetryPolicy;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An action whose last step must commit with its outcome ({@link CommitWithOutcome}, the jms action's send) is
 * recorded alone, in one transaction that runs the step and then writes the outcome: the step's result is the
 * execution's result, and a step that fails, or a run that can no longer be recorded, commits nothing and ends the
 * run FAILED, retried by the task's policy. Driven by {@link ManualEngine} on H2.
 */
class CommitWithOutcomeTest {

    private static final Instant NINE = Instant.parse("2030-06-03T09:00:00Z");

    private final StoreFixture fixture = new StoreFixture(Dialect.H2,
            "jdbc:h2:mem:commit-with-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "sa");
    private final ManualEngine engine = new ManualEngine(fixture, NINE);
    private final List<String> steps = new ArrayList<>();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void a_step_should_run_after_the_action_and_its_result_should_be_recorded() {
        engine.action("send", context -> {
            assertThat(steps).isEmpty();
            return new CommitWithOutcome(() -> {
                steps.add("sent " + context.idempotencyKey());
                return "{\"messageId\":\"ID:1\"}";
            });
        });
        TaskRow task = task("send", RetryPolicy.NONE);

        engine.runDue();

        assertThat(steps).containsExactly("sent report@" + NINE);
        ExecutionRow run = executions(task).get(0);
        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.result()).contains("{\"messageId\":\"ID:1\"}");
    }

    @Test
    void a_failing_step_should_end_the_run_failed_with_its_reason_and_be_retried() {
        engine.action("send", context -> new CommitWithOutcome(() -> {
            steps.add("attempt " + context.attempt());
            throw new IllegalStateException("the broker refused the message");
        }));
        TaskRow task = task("send", new RetryPolicy(2, Duration.ofSeconds(10), 1.0, Duration.ofMinutes(1), 0.0));

        engine.runDue();

        List<ExecutionRow> rows = executions(task);
        assertThat(rows.get(0).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(rows.get(0).error().orElseThrow()).contains("Rolled back, nothing of it committed")
                .contains("the broker refused the message");
        assertThat(rows.get(0).result()).isEmpty();
        assertThat(rows.get(1).status()).isEqualTo(ExecutionStatus.WAITING);
        assertThat(rows.get(1).attempt()).isEqualTo(2);
    }

    @Test
    void a_step_of_a_run_whose_task_was_deleted_meanwhile_should_be_rolled_back() {
        engine.action("send", context -> {
            fixture.inTransaction(s -> s.tasks().delete("report"));
            return new CommitWithOutcome(() -> {
                steps.add("sent");
                return "sent";
            });
        });
        task("send", RetryPolicy.NONE);

        engine.runDue();

        // The step ran in the outcome's transaction, which found the execution gone and rolled back.
        assertThat(steps).containsExactly("sent");
        Optional<TaskRow> gone = fixture.inTransaction(s -> s.tasks().findByName("report"));
        assertThat(gone).isEmpty();
    }

    private TaskRow task(String action, RetryPolicy retry) {
        return fixture.inTransaction(s -> s.tasks().insert(TaskRow.builder("report").trigger("every 1h").zone("UTC")
                .action(action).anchorAt(NINE).nextFireAt(Optional.of(NINE)).retry(retry)
                .created(NINE.minus(Duration.ofDays(1)), "test").build())).orElseThrow();
    }

    /** Oldest first. */
    private List<ExecutionRow> executions(TaskRow task) {
        List<ExecutionRow> rows = new ArrayList<>(fixture.inTransaction(s -> s.tasks().executions(task.id(), 0, 100))
                .items());
        Collections.reverse(rows);
        return rows;
    }
}
