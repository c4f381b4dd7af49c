package dev.clockwork.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.api.ExecutionStatus;
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
 * The run path from claim to recorded outcome through the real {@link Workers}, driven by {@link ManualEngine} on H2
 * with a settable clock: what a run returns, throws or reports is what its execution keeps, and a node claims no more
 * than its workers have room for.
 */
class WorkersTest {

    private static final Instant NINE = Instant.parse("2030-06-03T09:00:00Z");

    private final StoreFixture fixture = new StoreFixture(Dialect.H2,
            "jdbc:h2:mem:workers-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "sa");
    private final ManualEngine engine = new ManualEngine(fixture, NINE.minusSeconds(1));

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void a_due_task_should_run_at_its_time_and_keep_its_result_and_report() {
        List<Instant> ranAt = new ArrayList<>();
        engine.action("greet", context -> {
            ranAt.add(context.fireTime());
            context.report("hello from " + context.taskName());
            return "done";
        });
        TaskRow task = insert("greeter", "every 10m", "greet", NINE);

        assertThat(engine.runDue()).as("nothing is due before 09:00").isEmpty();
        engine.setTime(NINE);
        assertThat(engine.runDue()).hasSize(1);

        ExecutionRow run = only(executions(task));
        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.fireTime()).isEqualTo(NINE);
        assertThat(run.startedAt()).contains(NINE);
        assertThat(run.result()).contains("done");
        assertThat(run.report()).contains("hello from greeter");
        assertThat(ranAt).containsExactly(NINE);
        assertThat(fixture.inTransaction(s -> s.tasks().findById(task.id())).orElseThrow().nextFireAt())
                .contains(NINE.plus(Duration.ofMinutes(10)));
    }

    @Test
    void an_action_that_throws_should_end_failed_with_its_message_and_stack_trace() {
        engine.action("broken", context -> {
            throw new IllegalStateException("the ledger is locked");
        });
        TaskRow task = insert("closer", "every 10m", "broken", NINE);
        engine.setTime(NINE);

        engine.runDue();

        ExecutionRow run = only(executions(task));
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).hasValueSatisfying(error -> assertThat(error).contains("the ledger is locked"));
        assertThat(run.stackTrace()).hasValueSatisfying(trace -> assertThat(trace).contains("IllegalStateException"));
    }

    @Test
    void an_action_not_deployed_should_end_action_not_found_and_the_schedule_go_on() {
        TaskRow task = insert("orphan", "every 10m", "missing", NINE);
        engine.setTime(NINE);

        engine.runDue();
        engine.advance(Duration.ofMinutes(10));
        engine.runDue();

        assertThat(executions(task)).extracting(ExecutionRow::status)
                .containsExactly(ExecutionStatus.ACTION_NOT_FOUND, ExecutionStatus.ACTION_NOT_FOUND);
    }

    @Test
    void a_backlog_should_be_claimed_no_faster_than_the_workers_have_room_for() {
        engine.action("noop", context -> null);
        for (int i = 0; i < 50; i++) {
            insert("task-" + i, "every 10m", "noop", NINE);
        }
        engine.setTime(NINE);
        int room = engine.workers.claimable();

        List<ClaimedFire> first = engine.runDue();

        assertThat(room).as("workers plus the prefetch floor, while runs are not known to be short")
                .isEqualTo(engine.config.workers() + engine.config.prefetch());
        assertThat(first).hasSize(room);
        assertThat(engine.workers.busy()).isZero();
        assertThat(engine.workers.queued()).isZero();
        assertThat(engine.workers.unrecordedOutcomes()).isZero();
        int rest = 0;
        for (List<ClaimedFire> more; !(more = engine.runDue()).isEmpty(); ) {
            rest += more.size();
        }
        assertThat(first.size() + rest).isEqualTo(50);
    }

    private TaskRow insert(String name, String trigger, String action, Instant nextFireAt) {
        return fixture.inTransaction(s -> s.tasks().insert(TaskRow.builder(name).trigger(trigger).zone("UTC")
                .action(action).anchorAt(nextFireAt).nextFireAt(Optional.of(nextFireAt))
                .created(nextFireAt.minus(Duration.ofDays(1)), "test").build())).orElseThrow();
    }

    private List<ExecutionRow> executions(TaskRow task) {
        List<ExecutionRow> newestFirst = new ArrayList<>(fixture.inTransaction(s -> s.tasks().executions(task.id(), 0,
                100)).items());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static ExecutionRow only(List<ExecutionRow> executions) {
        assertThat(executions).hasSize(1);
        return executions.get(0);
    }
}
