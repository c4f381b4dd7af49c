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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A run that outlasts its task's timeout is interrupted and ends TIMED_OUT; one that ignores the interrupt is given
 * up and its worker thread replaced, so it keeps no worker. The workers run on threads of their own here (the
 * interrupt needs a second thread); the test waits for the outcomes with a deadline.
 */
class TimeoutTest {

    private static final Instant NINE = Instant.parse("2030-06-03T09:00:00Z");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

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
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
            return "never";
        });
        engine.action("quick", context -> "done");
        engine.startThreads(Duration.ofSeconds(20));
        TaskRow slow = insert("slow", "slow", Duration.ofMillis(200), RetryPolicy.NONE);
        TaskRow quick = insert("quick", "quick", Duration.ofSeconds(30), RetryPolicy.NONE);

        engine.submitDue();

        ExecutionRow timedOut = awaitOnly(slow, row -> row.status().isFinal());
        assertThat(timedOut.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(timedOut.error()).hasValueSatisfying(error -> assertThat(error)
                .contains("longer than its timeout of 200ms").contains("interrupted"));
        assertThat(awaitOnly(quick, row -> row.status().isFinal()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
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

        ExecutionRow givenUp = awaitOnly(stubborn, row -> row.status().isFinal());
        assertThat(givenUp.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(givenUp.error()).hasValueSatisfying(error -> assertThat(error)
                .contains("ignored the interrupt for 300ms").contains("worker thread was replaced"));
        Poll.until(() -> engine.workers.busy() == 0, "the slot of the stubborn run to be free");
        assertThat(engine.workers.aliveThreads()).as("a new worker in the stubborn one's place")
                .isEqualTo(engine.config.workers());

        release.countDown();
        engine.action("quick", context -> "done");
        TaskRow quick = insert("quick", "quick", Duration.ofSeconds(30), RetryPolicy.NONE);
        engine.submitDue();
        assertThat(awaitOnly(quick, row -> row.status().isFinal()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(awaitOnly(stubborn, row -> true).status()).as("what it returned at last is dropped")
                .isEqualTo(ExecutionStatus.TIMED_OUT);
    }

    @Test
    void a_timed_out_run_should_be_retried_by_the_task_policy() {
        engine.action("slow", context -> {
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
            return "never";
        });
        engine.startThreads(Duration.ofSeconds(20));
        TaskRow slow = insert("slow", "slow", Duration.ofMillis(100),
                new RetryPolicy(2, Duration.ofSeconds(10), 1.0, Duration.ofSeconds(10), 0));

        engine.submitDue();
        Poll.until(() -> executions(slow).size() == 2, "a retry of the timed-out run");

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

    private ExecutionRow awaitOnly(TaskRow task, Predicate<ExecutionRow> done) {
        Poll.until(() -> {
            List<ExecutionRow> rows = executions(task);
            return rows.size() == 1 && done.test(rows.get(0));
        }, "the execution of " + task.name());
        return executions(task).get(0);
    }

    /** Waits for a condition the workers' threads make true, up to {@link #DEADLINE}. */
    private static final class Poll {
        static void until(java.util.function.BooleanSupplier done, String what) {
            long end = System.nanoTime() + DEADLINE.toNanos();
            while (!done.getAsBoolean()) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("Gave up after " + DEADLINE + " waiting for " + what);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted waiting for " + what, e);
                }
            }
        }
    }
}
