package dev.clockwork.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.RetryPolicy;
import dev.clockwork.api.RunTimedOutException;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An action that gives up waiting within a limit of its own ends TIMED_OUT, and the task's retry policy retries it. */
class RunTimedOutTest {

    private static final Instant NINE = Instant.parse("2030-06-03T09:00:00Z");

    private final StoreFixture fixture = new StoreFixture(Dialect.H2,
            "jdbc:h2:mem:run-timed-out-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "sa");
    private final ManualEngine engine = new ManualEngine(fixture, NINE);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void an_action_that_gives_up_waiting_should_end_timed_out_and_be_retried() {
        engine.action("waits", context -> {
            throw new RunTimedOutException("No answer within 2m");
        });
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(TaskRow.builder("waiting").trigger("every 1h")
                .zone("UTC").action("waits").anchorAt(NINE).nextFireAt(Optional.of(NINE))
                .retry(new RetryPolicy(2, Duration.ofSeconds(10), 1.0, Duration.ofSeconds(10), 0))
                .created(NINE.minus(Duration.ofDays(1)), "test").build())).orElseThrow();

        engine.runDue();

        List<ExecutionRow> runs = fixture.inTransaction(s -> s.tasks().executions(task.id(), 0, 10)).items().stream()
                .sorted(Comparator.comparingInt(ExecutionRow::attempt)).toList();
        assertThat(runs).extracting(ExecutionRow::status).containsExactly(ExecutionStatus.TIMED_OUT,
                ExecutionStatus.WAITING);
        assertThat(runs.get(0).error()).contains("RunTimedOutException: No answer within 2m");
        assertThat(runs.get(0).stackTrace()).isEmpty();
    }
}
