package dev.clockwork.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.FirePolicy;
import dev.clockwork.api.Overlap;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.jpa.Dialect;
import dev.clockwork.store.jpa.StoreFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a running execution interrupts its worker, here or, through {@code cw_run}, on the node that runs it at
 * its next heartbeat; the run ends CANCELLED, and one that ignores the interrupt is given up like a timed-out one.
 * Overlap REPLACE cancels the run in progress the same way. Driven by {@link ManualEngine} on H2 with worker threads.
 */
class CancelTest {

    private static final Instant NINE = Instant.parse("2030-06-03T09:00:00Z");

    private final StoreFixture fixture = new StoreFixture(Dialect.H2,
            "jdbc:h2:mem:cancel-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "sa");
    private final ManualEngine engine = new ManualEngine(fixture, NINE);
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        engine.stopThreads();
        fixture.close();
    }

    /** An action that waits, interruptibly, until the test releases it. */
    private void slow() {
        engine.action("slow", context -> {
            started.countDown();
            release.await();
            return "never";
        });
    }

    @Test
    void a_running_execution_cancelled_here_should_be_interrupted_and_end_cancelled() throws Exception {
        TaskRow task = insert("slow", FirePolicy.DEFAULT);
        long id = startSlowRun();

        assertThat(engine.cancelExecution(id, "cancelled by alice")).as("running here").isTrue();
        engine.awaitRecorded(1);

        ExecutionRow cancelled = only(task);
        assertThat(cancelled.status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(cancelled.error()).hasValueSatisfying(error -> assertThat(error)
                .contains("Cancelled while running (cancelled by alice) and interrupted"));
        assertThat(engine.workers.busy()).isZero();
    }

    @Test
    void a_cancel_requested_elsewhere_should_reach_the_run_at_the_next_heartbeat() throws Exception {
        TaskRow task = insert("slow", FirePolicy.DEFAULT);
        long id = startSlowRun();

        List<Long> running = fixture.inTransaction(s -> s.tasks().cancelExecutions(List.of(id),
                "cancelled by bob on node-b", NINE));
        assertThat(running).containsExactly(id);
        assertThat(only(task).status()).as("until its node interrupts it").isEqualTo(ExecutionStatus.RUNNING);
        assertThat(engine.pollCancels()).containsExactly(Map.entry(id, "cancelled by bob on node-b"));
        engine.awaitRecorded(1);

        assertThat(only(task).status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(engine.pollCancels()).as("the ended run left cw_run").isEmpty();
    }

    @Test
    void a_cancelled_run_that_ignores_the_interrupt_should_be_given_up_and_its_worker_replaced() throws Exception {
        engine.action("stubborn", context -> {
            started.countDown();
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // This action ignores interrupts on purpose.
                }
            }
            return "late";
        });
        engine.startThreads(Duration.ofMillis(300));
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(TaskRow.builder("stubborn").trigger("every 1h")
                .zone("UTC").action("stubborn").anchorAt(NINE).nextFireAt(Optional.of(NINE))
                .created(NINE, "test").build())).orElseThrow();
        long id = engine.submitDue().get(0).executionId();
        awaitStarted();

        engine.cancelExecution(id, "cancelled by alice");
        engine.awaitRecorded(1);

        ExecutionRow givenUp = only(task);
        assertThat(givenUp.status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(givenUp.error()).hasValueSatisfying(error -> assertThat(error)
                .contains("ignored the interrupt for 300ms").contains("worker thread was replaced"));
        assertThat(engine.workers.aliveThreads()).isEqualTo(engine.config.workers());
    }

    @Test
    void replace_should_cancel_the_run_in_progress_and_run_the_new_fire() throws Exception {
        slow();
        engine.startThreads(Duration.ofSeconds(20));
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(TaskRow.builder("replaced").trigger("every 10m")
                .zone("UTC").action("slow").anchorAt(NINE).nextFireAt(Optional.of(NINE))
                .fires(FirePolicy.DEFAULT.withOverlap(Overlap.REPLACE)).created(NINE, "test").build()))
                .orElseThrow();
        long first = engine.submitDue().get(0).executionId();
        awaitStarted();

        engine.setTime(NINE.plus(Duration.ofMinutes(10)));
        List<ClaimedFire> second = engine.submitDue();
        engine.awaitRecorded(1);

        assertThat(second).hasSize(1);
        ExecutionRow replaced = fixture.inTransaction(s -> s.tasks().execution(first)).orElseThrow();
        assertThat(replaced.status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(replaced.error()).hasValueSatisfying(error -> assertThat(error)
                .contains("overlap REPLACE: replaced by the fire at " + NINE.plus(Duration.ofMinutes(10))));
        ExecutionRow running = fixture.inTransaction(s -> s.tasks().execution(second.get(0).executionId()))
                .orElseThrow();
        assertThat(running.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(running.taskId()).isEqualTo(task.id());
    }

    /** Runs the due slow task on the workers' threads; returns its execution's id once its action has started. */
    private long startSlowRun() throws InterruptedException {
        slow();
        engine.startThreads(Duration.ofSeconds(20));
        long id = engine.submitDue().get(0).executionId();
        awaitStarted();
        return id;
    }

    private void awaitStarted() throws InterruptedException {
        assertThat(started.await(30, TimeUnit.SECONDS)).as("the action started").isTrue();
    }

    private TaskRow insert(String name, FirePolicy fires) {
        return fixture.inTransaction(s -> s.tasks().insert(TaskRow.builder(name).trigger("every 1h").zone("UTC")
                .action("slow").anchorAt(NINE).nextFireAt(Optional.of(NINE)).fires(fires)
                .created(NINE.minus(Duration.ofDays(1)), "test").build())).orElseThrow();
    }

    private ExecutionRow only(TaskRow task) {
        List<ExecutionRow> rows = fixture.inTransaction(s -> s.tasks().executions(task.id(), 0, 10)).items();
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
