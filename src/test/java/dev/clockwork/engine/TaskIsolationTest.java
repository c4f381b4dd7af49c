package dev.clockwork.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.NodeState;
import dev.clockwork.api.TaskState;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.NodeRow;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.jpa.Dialect;
import dev.clockwork.store.jpa.StoreFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No single task can stall the engine: rows written straight into the database with data this version cannot use
 * (an unreadable trigger or zone, a fire that was already claimed, a next fire far beyond the horizon) sit beside
 * healthy tasks, and the dispatcher's claims, the outcome recorder and the sweep go on for the healthy ones while the
 * broken ones go to ERROR with their reason. Driven by {@link ManualEngine} on H2.
 */
class TaskIsolationTest {

    private static final Instant NOW = Instant.parse("2030-06-03T09:00:30Z");
    /** Every task's creation: a whole minute, so that "every 1m" fires on whole minutes. */
    private static final Instant CREATED = Instant.parse("2030-06-02T00:00:00Z");
    private static final Instant MINUTE = Instant.parse("2030-06-03T09:00:00Z");

    private final StoreFixture fixture = new StoreFixture(Dialect.H2,
            "jdbc:h2:mem:isolation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "sa");
    private final ManualEngine engine = new ManualEngine(fixture, NOW);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void claims_should_fire_healthy_tasks_and_put_broken_ones_in_error() throws SQLException {
        insert("healthy", "every 1m", MINUTE);
        insert("other", "cron * * * * *", MINUTE);
        TaskRow unreadable = insert("unreadable", "every 1m", NOW.minusSeconds(3));
        sql("UPDATE cw_task SET trigger_text = 'cron 99 * * * *' WHERE id = ?", unreadable.id());
        TaskRow badZone = insert("bad-zone", "every 1m", NOW.minusSeconds(4));
        sql("UPDATE cw_task SET zone = 'Mars/Olympus_Mons' WHERE id = ?", badZone.id());
        TaskRow refired = insert("refired", "every 1m", NOW.minusSeconds(5));
        // An execution of the fire the task is about to claim already exists: the claim's insert breaks the unique key.
        fixture.inTransaction(s -> s.tasks().insertExecution(ExecutionRow.queued(refired.id(), refired.name(),
                refired.nextFireAt().orElseThrow(), 1, ExecutionKind.SCHEDULED, "elsewhere", NOW)));
        TaskRow ancient = insert("ancient", "every 1h", NOW);
        sql("UPDATE cw_task SET next_fire_at = ? WHERE id = ?", Long.MIN_VALUE / 2, ancient.id());

        List<String> fired = names(engine.runDueOnce());

        assertThat(fired).containsExactlyInAnyOrder("healthy", "other", "ancient");
        assertThat(task(unreadable)).satisfies(row -> {
            assertThat(row.state()).isEqualTo(TaskState.ERROR);
            assertThat(row.nextFireAt()).isEmpty();
            assertThat(row.stateReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("could not be claimed", "minute: 99 is out of range"));
        });
        assertThat(task(badZone).state()).isEqualTo(TaskState.ERROR);
        assertThat(task(badZone).stateReason()).hasValueSatisfying(reason -> assertThat(reason).contains("Mars"));
        assertThat(task(refired).state()).isEqualTo(TaskState.ERROR);
        assertThat(task(ancient).nextFireAt()).contains(Instant.parse("2030-06-03T10:00:00Z"));

        engine.advance(Duration.ofMinutes(1));
        assertThat(names(engine.runDueOnce())).containsExactlyInAnyOrder("healthy", "other");
    }

    @Test
    void claim_should_end_a_schedule_whose_next_fire_is_beyond_the_horizon() {
        TaskRow huge = insert("huge-interval", "every 12500w from 2030-06-03T09:00:00Z", MINUTE);
        insert("healthy", "every 1m", MINUTE);

        assertThat(names(engine.runDueOnce())).containsExactlyInAnyOrder("huge-interval", "healthy");

        assertThat(task(huge).state()).isEqualTo(TaskState.DONE);
        assertThat(task(huge).nextFireAt()).isEmpty();
    }

    @Test
    void outcome_recorder_should_record_every_outcome_when_one_task_cannot_be_rescheduled() throws SQLException {
        TaskRow broken = insert("delay-broken", "every 1m after each run", NOW.minusSeconds(1));
        TaskRow healthy = insert("delay-healthy", "every 1m after each run", NOW.minusSeconds(2));
        List<ClaimedFire> fires = engine.claimDue(10);
        assertThat(names(fires)).containsExactlyInAnyOrder("delay-broken", "delay-healthy");
        sql("UPDATE cw_task SET trigger_text = 'every banana' WHERE id = ?", broken.id());

        engine.recordSucceeded(fires);

        assertThat(statuses(broken)).containsExactly(ExecutionStatus.SUCCEEDED);
        assertThat(statuses(healthy)).containsExactly(ExecutionStatus.SUCCEEDED);
        assertThat(task(broken).state()).isEqualTo(TaskState.ERROR);
        assertThat(task(broken).stateReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("next fire after the run"));
        assertThat(task(healthy).state()).isEqualTo(TaskState.ACTIVE);
        assertThat(task(healthy).nextFireAt()).contains(NOW.plus(Duration.ofMinutes(1)));
    }

    @Test
    void sweep_should_take_over_every_orphan_when_one_task_cannot_be_rescheduled() throws SQLException {
        TaskRow broken = insert("orphan-broken", "every 1m after each run", Optional.empty());
        TaskRow healthy = insert("orphan-healthy", "every 1m", NOW.plusSeconds(30));
        Instant longAgo = NOW.minus(Duration.ofHours(1));
        fixture.inTransaction(s -> s.cluster().heartbeat(new NodeRow("dead-node", "host", 1, "test", NodeState.LIVE,
                longAgo, longAgo, Optional.empty(), Optional.empty())));
        // The broken task's run has had its retries (attempt 2), so the sweep ends it and reschedules the task.
        fixture.inTransaction(s -> s.tasks().insertExecution(ExecutionRow.running(broken.id(), broken.name(),
                NOW.minusSeconds(90), 2, ExecutionKind.RETRY, "dead-node", longAgo)));
        fixture.inTransaction(s -> s.tasks().insertExecution(ExecutionRow.running(healthy.id(), healthy.name(),
                NOW.minusSeconds(30), 1, ExecutionKind.SCHEDULED, "dead-node", longAgo)));
        sql("UPDATE cw_task SET trigger_text = 'every banana' WHERE id = ?", broken.id());

        List<ClaimedFire> takenOver = engine.sweep();

        assertThat(names(takenOver)).containsExactly("orphan-healthy");
        assertThat(statuses(broken)).containsExactly(ExecutionStatus.NODE_LOST);
        assertThat(task(broken).state()).isEqualTo(TaskState.ERROR);
        engine.recordSucceeded(takenOver);
        assertThat(statuses(healthy)).contains(ExecutionStatus.NODE_LOST, ExecutionStatus.SUCCEEDED);
    }

    private TaskRow insert(String name, String trigger, Instant nextFireAt) {
        return insert(name, trigger, Optional.of(nextFireAt));
    }

    private TaskRow insert(String name, String trigger, Optional<Instant> nextFireAt) {
        return fixture.inTransaction(s -> s.tasks().insert(TaskRow.builder(name).trigger(trigger).zone("UTC")
                .action("noop").anchorAt(CREATED).nextFireAt(nextFireAt).created(CREATED, "test").build()))
                .orElseThrow();
    }

    private TaskRow task(TaskRow task) {
        return fixture.inTransaction(s -> s.tasks().findById(task.id())).orElseThrow();
    }

    private List<ExecutionStatus> statuses(TaskRow task) {
        return fixture.inTransaction(s -> s.tasks().executions(task.id(), 0, 100)).items().stream()
                .map(ExecutionRow::status).toList();
    }

    private void sql(String statement, Object... parameters) throws SQLException {
        try (Connection connection = fixture.connect();
             PreparedStatement update = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            assertThat(update.executeUpdate()).as(statement).isEqualTo(1);
        }
    }

    private static List<String> names(List<ClaimedFire> fires) {
        return fires.stream().map(ClaimedFire::taskName).toList();
    }
}
