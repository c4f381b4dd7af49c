package dev.clockwork.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.jpa.Dialect;
import dev.clockwork.store.jpa.StoreFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A claim whose commit failed on the way back (the database went away during it) may have been written all the
 * same: its fires are then this node's in the database, and no other node takes them over while this one lives. The
 * dispatcher hands them to its workers once the database answers; each runs once. Driven by {@link ManualEngine}.
 */
class InDoubtClaimTest {

    private static final Instant NINE = Instant.parse("2030-06-03T09:00:00Z");

    private final StoreFixture fixture = new StoreFixture(Dialect.H2,
            "jdbc:h2:mem:in-doubt-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "sa");
    private final ManualEngine engine = new ManualEngine(fixture, NINE);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void fires_of_a_claim_the_node_never_heard_of_should_run_once() {
        engine.action("noop", context -> null);
        TaskRow running = insert("claimed-running");
        TaskRow queued = insert("claimed-queued");
        // The claim committed, but its answer was lost: the workers never got these fires.
        List<ClaimedFire> lost = engine.claimDue(1);
        lost = concat(lost, engineClaimQueued());

        List<ClaimedFire> adopted = engine.adoptUnheld();
        engine.workers.runQueuedHere();

        assertThat(adopted).extracting(ClaimedFire::executionId)
                .containsExactlyInAnyOrderElementsOf(lost.stream().map(ClaimedFire::executionId).toList());
        assertThat(statuses(running)).containsExactly(ExecutionStatus.SUCCEEDED);
        assertThat(statuses(queued)).containsExactly(ExecutionStatus.SUCCEEDED);
        assertThat(engine.adoptUnheld()).as("nothing left to adopt").isEmpty();
    }

    @Test
    void fires_the_workers_hold_should_not_be_adopted() {
        engine.action("noop", context -> null);
        TaskRow task = insert("held");
        engine.workers.submit(engine.claimDue(10));

        assertThat(engine.adoptUnheld()).isEmpty();
        engine.workers.runQueuedHere();
        assertThat(statuses(task)).containsExactly(ExecutionStatus.SUCCEEDED);
    }

    /** Claims the next due fire as queued (no worker free), as a claim of a busy node does. */
    private List<ClaimedFire> engineClaimQueued() {
        return engine.claimQueued(1);
    }

    private static List<ClaimedFire> concat(List<ClaimedFire> a, List<ClaimedFire> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private TaskRow insert(String name) {
        return fixture.inTransaction(s -> s.tasks().insert(TaskRow.builder(name).trigger("every 1h").zone("UTC")
                .action("noop").anchorAt(NINE).nextFireAt(Optional.of(NINE))
                .created(NINE.minus(Duration.ofDays(1)), "test").build())).orElseThrow();
    }

    private List<ExecutionStatus> statuses(TaskRow task) {
        return fixture.inTransaction(s -> s.tasks().executions(task.id(), 0, 100)).items().stream()
                .map(ExecutionRow::status).toList();
    }
}
