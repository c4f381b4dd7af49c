package dev.clockwork.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.jpa.Dialect;
import dev.clockwork.store.jpa.StoreFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The history retention chore on a real store (H2) and a fixed clock: it deletes ended executions past
 * {@code clockwork.history.keep} in batches, walking every task, and keeps each task's latest ones.
 */
class PurgeOldExecutionsTest {

    private static final Instant NOW = Instant.parse("2031-05-01T10:00:00Z");

    private final StoreFixture fixture = new StoreFixture(Dialect.H2,
            "jdbc:h2:mem:history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "sa");
    private final PurgeOldExecutions chore = new PurgeOldExecutions();

    PurgeOldExecutionsTest() {
        chore.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        chore.config = EngineConfig.from(Map.of("clockwork.history.keep", "P30D",
                "clockwork.history.keep-last", "3")::get, ZoneOffset.UTC);
        chore.node = new NodeIdentity();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void purge_should_walk_every_task_in_batches_and_keep_the_recent_and_each_tasks_latest() {
        TaskRow busy = task("busy");
        TaskRow quiet = task("quiet");
        insertEnded(busy, 1200, NOW.minus(Duration.ofDays(60)), Duration.ofMinutes(1));
        insertEnded(busy, 5, NOW.minus(Duration.ofDays(2)), Duration.ofHours(1));
        insertEnded(quiet, 10, NOW.minus(Duration.ofDays(100)), Duration.ofDays(1));

        List<PurgeOldExecutions.Batch> batches = new ArrayList<>();
        PurgeOldExecutions.Batch batch;
        do {
            batch = purge();
            batches.add(batch);
        } while (batch.more());

        assertThat(batches).extracting(PurgeOldExecutions.Batch::deleted).containsExactly(1000, 207);
        assertThat(count(busy)).as("the 5 recent ones").isEqualTo(5);
        assertThat(count(quiet)).as("its latest 3, however old").isEqualTo(3);
        assertThat(purge()).isEqualTo(new PurgeOldExecutions.Batch(0, false));
    }

    @Test
    void purge_should_do_nothing_while_another_node_holds_the_chore() {
        TaskRow busy = task("busy");
        insertEnded(busy, 10, NOW.minus(Duration.ofDays(60)), Duration.ofMinutes(1));
        fixture.inTransaction(s -> s.cluster().tryLock(PurgeOldExecutions.CHORE, "other-node", NOW,
                NOW.plusSeconds(60)));

        assertThat(purge()).isEqualTo(new PurgeOldExecutions.Batch(0, false));
        assertThat(count(busy)).isEqualTo(10);
    }

    private PurgeOldExecutions.Batch purge() {
        return fixture.inTransaction(s -> {
            chore.tasks = s.tasks();
            chore.cluster = s.cluster();
            return chore.purgeBatch();
        });
    }

    private TaskRow task(String name) {
        return fixture.inTransaction(s -> s.tasks().insert(TaskRow.builder(name).trigger("every 1m").zone("UTC")
                .action("noop").anchorAt(NOW).nextFireAt(Optional.of(NOW)).created(NOW, "test").build()))
                .orElseThrow();
    }

    private void insertEnded(TaskRow task, int count, Instant first, Duration apart) {
        fixture.inTransaction(s -> {
            for (int i = 0; i < count; i++) {
                Instant fire = first.plus(apart.multipliedBy(i));
                s.tasks().insertExecution(new ExecutionRow(0, task.id(), task.name(), fire, 1,
                        ExecutionKind.SCHEDULED, Optional.of("node-a"), ExecutionStatus.SUCCEEDED, fire,
                        Optional.of(fire), Optional.of(fire), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()));
            }
            return null;
        });
    }

    private long count(TaskRow task) {
        return fixture.inTransaction(s -> s.tasks().executions(task.id(), 0, 1)).total();
    }
}
