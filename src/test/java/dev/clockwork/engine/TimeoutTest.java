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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A run that outlasts its task's timeout is interrupted and ends TIMED_OUT; one that ignores the interrupt is given
 * up and its worker thread replaced, so it keeps no worker. The workers run on threads of their own here (the
 * interrupt needs a second thread); the test waits for their recorded outcomes ({@link ManualEngine#awaitRecorded}).
 */
class TimeoutTest {

    private static final Instant NINE = Instant.parse("2030-06-03T09:00:00Z");

    private final StoreFixture fixture = new StoreFixture(Dialect.H2,
            "jdbc:h2:mem:timeout-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "sa");
    private final ManualEngine engine = new ManualEngine(fixture, NINE);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        engine.stopThreads();
        fixture.close();
    }

    @Test
    void a_run_past_its_timeout_should_be_interrupted_and_end_timed_out() {
        engine.action("slow", context -> {
            release.await();
            return "never";
        });
        engine.action("quick", context -> "done");
        engine.startThreads(Duration.ofSeconds(20));
        TaskRow slow = insert("slow", "slow", Duration.ofMillis(200), RetryPolicy.NONE);
        TaskRow quick = insert("quick", "quick", Duration.ofSeconds(30), RetryPolicy.NONE);

        engine.submitDue();
        engine.awaitRecorded(2);

        ExecutionRow timedOut = only(slow);
        assertThat(timedOut.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(timedOut.error()).hasValueSatisfying(error -> assertThat(error)
                .contains("longer than its timeout of 200ms").contains("interrupted"));
        assertThat(only(quick).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(engine.workers.aliveThreads()).isEqualTo(engine.config.workers());
    }

    @Test
    void a_run_that_ignores_the_interrupt_should_be_given_up_and_its_worker_replaced() {
        engine.action("stubborn", context -> {
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
        TaskRow stubborn = insert("stubborn", "stubborn", Duration.ofMillis(200), RetryPolicy.NONE);

        engine.submitDue();
        engine.awaitRecorded(1);

        ExecutionRow givenUp = only(stubborn);
        assertThat(givenUp.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(givenUp.error()).hasValueSatisfying(error -> assertThat(error)
                .contains("ignored the interrupt for 300ms").contains("worker thread was replaced"));
        assertThat(engine.workers.busy()).as("the slot of the stubborn run is free").isZero();
        assertThat(engine.workers.aliveThreads()).as("a new worker in the stubborn one's place")
                .isEqualTo(engine.config.workers());

        release.countDown();
        engine.action("quick", context -> "done");
        TaskRow quick = insert("quick", "quick", Duration.ofSeconds(30), RetryPolicy.NONE);
        engine.submitDue();
        engine.awaitRecorded(1);
        assertThat(only(quick).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(only(stubborn).status()).as("what it returned at last is dropped")
                .isEqualTo(ExecutionStatus.TIMED_OUT);
    }

    @Test
    void a_run_without_a_timeout_should_end_timed_out_at_the_node_ceiling() {
        StoreFixture ceilingStore = new StoreFixture(Dialect.H2,
                "jdbc:h2:mem:ceiling-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "sa");
        ManualEngine capped = new ManualEngine(ceilingStore, NINE, Map.of("clockwork.max-timeout", "PT0.2S"));
        try {
            capped.action("slow", context -> {
                release.await();
                return "never";
            });
            capped.startThreads(Duration.ofSeconds(20));
            TaskRow slow = ceilingStore.inTransaction(s -> s.tasks().insert(TaskRow.builder("uncapped")
                    .trigger("every 1h").zone("UTC").action("slow").anchorAt(NINE).nextFireAt(Optional.of(NINE))
                    .created(NINE, "test").build())).orElseThrow();

            capped.submitDue();
            capped.awaitRecorded(1);

            ExecutionRow run = ceilingStore.inTransaction(s -> s.tasks().executions(slow.id(), 0, 1)).items().get(0);
            assertThat(run.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
            assertThat(run.error()).hasValueSatisfying(error -> assertThat(error).contains("timeout of 200ms"));
        } finally {
            capped.stopThreads();
            ceilingStore.close();
        }
    }

    @Test
    void a_timed_out_run_should_be_retried_by_the_task_policy() {
        engine.action("slow", context -> {
            release.await();
            return "never";
        });
        engine.startThreads(Duration.ofSeconds(20));
        TaskRow slow = insert("slow", "slow", Duration.ofMillis(100),
                new RetryPolicy(2, Duration.ofSeconds(10), 1.0, Duration.ofSeconds(10), 0));

        engine.submitDue();
        engine.awaitRecorded(1);

        List<ExecutionRow> runs = executions(slow);
        assertThat(runs).extracting(ExecutionRow::status)
                .containsExactlyInAnyOrder(ExecutionStatus.TIMED_OUT, ExecutionStatus.WAITING);
    }

    private TaskRow insert(String name, String action, Duration timeout, RetryPolicy retry) {
        return fixture.inTransaction(s -> s.tasks().insert(TaskRow.builder(name).trigger("every 1h").zone("UTC")
                .action(action).anchorAt(NINE).nextFireAt(Optional.of(NINE)).timeout(Optional.of(timeout))
                .retry(retry).created(NINE.minus(Duration.ofDays(1)), "test").build())).orElseThrow();
    }

    private List<ExecutionRow> executions(TaskRow task) {
        return fixture.inTransaction(s -> s.tasks().executions(task.id(), 0, 100)).items();
    }

    private ExecutionRow only(TaskRow task) {
        List<ExecutionRow> rows = executions(task);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
