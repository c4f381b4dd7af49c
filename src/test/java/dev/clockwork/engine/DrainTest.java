package dev.clockwork.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.jpa.Dialect;
import dev.clockwork.store.jpa.StoreFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stopping node claims no more, waits up to its shutdown grace for running actions, then interrupts the rest and
 * hands each back as the next attempt of its fire, which another node (or this one at its next start) runs; nothing
 * is lost, recorded twice or run twice at once. The workers run on threads of their own (the interrupt needs a second
 * thread); the test waits on latches, never sleeps.
 */
class DrainTest {

    private static final Instant NINE = Instant.parse("2030-06-03T09:00:00Z");

    private final StoreFixture fixture = new StoreFixture(Dialect.H2,
            "jdbc:h2:mem:drain-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "sa");
    private final ManualEngine stopping = new ManualEngine(fixture, NINE);
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger interrupted = new AtomicInteger();

    @AfterEach
    void close() {
        release.countDown();
        stopping.stopThreads();
        fixture.close();
    }

    @Test
    void a_run_past_the_grace_should_be_interrupted_and_handed_back_as_the_next_attempt() throws Exception {
        stopping.action("long", context -> track(() -> {
            started.countDown();
            release.await();
            return "never";
        }));
        stopping.startThreads(Duration.ofSeconds(5));
        TaskRow task = insert("long");
        stopping.submitDue();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        int handedBack = stopping.workers.drain(Duration.ofMillis(100));

        assertThat(handedBack).isEqualTo(1);
        assertThat(interrupted).hasValue(1);
        assertThat(stopping.workers.busy()).isZero();
        List<ExecutionRow> runs = executions(task);
        assertThat(runs).extracting(ExecutionRow::attempt, ExecutionRow::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, ExecutionStatus.NODE_LOST),
                org.assertj.core.groups.Tuple.tuple(2, ExecutionStatus.WAITING));
        assertThat(runs.get(0).error()).hasValueSatisfying(error -> assertThat(error).contains(stopping.node.id())
                .contains("shutdown grace of 100ms").contains("handed back as attempt 2"));
        assertThat(runs.get(1).fireTime()).isEqualTo(runs.get(0).fireTime());

        ManualEngine other = new ManualEngine(fixture, NINE);
        other.action("long", context -> track(() -> "done on the other node"));
        List<ClaimedFire> taken = other.runDue();

        assertThat(taken).extracting(ClaimedFire::attempt).containsExactly(2);
        assertThat(executions(task)).extracting(ExecutionRow::attempt, ExecutionRow::status, ExecutionRow::node)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, ExecutionStatus.NODE_LOST,
                                Optional.of(stopping.node.id())),
                        org.assertj.core.groups.Tuple.tuple(2, ExecutionStatus.SUCCEEDED, Optional.of(other.node.id())));
        assertThat(mostAtOnce).as("never two runs of the fire at once").hasValue(1);
    }

    @Test
    void a_run_that_ends_within_the_grace_should_be_recorded_and_not_handed_back() throws Exception {
        stopping.action("long", context -> track(() -> {
            started.countDown();
            release.await();
            return "finished in time";
        }));
        stopping.startThreads(Duration.ofSeconds(5));
        TaskRow task = insert("long");
        stopping.submitDue();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Integer> drain = CompletableFuture.supplyAsync(
                () -> stopping.workers.drain(Duration.ofSeconds(30)));
        release.countDown();

        assertThat(drain.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(executions(task)).extracting(ExecutionRow::attempt, ExecutionRow::status, ExecutionRow::result)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, ExecutionStatus.SUCCEEDED,
                        Optional.of("finished in time")));
        assertThat(interrupted).hasValue(0);
    }

    @Test
    void a_handed_back_run_should_run_again_when_the_node_starts_again() throws Exception {
        stopping.action("long", context -> track(() -> {
            started.countDown();
            release.await();
            return "never";
        }));
        stopping.startThreads(Duration.ofSeconds(5));
        TaskRow task = insert("long");
        stopping.submitDue();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        stopping.workers.drain(Duration.ZERO);
        stopping.stopThreads();

        ManualEngine restarted = new ManualEngine(fixture, NINE.plus(Duration.ofMinutes(5)));
        restarted.action("long", context -> "done after the restart");
        restarted.runDue();

        ExecutionRow again = executions(task).stream().max(Comparator.comparingInt(ExecutionRow::attempt))
                .orElseThrow();
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.kind()).isEqualTo(ExecutionKind.RETRY);
        assertThat(again.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    /** Runs {@code work}, counting runs at once and interrupts. */
    private Object track(java.util.concurrent.Callable<Object> work) throws Exception {
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            return work.call();
        } catch (InterruptedException e) {
            interrupted.incrementAndGet();
            throw e;
        } finally {
            running.decrementAndGet();
        }
    }

    private TaskRow insert(String name) {
        return fixture.inTransaction(s -> s.tasks().insert(TaskRow.builder(name).trigger("every 1h").zone("UTC")
                .action(name).anchorAt(NINE).nextFireAt(Optional.of(NINE))
                .created(NINE.minus(Duration.ofDays(1)), "test").build())).orElseThrow();
    }

    private List<ExecutionRow> executions(TaskRow task) {
        return fixture.inTransaction(s -> s.tasks().executions(task.id(), 0, 100)).items().stream()
                .sorted(Comparator.comparingInt(ExecutionRow::attempt)).toList();
    }
}
