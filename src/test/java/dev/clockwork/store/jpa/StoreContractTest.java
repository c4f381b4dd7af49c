package dev.clockwork.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.ExecutionQuery;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.NodeState;
import dev.clockwork.api.NodeWorkload;
import dev.clockwork.api.Page;
import dev.clockwork.api.TaskQuery;
import dev.clockwork.api.TaskSort;
import dev.clockwork.api.TaskState;
import dev.clockwork.store.ExecutionOutcome;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.NodeRow;
import dev.clockwork.store.ClaimedFireRows;
import dev.clockwork.store.RunInProgress;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.TaskStore;
import dev.clockwork.store.UserRow;
import dev.clockwork.trigger.Horizon;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What every database must do for the stores, run against H2 and the real MariaDB and PostgreSQL servers, each with
 * a session time zone that is not UTC.
 */
abstract class StoreContractTest extends ContractTestBase {

    private static final Instant T0 = Instant.parse("2026-03-29T00:59:59.123456Z");

    @Test
    void insert_should_store_a_task_and_refuse_a_taken_name() {
        TaskRow stored = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();

        assertThat(stored.id()).isPositive();
        assertThat(maybe(s -> s.tasks().insert(task(stored.name(), Optional.of(T0), 0)))).isEmpty();
        assertThat(maybe(s -> s.tasks().findByName(stored.name()))).contains(stored);
    }

    @Test
    void instants_should_round_trip_to_the_microsecond_whatever_the_session_zone() {
        Instant fire = Instant.parse("2026-10-25T01:30:00.654321Z");
        TaskRow stored = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(fire), 0))).orElseThrow();

        TaskRow read = fixture.inTransaction(s -> s.tasks().findById(stored.id())).orElseThrow();

        assertThat(read.nextFireAt()).contains(fire);
        assertThat(read.anchorAt()).isEqualTo(T0);
    }

    @Test
    void lock_due_should_return_due_tasks_by_priority_then_fire_time_and_skip_unscheduled_ones() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        String prefix = unique();
        fixture.inTransaction(s -> {
            s.tasks().insert(task(prefix + "low-early", Optional.of(now.minusSeconds(20)), 0));
            s.tasks().insert(task(prefix + "high", Optional.of(now.minusSeconds(1)), 9));
            s.tasks().insert(task(prefix + "low-late", Optional.of(now.minusSeconds(10)), 0));
            s.tasks().insert(task(prefix + "future", Optional.of(now.plusSeconds(1)), 99));
            s.tasks().insert(task(prefix + "paused", Optional.empty(), 99));
            return null;
        });

        List<String> due = fixture.inTransaction(s -> s.tasks().lockDue(now, 1000)).stream()
                .map(TaskRow::name).filter(n -> n.startsWith(prefix)).toList();

        assertThat(due).containsExactly(prefix + "high", prefix + "low-early", prefix + "low-late");
    }

    @Test
    void lock_due_should_lock_more_tasks_than_one_statement_names() {
        // Due long before every other test's tasks, in a transaction rolled back at the end, so none are left due.
        Instant now = Instant.parse("2001-01-01T00:00:00Z");
        String prefix = unique();
        int count = TaskStore.MOST_IDS + 5;
        EntityManager em = fixture.newEntityManager();
        try {
            em.getTransaction().begin();
            var stores = fixture.stores(em);
            for (int i = 0; i < count; i++) {
                stores.tasks().insert(task(prefix + i, Optional.of(now.minusSeconds(count - i)), 0));
            }

            List<String> locked = names(stores.tasks().lockDue(now, count), prefix);

            assertThat(locked).hasSize(count).doesNotHaveDuplicates().startsWith(prefix + 0, prefix + 1);
        } finally {
            em.getTransaction().rollback();
            em.close();
        }
    }

    @Test
    void lock_due_should_take_a_higher_priority_first_even_when_it_is_due_after_more_rows_than_it_reads() {
        // Due long before every other test's tasks, in a transaction rolled back at the end, so none are left due.
        Instant now = Instant.parse("2001-01-01T00:00:00Z");
        String prefix = unique();
        EntityManager em = fixture.newEntityManager();
        try {
            em.getTransaction().begin();
            var stores = fixture.stores(em);
            for (int i = 0; i < 100; i++) {
                stores.tasks().insert(task(prefix + i, Optional.of(now.minusSeconds(1000 - i)), 0));
            }
            stores.tasks().insert(task(prefix + "urgent", Optional.of(now.minusSeconds(1)), 50));
            stores.tasks().insert(task(prefix + "later", Optional.of(now.minusSeconds(2)), 5));

            List<String> locked = names(stores.tasks().lockDue(now, 3), prefix);

            assertThat(locked).containsExactly(prefix + "urgent", prefix + "later", prefix + 0);
        } finally {
            em.getTransaction().rollback();
            em.close();
        }
    }

    @Test
    void cancel_executions_should_end_unstarted_ones_and_ask_the_node_of_a_running_one() {
        String name = unique();
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(task(name, Optional.empty(), 0))).orElseThrow();
        long queued = fixture.inTransaction(s -> s.tasks().insertExecution(ExecutionRow.queued(task.id(), task.name(),
                T0, 1, ExecutionKind.SCHEDULED, name + "-node", T0)));
        long running = fixture.inTransaction(s -> s.tasks().insertExecution(ExecutionRow.running(task.id(),
                task.name(), T0.plusSeconds(60), 1, ExecutionKind.SCHEDULED, name + "-node", T0.plusSeconds(60))));
        long waiting = fixture.inTransaction(s -> s.tasks().insertExecution(ExecutionRow.waiting(task.id(),
                task.name(), T0, 2, T0, T0.plusSeconds(30), "retry 2 of 2")));

        List<Long> interrupting = fixture.inTransaction(s -> s.tasks().cancelExecutions(
                List.of(queued, running, waiting), "cancelled by alice", T0.plusSeconds(90)));

        assertThat(interrupting).containsExactly(running);
        for (long id : List.of(queued, waiting)) {
            ExecutionRow row = maybe(s -> s.tasks().execution(id)).orElseThrow();
            assertThat(row.status()).isEqualTo(ExecutionStatus.CANCELLED);
            assertThat(row.reason()).contains("cancelled by alice");
            assertThat(row.finishedAt()).contains(T0.plusSeconds(90));
        }
        assertThat(maybe(s -> s.tasks().execution(running)).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
        Map<Long, String> requests = fixture.inTransaction(s -> s.tasks().cancelRequests(name + "-node"));
        assertThat(requests).containsExactly(Map.entry(running, "cancelled by alice"));
        List<RunInProgress> left = fixture.inTransaction(s -> s.tasks().runsInProgress(List.of(task.id())));
        assertThat(left).extracting(RunInProgress::executionId).containsExactly(running);
    }

    @Test
    void runs_in_progress_should_name_the_queued_and_running_executions_of_the_given_tasks() {
        String name = unique();
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(task(name, Optional.empty(), 0))).orElseThrow();
        TaskRow other = fixture.inTransaction(s -> s.tasks().insert(task(name + "other", Optional.empty(), 0)))
                .orElseThrow();
        long queued = fixture.inTransaction(s -> s.tasks().insertExecution(ExecutionRow.queued(task.id(), task.name(),
                T0, 1, ExecutionKind.SCHEDULED, "node-a", T0)));
        long running = fixture.inTransaction(s -> s.tasks().insertExecution(ExecutionRow.running(task.id(),
                task.name(), T0.plusSeconds(60), 1, ExecutionKind.SCHEDULED, "node-b", T0.plusSeconds(60))));
        fixture.inTransaction(s -> s.tasks().insertExecution(ExecutionRow.skipped(task.id(), task.name(),
                T0.plusSeconds(120), "node-a", T0.plusSeconds(120), "overlap FORBID")));
        fixture.inTransaction(s -> s.tasks().insertExecution(ExecutionRow.queued(other.id(), other.name(), T0, 1,
                ExecutionKind.SCHEDULED, "node-a", T0)));

        List<RunInProgress> runs = fixture.inTransaction(s -> s.tasks().runsInProgress(List.of(task.id())));

        assertThat(runs).containsExactly(
                new RunInProgress(queued, task.id(), ExecutionStatus.QUEUED, Optional.of("node-a")),
                new RunInProgress(running, task.id(), ExecutionStatus.RUNNING, Optional.of("node-b")));
        ExecutionRow skipped = fixture.inTransaction(s -> s.tasks().executions(task.id(), 0, 10)).items().get(0);
        assertThat(skipped.status()).isEqualTo(ExecutionStatus.SKIPPED);
        assertThat(skipped.reason()).contains("overlap FORBID");
        assertThat(skipped.finishedAt()).contains(T0.plusSeconds(120));
    }

    @Test
    void lock_due_should_skip_rows_another_transaction_holds() {
        Instant now = Instant.parse("2031-01-01T00:00:00Z");
        String prefix = unique();
        fixture.inTransaction(s -> {
            for (int i = 0; i < 4; i++) {
                // Above every other test's priority, so that these rows come first among everything due.
                s.tasks().insert(task(prefix + i, Optional.of(now.minusSeconds(10 - i)), 500));
            }
            return null;
        });
        EntityManager first = fixture.newEntityManager();
        EntityManager second = fixture.newEntityManager();
        try {
            first.getTransaction().begin();
            second.getTransaction().begin();
            List<String> a = names(fixture.stores(first).tasks().lockDue(now, 2), prefix);
            List<String> b = names(fixture.stores(second).tasks().lockDue(now, 10), prefix);

            assertThat(a).as("first transaction").hasSize(2);
            assertThat(b).as("second transaction, first holds %s", a).hasSize(2).doesNotContainAnyElementsOf(a);
        } finally {
            first.getTransaction().rollback();
            second.getTransaction().rollback();
            first.close();
            second.close();
        }
    }

    @Test
    void lock_due_should_pass_over_first_choices_another_transaction_holds_to_the_next_due_rows() {
        Instant now = Instant.parse("2001-06-01T00:00:00Z");
        String prefix = unique();
        fixture.inTransaction(s -> {
            for (int i = 0; i < 4; i++) {
                // Due before every other test's rows and above their priorities: every claim's first choices.
                s.tasks().insert(task(prefix + i, Optional.of(now.minusSeconds(10 - i)), 600));
            }
            return null;
        });
        EntityManager first = fixture.newEntityManager();
        EntityManager second = fixture.newEntityManager();
        try {
            first.getTransaction().begin();
            second.getTransaction().begin();
            List<String> a = names(fixture.stores(first).tasks().lockDue(now, 2), prefix);
            List<String> b = names(fixture.stores(second).tasks().lockDue(now, 2), prefix);

            assertThat(a).containsExactly(prefix + 0, prefix + 1);
            assertThat(b).as("the next due rows, not none").containsExactly(prefix + 2, prefix + 3);
        } finally {
            first.getTransaction().rollback();
            second.getTransaction().rollback();
            first.close();
            second.close();
            // Out of the other claim tests' way.
            fixture.inTransaction(s -> {
                for (int i = 0; i < 4; i++) {
                    s.tasks().delete(prefix + i);
                }
                return null;
            });
        }
    }

    /**
     * A claim sees the task as last committed, even when its transaction read the table before (MariaDB's REPEATABLE
     * READ would otherwise answer from that older snapshot, and the claim's update then fail on the version).
     */
    @Test
    void lock_due_should_return_tasks_as_committed_after_the_transaction_began() {
        Instant now = Instant.parse("2032-01-01T00:00:00Z");
        String prefix = unique();
        TaskRow stored = fixture.inTransaction(s -> s.tasks().insert(task(prefix + "x",
                Optional.of(now.minusSeconds(1)), 600))).orElseThrow();
        EntityManager claimer = fixture.newEntityManager();
        try {
            claimer.getTransaction().begin();
            // A write first, so that the reads go through this transaction's connection, as they do in a server.
            fixture.stores(claimer).tasks().insert(task(prefix + "paused", Optional.empty(), 0));
            fixture.stores(claimer).tasks().findByName(prefix + "nothing");
            TaskRow changed = fixture.inTransaction(s -> s.tasks().update(stored.withSchedule(TaskState.ACTIVE,
                    Optional.of(now.minusSeconds(2))))).orElseThrow();

            List<TaskRow> due = fixture.stores(claimer).tasks().lockDue(now, 1000).stream()
                    .filter(row -> row.name().startsWith(prefix)).toList();

            assertThat(changed.version()).isGreaterThan(stored.version());
            assertThat(due).extracting(TaskRow::version).containsExactly(changed.version());
        } finally {
            claimer.getTransaction().rollback();
            claimer.close();
        }
    }

    @Test
    void earliest_next_fire_should_be_an_instant_no_later_than_any_scheduled_task() {
        Instant early = Instant.parse("2020-02-02T02:02:02.020202Z");
        fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(early), 0)));

        Optional<Instant> earliest = fixture.inTransaction(s -> s.tasks().earliestNextFire());

        assertThat(earliest).hasValueSatisfying(e -> assertThat(e).isBeforeOrEqualTo(early));
    }

    @Test
    void update_should_refuse_a_stale_version() {
        TaskRow stored = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();
        TaskRow paused = fixture.inTransaction(s -> s.tasks()
                .update(stored.withSchedule(TaskState.PAUSED, Optional.empty()))).orElseThrow();

        assertThat(paused.version()).isGreaterThan(stored.version());
        assertThat(maybe(s -> s.tasks().update(stored.withSchedule(TaskState.DONE, Optional.empty()))))
                .isEmpty();
    }

    @Test
    void list_should_page_and_filter_without_treating_the_prefix_as_a_pattern() {
        String prefix = unique() + "_%";
        fixture.inTransaction(s -> {
            for (int i = 0; i < 5; i++) {
                s.tasks().insert(task(prefix + i, Optional.of(T0), 0));
            }
            s.tasks().insert(task(prefix.replace("_%", "xx") + "9", Optional.of(T0), 0));
            return null;
        });

        Page<TaskRow> page = fixture.inTransaction(s -> s.tasks().list(
                new TaskQuery(Optional.of(TaskState.ACTIVE), Optional.empty(), Optional.of(prefix), 1, 2)));

        assertThat(page.total()).isEqualTo(5);
        assertThat(page.items()).extracting(TaskRow::name).containsExactly(prefix + 1, prefix + 2);
    }

    @Test
    void executions_should_run_through_their_states_and_list_newest_first() {
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();
        long first = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0, 1, "node-a")));
        long second = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0.plusSeconds(1), 1, "node-a")));

        assertThat(yes(s -> marked(s, first, "node-b", T0.plusMillis(5)))).as("not node-b's").isFalse();
        assertThat(yes(s -> marked(s, first, "node-a", T0.plusMillis(5)))).isTrue();
        assertThat(yes(s -> marked(s, first, "node-a", T0.plusMillis(6)))).isFalse();
        ExecutionOutcome outcome = new ExecutionOutcome(first, task.id(), ExecutionKind.SCHEDULED, false,
                ExecutionStatus.SUCCEEDED, T0.plusMillis(5), T0.plusMillis(9), Optional.of("ok"), Optional.empty(),
                Optional.empty(), Optional.of("line"));
        assertThat(yes(s -> finished(s, outcome, "node-a"))).isTrue();
        assertThat(yes(s -> finished(s, outcome, "node-a"))).isFalse();

        Page<ExecutionRow> page = fixture.inTransaction(s -> s.tasks().executions(task.id(), 0, 10));
        assertThat(page.items()).extracting(ExecutionRow::id).containsExactly(second, first);
        ExecutionRow done = page.items().get(1);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.startedAt()).contains(T0.plusMillis(5));
        assertThat(done.result()).contains("ok");
        assertThat(lastStatus(task.id()))
                .contains(ExecutionStatus.SUCCEEDED);
    }

    /**
     * The history retention's statement: ended executions fired before the cut-off go, in batches, except each task's
     * latest ones and the unfinished (waiting, queued, running) ones.
     */
    @Test
    void delete_old_executions_should_keep_each_tasks_latest_and_unfinished_ones_and_go_in_batches() {
        Instant now = Instant.parse("2033-01-01T00:00:00Z");
        Instant cutOff = now.minus(Duration.ofDays(30));
        // Paused, so that no other test's claim finds them due.
        TaskRow busy = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.empty(), 0))).orElseThrow();
        TaskRow rare = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.empty(), 0))).orElseThrow();
        for (int days = 45; days >= 20; days--) {
            ExecutionRow ended = ended(busy, now.minus(Duration.ofDays(days)));
            fixture.inTransaction(s -> s.tasks().insertExecution(ended));
        }
        long waiting = fixture.inTransaction(s -> s.tasks().insertExecution(ExecutionRow.waiting(busy.id(),
                busy.name(), now.minus(Duration.ofDays(44)), 2, now.minus(Duration.ofDays(44)), now, "retry 2 of 2")));
        long queued = fixture.inTransaction(s -> s.tasks().insertExecution(queued(busy, now.minus(Duration.ofDays(43))
                .plusSeconds(1), 1, "retention-" + unique())));
        for (int days = 92; days >= 90; days--) {
            ExecutionRow ended = ended(rare, now.minus(Duration.ofDays(days)));
            fixture.inTransaction(s -> s.tasks().insertExecution(ended));
        }

        List<Integer> batches = new ArrayList<>();
        int deleted;
        do {
            deleted = fixture.inTransaction(s -> s.tasks().deleteOldExecutions(busy.id(), cutOff, 5, 4));
            batches.add(deleted);
        } while (deleted == 4);

        assertThat(batches).containsExactly(4, 4, 4, 3);
        List<ExecutionRow> left = fixture.inTransaction(s -> s.tasks().executions(busy.id(), 0, 100)).items();
        assertThat(left).hasSize(13);
        assertThat(left).extracting(ExecutionRow::id).contains(waiting, queued);
        assertThat(left).filteredOn(row -> row.finishedAt().isPresent()).extracting(ExecutionRow::fireTime)
                .allMatch(fire -> !fire.isBefore(cutOff));
        int keepingFive = fixture.inTransaction(s -> s.tasks().deleteOldExecutions(rare.id(), cutOff, 5, 100));
        int keepingTwo = fixture.inTransaction(s -> s.tasks().deleteOldExecutions(rare.id(), cutOff, 2, 100));
        int keepingNone = fixture.inTransaction(s -> s.tasks().deleteOldExecutions(rare.id(), cutOff, 0, 100));
        assertThat(List.of(keepingFive, keepingTwo, keepingNone)).containsExactly(0, 1, 2);
        List<Long> walk = fixture.inTransaction(s -> s.tasks().taskIdsAfter(busy.id() - 1, 2));
        assertThat(walk).startsWith(busy.id()).doesNotHaveDuplicates().isSorted();
        // Leaves no unfinished execution behind for the tests that list every node's.
        assertThat(yes(s -> s.tasks().delete(busy.name()))).isTrue();
    }

    /**
     * A run's end writes its task only when it moves its schedule: not for a run of a task whose claim settled it,
     * nor for a fixed-delay task's run that leaves the schedule as it was; the last status follows all the same.
     */
    @Test
    void an_outcome_that_leaves_its_task_as_it_was_should_not_write_the_task() {
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ExecutionRow execution = queued(task, T0.plusSeconds(i), 1, "node-a");
            long id = fixture.inTransaction(s -> s.tasks().insertExecution(execution));
            assertThat(yes(s -> marked(s, id, "node-a", T0.plusMillis(5)))).isTrue();
            ids.add(id);
        }

        assertThat(yes(s -> finished(s, outcome(ids.get(0), task, ExecutionStatus.SUCCEEDED), "node-a"))).isTrue();
        TaskRow first = fixture.inTransaction(s -> s.tasks().findById(task.id())).orElseThrow();
        Optional<ExecutionStatus> firstStatus = lastStatus(task.id());
        assertThat(yes(s -> finished(s, moving(ids.get(1), task, ExecutionStatus.SUCCEEDED), "node-a"))).isTrue();
        TaskRow same = fixture.inTransaction(s -> s.tasks().findById(task.id())).orElseThrow();
        assertThat(yes(s -> finished(s, outcome(ids.get(2), task, ExecutionStatus.FAILED), "node-a"))).isTrue();
        TaskRow failed = fixture.inTransaction(s -> s.tasks().findById(task.id())).orElseThrow();

        assertThat(firstStatus).contains(ExecutionStatus.SUCCEEDED);
        assertThat(first.version()).isEqualTo(task.version());
        assertThat(same).isEqualTo(first);
        assertThat(failed).isEqualTo(first);
        assertThat(lastStatus(task.id())).contains(ExecutionStatus.FAILED);
    }

    @Test
    void a_batch_of_outcomes_should_record_only_the_executions_still_running_on_the_node() {
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ExecutionRow execution = queued(task, T0.plusSeconds(i), 1, i == 4 ? "node-b" : "node-a");
            ids.add(fixture.inTransaction(s -> s.tasks().insertExecution(execution)));
        }
        for (int i = 0; i < 6; i++) {
            long id = ids.get(i);
            String node = i == 4 ? "node-b" : "node-a";
            if (i != 2) {
                assertThat(yes(s -> marked(s, id, node, T0.plusMillis(5)))).isTrue();
            }
        }
        assertThat(yes(s -> finished(s, outcome(ids.get(5), task, ExecutionStatus.SUCCEEDED), "node-a"))).isTrue();

        // 0, 1 and 3 are running on node-a; 2 is still queued, 4 runs on node-b, 5 is already finished.
        List<ExecutionOutcome> outcomes = ids.stream().map(id -> outcome(id, task, ExecutionStatus.FAILED)).toList();
        List<ExecutionOutcome> recorded = fixture.inTransaction(s -> s.tasks().finishAll(outcomes, "node-a",
                (row, kind, at) -> Optional.empty()));

        assertThat(recorded).extracting(ExecutionOutcome::executionId)
                .containsExactly(ids.get(0), ids.get(1), ids.get(3));
        Map<Long, ExecutionStatus> statuses = new HashMap<>();
        fixture.inTransaction(s -> s.tasks().executions(task.id(), 0, 10)).items()
                .forEach(row -> statuses.put(row.id(), row.status()));
        assertThat(statuses).containsEntry(ids.get(0), ExecutionStatus.FAILED)
                .containsEntry(ids.get(2), ExecutionStatus.QUEUED)
                .containsEntry(ids.get(4), ExecutionStatus.RUNNING)
                .containsEntry(ids.get(5), ExecutionStatus.SUCCEEDED);
        assertThat(lastStatus(task.id()))
                .as("the status of the latest fire, recorded first").contains(ExecutionStatus.SUCCEEDED);
    }

    /** Outcomes that ended alike are written by one statement; each execution keeps its own times and texts. */
    @Test
    void outcomes_recorded_together_should_each_keep_their_own_times_and_texts() {
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ExecutionRow execution = queued(task, T0.plusSeconds(i), 1, "node-a");
            long id = fixture.inTransaction(s -> s.tasks().insertExecution(execution));
            assertThat(yes(s -> marked(s, id, "node-a", T0))).isTrue();
            ids.add(id);
        }
        List<ExecutionOutcome> outcomes = List.of(
                ended(ids.get(0), task, ExecutionStatus.SUCCEEDED, 10, 11, Optional.empty(), Optional.empty()),
                ended(ids.get(1), task, ExecutionStatus.SUCCEEDED, 20, 25, Optional.empty(), Optional.empty()),
                ended(ids.get(2), task, ExecutionStatus.SUCCEEDED, 30, 36, Optional.of("42"), Optional.empty()),
                ended(ids.get(3), task, ExecutionStatus.FAILED, 40, 47, Optional.empty(), Optional.of("boom")));

        List<ExecutionOutcome> recorded = fixture.inTransaction(s -> s.tasks().finishAll(outcomes, "node-a",
                (row, kind, at) -> Optional.empty()));

        assertThat(recorded).containsExactlyElementsOf(outcomes);
        for (ExecutionOutcome outcome : outcomes) {
            ExecutionRow row = fixture.inTransaction(s -> s.tasks().execution(outcome.executionId())).orElseThrow();
            assertThat(row.status()).isEqualTo(outcome.status());
            assertThat(row.startedAt()).contains(outcome.startedAt());
            assertThat(row.finishedAt()).contains(outcome.finishedAt());
            assertThat(row.result()).isEqualTo(outcome.result());
            assertThat(row.error()).isEqualTo(outcome.error());
        }
    }

    /**
     * A finish takes the task row before the execution row, as a claim and a delete (task, then executions by
     * cascade) do; the other order deadlocks against a delete of the task. Here a transaction holds the execution
     * row, so a finish in the right order is seen holding the task row while it waits.
     */
    @Test
    void finish_should_lock_the_task_row_before_the_execution_row() throws Exception {
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();
        long id = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0, 1, "node-a")));
        assertThat(yes(s -> marked(s, id, "node-a", T0.plusMillis(5)))).isTrue();
        ExecutionOutcome outcome = moving(id, task, ExecutionStatus.SUCCEEDED);
        EntityManager holder = fixture.newEntityManager();
        ExecutorService finisher = Executors.newSingleThreadExecutor();
        try {
            holder.getTransaction().begin();
            holder.createNativeQuery("SELECT id FROM cw_execution WHERE id = ? FOR UPDATE").setParameter(1, id)
                    .getResultList();
            Future<Boolean> finished = finisher.submit(() -> yes(s -> finished(s, outcome, "node-a")));

            Instant deadline = Instant.now().plusSeconds(20);
            while (!taskRowLocked(task.id())) {
                assertThat(Instant.now()).as("the finish never took the task row").isBefore(deadline);
                assertThat(finished).as("the finish did not wait for the execution row").isNotDone();
            }
            holder.getTransaction().commit();
            assertThat(finished.get(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            if (holder.getTransaction().isActive()) {
                holder.getTransaction().rollback();
            }
            holder.close();
            finisher.shutdownNow();
        }
    }

    @Test
    void finish_should_report_false_when_its_task_was_deleted() {
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();
        long id = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0, 1, "node-a")));
        assertThat(yes(s -> marked(s, id, "node-a", T0.plusMillis(5)))).isTrue();
        assertThat(yes(s -> s.tasks().delete(task.name()))).isTrue();

        assertThat(yes(s -> finished(s, moving(id, task, ExecutionStatus.SUCCEEDED), "node-a"))).isFalse();
        assertThat(yes(s -> finished(s, outcome(id, task, ExecutionStatus.SUCCEEDED), "node-a"))).isFalse();
    }

    /**
     * The end of a run that does not move its task's schedule (any trigger but a fixed delay) writes its execution
     * alone: a transaction holding the task row does not hold it up.
     */
    @Test
    void finish_of_a_run_that_does_not_move_its_schedule_should_not_wait_for_the_task_row() throws Exception {
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();
        long id = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0, 1, "node-a")));
        assertThat(yes(s -> marked(s, id, "node-a", T0.plusMillis(5)))).isTrue();
        EntityManager holder = fixture.newEntityManager();
        ExecutorService finisher = Executors.newSingleThreadExecutor();
        try {
            holder.getTransaction().begin();
            holder.createNativeQuery("SELECT id FROM cw_task WHERE id = ? FOR UPDATE").setParameter(1, task.id())
                    .getResultList();

            // On another thread, so that a finish that waited for the task row fails here instead of hanging.
            Future<Boolean> finished = finisher.submit(() -> yes(s -> finished(s,
                    outcome(id, task, ExecutionStatus.SUCCEEDED), "node-a")));
            assertThat(finished.get(20, TimeUnit.SECONDS)).as("recorded while the task row is held").isTrue();
        } finally {
            holder.getTransaction().rollback();
            holder.close();
            finisher.shutdownNow();
        }
        TaskRow after = fixture.inTransaction(s -> s.tasks().findById(task.id())).orElseThrow();
        assertThat(after.version()).isEqualTo(task.version());
        assertThat(lastStatus(task.id())).contains(ExecutionStatus.SUCCEEDED);
    }

    /**
     * A task's last status is that of its latest ended execution, by fire time then attempt, whatever order the
     * outcomes were recorded in; unfinished executions are passed over.
     */
    @Test
    void the_last_status_should_be_that_of_the_latest_ended_execution() {
        String prefix = unique();
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(task(prefix + "a", Optional.of(T0), 0)))
                .orElseThrow();
        TaskRow never = fixture.inTransaction(s -> s.tasks().insert(task(prefix + "b", Optional.of(T0), 0)))
                .orElseThrow();
        long early = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0, 1, "node-a")));
        long retried = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0.plusSeconds(1), 1,
                "node-a")));
        long retry = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0.plusSeconds(1), 2,
                "node-a")));
        long latest = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0.plusSeconds(2), 1,
                "node-a")));
        for (long id : List.of(early, retried, retry, latest)) {
            assertThat(yes(s -> marked(s, id, "node-a", T0.plusMillis(5)))).isTrue();
        }

        assertThat(yes(s -> finished(s, outcome(retry, task, ExecutionStatus.SUCCEEDED), "node-a"))).isTrue();
        assertThat(yes(s -> finished(s, outcome(retried, task, ExecutionStatus.FAILED), "node-a"))).isTrue();
        assertThat(yes(s -> finished(s, outcome(early, task, ExecutionStatus.FAILED), "node-a"))).isTrue();
        Map<Long, ExecutionStatus> both = fixture.inTransaction(s -> s.tasks().lastStatuses(
                List.of(task.id(), never.id())));

        assertThat(both).as("the retry of the latest ended fire; nothing for a task that never ran")
                .containsExactly(Map.entry(task.id(), ExecutionStatus.SUCCEEDED));
        assertThat(yes(s -> finished(s, outcome(latest, task, ExecutionStatus.FAILED), "node-a"))).isTrue();
        assertThat(lastStatus(task.id()))
                .contains(ExecutionStatus.FAILED);
    }

    @Test
    void finish_all_should_record_the_outcomes_of_the_nodes_running_executions_and_leave_out_the_rest() {
        TaskRow first = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();
        TaskRow second = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();
        long a = fixture.inTransaction(s -> s.tasks().insertExecution(queued(first, T0, 1, "node-a")));
        long b = fixture.inTransaction(s -> s.tasks().insertExecution(queued(second, T0, 1, "node-a")));
        long notStarted = fixture.inTransaction(s -> s.tasks().insertExecution(queued(first, T0.plusSeconds(1), 1,
                "node-a")));
        long otherNode = fixture.inTransaction(s -> s.tasks().insertExecution(queued(second, T0.plusSeconds(1), 1,
                "node-b")));
        for (long id : List.of(a, b)) {
            assertThat(yes(s -> marked(s, id, "node-a", T0.plusMillis(5)))).isTrue();
        }
        assertThat(yes(s -> marked(s, otherNode, "node-b", T0.plusMillis(5)))).isTrue();

        List<String> askedAbout = new ArrayList<>();
        List<ExecutionOutcome> recorded = rows(s -> s.tasks().finishAll(List.of(
                moving(a, first, ExecutionStatus.SUCCEEDED), moving(b, second, ExecutionStatus.FAILED),
                moving(notStarted, first, ExecutionStatus.SUCCEEDED),
                moving(otherNode, second, ExecutionStatus.SUCCEEDED)), "node-a", (task, kind, at) -> {
                    askedAbout.add(task.name() + " " + kind);
                    return task.id() == first.id() ? Optional.of(task.withSchedule(TaskState.DONE, Optional.empty()))
                            : Optional.empty();
                }));

        assertThat(recorded).extracting(ExecutionOutcome::executionId).containsExactly(a, b);
        assertThat(status(a)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(status(b)).isEqualTo(ExecutionStatus.FAILED);
        assertThat(status(notStarted)).isEqualTo(ExecutionStatus.QUEUED);
        assertThat(status(otherNode)).isEqualTo(ExecutionStatus.RUNNING);
        TaskRow firstAfter = fixture.inTransaction(s -> s.tasks().findById(first.id())).orElseThrow();
        assertThat(lastStatus(first.id())).contains(ExecutionStatus.SUCCEEDED);
        assertThat(firstAfter.version()).isGreaterThan(first.version());
        assertThat(firstAfter.state()).isEqualTo(TaskState.DONE);
        assertThat(firstAfter.nextFireAt()).isEmpty();
        TaskRow secondAfter = fixture.inTransaction(s -> s.tasks().findById(second.id())).orElseThrow();
        assertThat(lastStatus(second.id())).contains(ExecutionStatus.FAILED);
        assertThat(secondAfter.state()).isEqualTo(TaskState.ACTIVE);
        assertThat(secondAfter.nextFireAt()).contains(T0);
        assertThat(askedAbout).containsExactly(first.name() + " SCHEDULED", second.name() + " SCHEDULED");
    }

    @Test
    void a_nodes_unfinished_executions_should_follow_claims_reassignments_outcomes_and_losses() {
        Instant now = Instant.parse("2034-01-01T00:00:00Z");
        String prefix = unique();
        String a = "node-" + unique();
        String b = "node-" + unique();
        List<Long> claimed = claimThree(prefix, 800, now, a, t -> Optional.empty());
        TaskRow task = fixture.inTransaction(s -> s.tasks().findByName(prefix + 0)).orElseThrow();
        long manual = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, now, 2, a)));
        assertThat(claimed).hasSize(3);
        assertThat(unfinishedByNode()).containsEntry(a, 4L)
                .doesNotContainKey(b);

        ExecutionRow first = fixture.inTransaction(s -> s.tasks().execution(claimed.get(0))).orElseThrow();
        TaskRow firstTask = fixture.inTransaction(s -> s.tasks().findById(first.taskId())).orElseThrow();
        assertThat(rows(s -> s.tasks().finishAll(List.of(outcome(first.id(), firstTask, ExecutionStatus.SUCCEEDED)),
                a, (t, kind, at) -> Optional.empty()))).hasSize(1);
        assertThat(yes(s -> s.cluster().reassign(manual, b, now))).isTrue();
        assertThat(yes(s -> s.cluster().markLost(claimed.get(1), now, "node lost"))).isTrue();

        assertThat(unfinishedByNode()).containsEntry(a, 1L)
                .containsEntry(b, 1L);
        fixture.inTransaction(s -> s.cluster().heartbeat(node(a, now)));
        fixture.inTransaction(s -> {
            s.cluster().markStopped(a, now.plusSeconds(1));
            return null;
        });
        assertThat(rows(s -> s.cluster().orphaned())).extracting(ExecutionRow::id).contains(claimed.get(2))
                .doesNotContain(claimed.get(0), claimed.get(1), manual);
        long lastTask = fixture.inTransaction(s -> s.tasks().execution(claimed.get(2))).orElseThrow().taskId();
        String lastName = fixture.inTransaction(s -> s.tasks().findById(lastTask)).orElseThrow().name();
        assertThat(yes(s -> s.tasks().delete(lastName))).isTrue();
        assertThat(unfinishedByNode()).doesNotContainKey(a);
    }

    @Test
    void record_claim_should_advance_the_locked_task_and_insert_its_execution_when_the_transaction_commits() {
        Instant now = Instant.parse("2033-01-01T00:00:00Z");
        String prefix = unique();

        List<Long> ids = claimThree(prefix, 700, now, "node-a", t -> next(t, prefix, now));

        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        for (long id : ids) {
            ExecutionRow execution = fixture.inTransaction(s -> s.tasks().execution(id)).orElseThrow();
            assertThat(execution.status()).isEqualTo(ExecutionStatus.RUNNING);
            assertThat(execution.startedAt()).contains(now);
            TaskRow task = fixture.inTransaction(s -> s.tasks().findById(execution.taskId())).orElseThrow();
            assertThat(task.nextFireAt()).isEqualTo(next(task, prefix, now));
            assertThat(task.lastFireAt()).contains(now.minusSeconds(1));
            assertThat(task.fireCount()).isEqualTo(1);
        }
    }

    /**
     * Inserts three tasks named {@code prefix0..2}, due a second before {@code now} with {@code priority}, and claims
     * them in one transaction for {@code node}, each advanced to {@code next}; returns the executions' ids.
     */
    private List<Long> claimThree(String prefix, int priority, Instant now, String node,
                                  Function<TaskRow, Optional<Instant>> next) {
        fixture.inTransaction(s -> {
            for (int i = 0; i < 3; i++) {
                s.tasks().insert(task(prefix + i, Optional.of(now.minusSeconds(1)), priority));
            }
            return null;
        });
        return rows(s -> s.tasks().recordClaims(s.tasks().lockDue(now, 3).stream()
                .filter(t -> t.name().startsWith(prefix))
                .map(t -> new ClaimedFireRows(t.withClaim(t.nextFireAt().orElseThrow(), next.apply(t)),
                        ExecutionRow.running(t.id(), t.name(), t.nextFireAt().orElseThrow(), 1,
                                ExecutionKind.SCHEDULED, node, now)))
                .toList()));
    }

    /** The claim test's next fires: a one-off task (none), and two tasks that fire again at different times. */
    private static Optional<Instant> next(TaskRow task, String prefix, Instant now) {
        int index = Integer.parseInt(task.name().substring(prefix.length()));
        return index == 0 ? Optional.empty() : Optional.of(now.plusSeconds(60 * index));
    }

    @Test
    void update_should_return_empty_when_another_writer_committed_after_this_transaction_read_the_task() {
        TaskRow stored = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.empty(), 0)))
                .orElseThrow();
        EntityManager em = fixture.newEntityManager();
        try {
            em.getTransaction().begin();
            var stores = fixture.stores(em);
            TaskRow read = stores.tasks().findByName(stored.name()).orElseThrow();
            assertThat(maybe(s -> s.tasks().update(stored.withSchedule(TaskState.CANCELLED, Optional.empty()))))
                    .as("the other writer").isPresent();

            assertThat(stores.tasks().update(read.withSchedule(TaskState.DONE, Optional.empty()))).isEmpty();
        } finally {
            em.getTransaction().rollback();
            em.close();
        }
        assertThat(maybe(s -> s.tasks().findById(stored.id())).orElseThrow().state()).isEqualTo(TaskState.CANCELLED);
    }

    @Test
    void insert_should_return_empty_when_another_transaction_takes_the_name_at_the_same_time() throws Exception {
        String name = unique();
        EntityManager em = fixture.newEntityManager();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            em.getTransaction().begin();
            assertThat(fixture.stores(em).tasks().insert(task(name, Optional.empty(), 0))).isPresent();
            // The other insert either waits for this one's unique key entry and then breaks the key, or starts after
            // the commit and finds the name: both must come back empty, never as an exception.
            // Either way the second transaction can only be rolled back, as TaskService does on a conflict.
            Future<Optional<TaskRow>> second = other.submit(() -> {
                EntityManager secondEm = fixture.newEntityManager();
                try {
                    secondEm.getTransaction().begin();
                    return fixture.stores(secondEm).tasks().insert(task(name, Optional.empty(), 0));
                } finally {
                    secondEm.getTransaction().rollback();
                    secondEm.close();
                }
            });
            try {
                // Gives the second insert the time to reach the key and wait there, so the race is usually the one run.
                second.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException waitingOnTheKey) {
                // Expected where the database makes the second insert wait for this transaction's end.
            }
            em.getTransaction().commit();

            assertThat(second.get(20, TimeUnit.SECONDS)).isEmpty();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
            other.shutdownNow();
        }
    }

    @Test
    void fire_times_should_round_trip_exactly_up_to_the_horizon() {
        Instant last = Horizon.END.minus(1, ChronoUnit.MICROS);
        String name = unique();
        TaskRow stored = fixture.inTransaction(s -> s.tasks().insert(task(name, Optional.of(last), 950)))
                .orElseThrow();

        List<Long> ids = rows(s -> s.tasks().recordClaims(s.tasks().lockDue(last, 3).stream()
                .filter(t -> t.name().equals(name))
                .map(t -> new ClaimedFireRows(t.withClaim(last, Optional.empty()), ExecutionRow.running(t.id(), t.name(),
                        last, 1, ExecutionKind.SCHEDULED, "node-a", last)))
                .toList()));

        assertThat(ids).hasSize(1);
        ExecutionRow run = maybe(s -> s.tasks().execution(ids.get(0))).orElseThrow();
        assertThat(run.fireTime()).isEqualTo(last);
        assertThat(run.startedAt()).contains(last);
        assertThat(maybe(s -> s.tasks().findById(stored.id())).orElseThrow().lastFireAt()).contains(last);
    }

    @Test
    void waiting_retries_should_be_locked_when_due_claimed_once_and_cancelled_with_their_task() {
        String name = unique();
        TaskRow active = fixture.inTransaction(s -> s.tasks().insert(task(name + "active", Optional.empty(), 0)
                .toBuilder().state(TaskState.ACTIVE).build())).orElseThrow();
        TaskRow paused = fixture.inTransaction(s -> s.tasks().insert(task(name + "paused", Optional.empty(), 0)))
                .orElseThrow();
        long due = fixture.inTransaction(s -> s.tasks().insertExecution(ExecutionRow.waiting(active.id(),
                active.name(), T0, 2, T0, T0.plusSeconds(10), "retry 2 of 3")));
        long later = fixture.inTransaction(s -> s.tasks().insertExecution(ExecutionRow.waiting(active.id(),
                active.name(), T0.plusSeconds(60), 2, T0, T0.plusSeconds(100), "retry 2 of 3")));
        long held = fixture.inTransaction(s -> s.tasks().insertExecution(ExecutionRow.waiting(paused.id(),
                paused.name(), T0, 2, T0, T0.plusSeconds(5), "retry 2 of 3")));
        Set<Long> ours = Set.of(due, later, held);

        assertThat(ids(rows(s -> s.tasks().lockDueRetries(T0.plusSeconds(9), 100)), ours)).isEmpty();
        List<ExecutionRow> locked = rows(s -> s.tasks().lockDueRetries(T0.plusSeconds(10), 100));
        assertThat(ids(locked, ours)).as("due, and not of a paused task").containsExactly(due);
        assertThat(maybe(s -> s.tasks().execution(due)).orElseThrow().dueAt()).contains(T0.plusSeconds(10));

        fixture.inTransaction(s -> {
            s.tasks().claimRetries(locked.stream().filter(row -> row.id() == due).toList(), Set.of(due), "node-a",
                    T0.plusSeconds(11));
            return null;
        });
        ExecutionRow claimed = maybe(s -> s.tasks().execution(due)).orElseThrow();
        assertThat(claimed.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(claimed.node()).contains("node-a");
        assertThat(claimed.startedAt()).contains(T0.plusSeconds(11));
        assertThat(ids(rows(s -> s.tasks().lockDueRetries(T0.plusSeconds(3600), 100)), ours))
                .as("claimed once; the paused task's retry still waits").containsExactly(later);

        int cancelled = fixture.inTransaction(s -> s.tasks().cancelUnstarted(active.id(), "task cancelled by ops",
                T0.plusSeconds(12)));
        assertThat(cancelled).isEqualTo(1);
        ExecutionRow waiting = maybe(s -> s.tasks().execution(later)).orElseThrow();
        assertThat(waiting.status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(waiting.reason()).as("why, as for a cancelled execution").contains("task cancelled by ops");
        assertThat(waiting.error()).contains("Cancelled before it ran (task cancelled by ops)");
        assertThat(maybe(s -> s.tasks().execution(due)).orElseThrow().status()).as("running: not cancelled")
                .isEqualTo(ExecutionStatus.RUNNING);
        assertThat(maybe(s -> s.tasks().earliestNextFire())).as("readable with waiting retries").isNotNull();
    }

    private static List<Long> ids(List<ExecutionRow> rows, Set<Long> among) {
        return rows.stream().map(ExecutionRow::id).filter(among::contains).toList();
    }

    @Test
    void put_in_error_should_unschedule_a_scheduled_task_with_its_reason() {
        TaskRow stored = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();

        assertThat(yes(s -> s.tasks().putInError(stored.id(), "its trigger cannot be read"))).isTrue();

        TaskRow read = maybe(s -> s.tasks().findById(stored.id())).orElseThrow();
        assertThat(read.state()).isEqualTo(TaskState.ERROR);
        assertThat(read.stateReason()).contains("its trigger cannot be read");
        assertThat(read.nextFireAt()).isEmpty();
        assertThat(read.version()).isGreaterThan(stored.version());
        assertThat(yes(s -> s.tasks().putInError(stored.id(), "again"))).as("no longer scheduled").isFalse();
        // Paused, not scheduled: a task left due would crowd other tests' claims.
        TaskRow paused = maybe(s -> s.tasks().update(read.withSchedule(TaskState.PAUSED, Optional.empty())))
                .orElseThrow();
        assertThat(paused.stateReason()).isEmpty();
    }

    @Test
    void record_claim_should_refuse_a_task_that_is_gone() {
        TaskRow stored = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();
        assertThat(yes(s -> s.tasks().delete(stored.name()))).isTrue();

        assertThatThrownBy(() -> fixture.inTransaction(s -> s.tasks().recordClaims(List.of(new ClaimedFireRows(
                stored.withClaim(T0, Optional.empty()), queued(stored, T0, 1, "node-a"))))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(stored.name());
    }

    @Test
    void record_claim_should_refuse_a_claim_of_another_fire_than_the_tasks_next() {
        TaskRow stored = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();

        assertThatThrownBy(() -> fixture.inTransaction(s -> s.tasks().recordClaims(List.of(new ClaimedFireRows(
                stored.withClaim(T0, Optional.empty()), queued(stored, T0.plusSeconds(5), 1, "node-a"))))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(stored.name());
    }

    @Test
    void unmark_running_should_put_the_nodes_unstarted_executions_back_to_queued() {
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();
        long mine = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0, 1, "node-a")));
        long theirs = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0.plusSeconds(1), 1,
                "node-b")));
        assertThat(yes(s -> marked(s, mine, "node-a", T0))).isTrue();
        assertThat(yes(s -> marked(s, theirs, "node-b", T0))).isTrue();

        fixture.inTransaction(s -> {
            s.tasks().unmarkRunning(List.of(mine, theirs), "node-a");
            return null;
        });

        ExecutionRow back = fixture.inTransaction(s -> s.tasks().execution(mine)).orElseThrow();
        assertThat(back.status()).isEqualTo(ExecutionStatus.QUEUED);
        assertThat(back.startedAt()).isEmpty();
        assertThat(status(theirs)).isEqualTo(ExecutionStatus.RUNNING);
    }

    @Test
    void executions_should_be_listed_newest_first_and_filtered_by_task_status_node_and_fire_time() {
        String prefix = unique();
        // Unscheduled tasks: due ones would stand in the way of other tests' claims.
        TaskRow first = fixture.inTransaction(s -> s.tasks().insert(task(prefix + "a", Optional.empty(), 0)))
                .orElseThrow();
        TaskRow second = fixture.inTransaction(s -> s.tasks().insert(task(prefix + "b", Optional.empty(), 0)))
                .orElseThrow();
        long old = fixture.inTransaction(s -> s.tasks().insertExecution(queued(first, T0, 1, "node-a")));
        long failed = fixture.inTransaction(s -> s.tasks().insertExecution(queued(first, T0.plusSeconds(1), 1,
                "node-a")));
        long other = fixture.inTransaction(s -> s.tasks().insertExecution(queued(second, T0.plusSeconds(2), 1,
                "node-b")));
        assertThat(yes(s -> marked(s, failed, "node-a", T0.plusSeconds(1)))).isTrue();
        assertThat(yes(s -> finished(s, outcome(failed, first, ExecutionStatus.FAILED), "node-a"))).isTrue();
        ExecutionQuery all = ExecutionQuery.all(10);

        assertThat(ids(all.withPrefix(prefix))).containsExactly(other, failed, old);
        assertThat(ids(all.ofTask(prefix + "a"))).containsExactly(failed, old);
        assertThat(ids(all.withPrefix(prefix).withStatus(Optional.of(ExecutionStatus.FAILED))))
                .containsExactly(failed);
        assertThat(ids(new ExecutionQuery(Optional.empty(), Optional.of(prefix), Optional.empty(),
                Optional.of("node-b"), Optional.of(T0.plusSeconds(1)), Optional.of(T0.plusSeconds(3)), 0, 10)))
                .containsExactly(other);
        Page<ExecutionRow> page = fixture.inTransaction(s -> s.tasks().executions(all.withPrefix(prefix).page(1, 1)));
        assertThat(page.items()).extracting(ExecutionRow::id).containsExactly(failed);
        assertThat(page.total()).isEqualTo(3);
        assertThat(ids(all.ofTask(prefix + "nobody"))).isEmpty();
    }

    @Test
    void list_should_sort_by_the_chosen_field_with_unscheduled_tasks_last_either_way() {
        String prefix = unique();
        fixture.inTransaction(s -> {
            s.tasks().insert(task(prefix + "a", Optional.of(T0.plusSeconds(20)), 1));
            s.tasks().insert(task(prefix + "b", Optional.empty(), 3));
            s.tasks().insert(task(prefix + "c", Optional.of(T0.plusSeconds(10)), 2));
            return null;
        });

        try {
            assertThat(sorted(prefix, TaskSort.Field.NEXT_FIRE, TaskSort.Direction.ASCENDING))
                    .containsExactly("c", "a", "b");
            assertThat(sorted(prefix, TaskSort.Field.NEXT_FIRE, TaskSort.Direction.DESCENDING))
                    .containsExactly("a", "c", "b");
            assertThat(sorted(prefix, TaskSort.Field.PRIORITY, TaskSort.Direction.DESCENDING))
                    .containsExactly("b", "c", "a");
            assertThat(sorted(prefix, TaskSort.Field.NAME, TaskSort.Direction.DESCENDING))
                    .containsExactly("c", "b", "a");
        } finally {
            // Due tasks left behind would stand in the way of other tests' claims.
            fixture.inTransaction(s -> List.of("a", "b", "c").stream().filter(n -> s.tasks().delete(prefix + n))
                    .count());
        }
    }

    @Test
    void list_should_filter_and_sort_by_last_status_with_tasks_that_never_ran_last() {
        String prefix = unique() + "x_!%";
        Map<String, TaskRow> tasks = new HashMap<>();
        for (String name : List.of("a", "b", "c", "d")) {
            tasks.put(name, fixture.inTransaction(s -> s.tasks().insert(task(prefix + name, Optional.empty(), 0)))
                    .orElseThrow());
        }
        fixture.inTransaction(s -> s.tasks().insert(task(prefix.replace("_", "y") + "e", Optional.empty(), 0)));
        ended(tasks.get("a"), T0, ExecutionStatus.FAILED);
        ended(tasks.get("b"), T0, ExecutionStatus.FAILED);
        ended(tasks.get("b"), T0.plusSeconds(1), ExecutionStatus.SUCCEEDED);
        ended(tasks.get("d"), T0, ExecutionStatus.FAILED);
        fixture.inTransaction(s -> s.tasks().insertExecution(queued(tasks.get("d"), T0.plusSeconds(2), 1, "node-a")));

        assertThat(sorted(prefix, TaskSort.Field.LAST_STATUS, TaskSort.Direction.ASCENDING))
                .containsExactly("a", "d", "b", "c");
        assertThat(sorted(prefix, TaskSort.Field.LAST_STATUS, TaskSort.Direction.DESCENDING))
                .containsExactly("b", "a", "d", "c");
        TaskQuery failed = new TaskQuery(Optional.empty(), Optional.empty(), Optional.of(prefix), 0, 1,
                new TaskSort(TaskSort.Field.NAME, TaskSort.Direction.DESCENDING))
                .withLastStatus(Optional.of(ExecutionStatus.FAILED));
        Page<TaskRow> page = fixture.inTransaction(s -> s.tasks().list(failed));
        assertThat(page.items()).extracting(TaskRow::name).containsExactly(prefix + "d");
        assertThat(page.total()).as("a and d, counted with the filter").isEqualTo(2);
        Page<TaskRow> succeeded = fixture.inTransaction(s -> s.tasks().list(new TaskQuery(Optional.empty(),
                Optional.empty(), Optional.of(prefix), Optional.of(ExecutionStatus.SUCCEEDED), 0, 10,
                TaskSort.BY_NAME)));
        assertThat(succeeded.items()).extracting(TaskRow::name).containsExactly(prefix + "b");
    }

    /** Records an execution of {@code task} fired at {@code fire} that ended {@code status}. */
    private void ended(TaskRow task, Instant fire, ExecutionStatus status) {
        long id = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, fire, 1, "node-a")));
        assertThat(yes(s -> marked(s, id, "node-a", fire.plusMillis(5)))).isTrue();
        assertThat(yes(s -> finished(s, outcome(id, task, status), "node-a"))).isTrue();
    }

    @Test
    void counts_should_group_tasks_by_state_and_executions_by_status_and_rank_lateness() {
        String prefix = unique();
        // A window of fire times no other test uses: the database is shared by every test and run.
        Instant window = Instant.parse("2150-01-01T00:00:00Z").plusSeconds(System.currentTimeMillis() / 1000);
        Map<TaskState, Long> before = fixture.inTransaction(s -> s.tasks().countByState());
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(task(prefix + "a", Optional.empty(), 0)))
                .orElseThrow();
        List<Long> ids = new ArrayList<>();
        for (int late : List.of(50, 10, 30)) {
            Instant fire = window.plusSeconds(ids.size() + 1);
            long id = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, fire, 1, "node-a")));
            assertThat(yes(s -> marked(s, id, "node-a", fire.plusMillis(late)))).isTrue();
            ids.add(id);
        }

        Map<TaskState, Long> after = fixture.inTransaction(s -> s.tasks().countByState());
        assertThat(after.get(TaskState.PAUSED)).isEqualTo(before.getOrDefault(TaskState.PAUSED, 0L) + 1);
        Map<ExecutionStatus, Long> statuses = fixture.inTransaction(s -> s.tasks().countByStatus(window));
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(ExecutionStatus.RUNNING, 3L));
        List<Duration> lateness = fixture.inTransaction(s -> s.tasks().latenessQuantiles(window, List.of(0.5, 0.99)));
        assertThat(lateness).containsExactly(Duration.ofMillis(30), Duration.ofMillis(50));
        List<Duration> none = fixture.inTransaction(s -> s.tasks().latenessQuantiles(window.plusSeconds(60),
                List.of(0.5)));
        assertThat(none).isEmpty();
    }

    private List<String> sorted(String prefix, TaskSort.Field field, TaskSort.Direction direction) {
        Page<TaskRow> page = fixture.inTransaction(s -> s.tasks().list(new TaskQuery(Optional.empty(), Optional.empty(),
                Optional.of(prefix), 0, 10, new TaskSort(field, direction))));
        return page.items().stream().map(t -> t.name().substring(prefix.length())).toList();
    }

    private List<Long> ids(ExecutionQuery query) {
        return fixture.inTransaction(s -> s.tasks().executions(query)).items().stream().map(ExecutionRow::id)
                .toList();
    }

    private Optional<ExecutionStatus> lastStatus(long taskId) {
        return Optional.ofNullable(fixture.inTransaction(s -> s.tasks().lastStatuses(List.of(taskId))).get(taskId));
    }

    private ExecutionStatus status(long executionId) {
        return fixture.inTransaction(s -> s.tasks().execution(executionId)).orElseThrow().status();
    }

    /** An outcome of a run whose end does not move its task's schedule. */
    private static ExecutionOutcome outcome(long executionId, TaskRow task, ExecutionStatus status) {
        return new ExecutionOutcome(executionId, task.id(), ExecutionKind.SCHEDULED, false, status, T0.plusMillis(5),
                T0.plusMillis(9), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** An outcome of a run whose end may move its task's schedule (a fixed-delay task's). */
    private static ExecutionOutcome moving(long executionId, TaskRow task, ExecutionStatus status) {
        return new ExecutionOutcome(executionId, task.id(), ExecutionKind.SCHEDULED, true, status, T0.plusMillis(5),
                T0.plusMillis(9), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static ExecutionOutcome ended(long executionId, TaskRow task, ExecutionStatus status, long startMs,
                                          long endMs, Optional<String> result, Optional<String> error) {
        return new ExecutionOutcome(executionId, task.id(), ExecutionKind.SCHEDULED, false, status,
                T0.plusMillis(startMs),
                T0.plusMillis(endMs), result, error, error.map(message -> "at " + message), Optional.empty());
    }

    /** Whether another transaction holds the task row: a lock that must not wait fails. */
    private boolean taskRowLocked(long taskId) {
        try {
            fixture.inTransaction(s -> s.em().createNativeQuery("SELECT id FROM cw_task WHERE id = ? FOR UPDATE NOWAIT")
                    .setParameter(1, taskId).getResultList());
            return false;
        } catch (PersistenceException locked) {
            return true;
        }
    }

    @Test
    void mark_running_should_mark_the_nodes_queued_executions_at_once_and_leave_out_the_rest() {
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();
        long a = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0, 1, "node-a")));
        long b = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0.plusSeconds(1), 1, "node-a")));
        long started = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0.plusSeconds(2), 1,
                "node-a")));
        long theirs = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0.plusSeconds(3), 1,
                "node-b")));
        assertThat(yes(s -> marked(s, started, "node-a", T0))).isTrue();

        Set<Long> marked = fixture.inTransaction(s -> s.tasks().markRunning(List.of(a, b, started, theirs),
                "node-a", T0.plusMillis(7)));

        assertThat(marked).containsExactlyInAnyOrder(a, b);
        for (long id : List.of(a, b)) {
            ExecutionRow row = fixture.inTransaction(s -> s.tasks().execution(id)).orElseThrow();
            assertThat(row.status()).isEqualTo(ExecutionStatus.RUNNING);
            assertThat(row.startedAt()).contains(T0.plusMillis(7));
        }
        assertThat(fixture.inTransaction(s -> s.tasks().execution(started)).orElseThrow().startedAt()).contains(T0);
        assertThat(status(theirs)).isEqualTo(ExecutionStatus.QUEUED);
    }

    @Test
    void the_same_attempt_of_the_same_fire_should_be_refused_a_second_row() {
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();
        fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0, 1, "node-a")));

        assertThatThrownBy(() -> fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0, 1, "node-b"))))
                .isInstanceOf(PersistenceException.class);
    }

    @Test
    void database_time_should_be_close_to_this_machines_time() {
        Instant db = fixture.inTransaction(s -> s.cluster().databaseTime());

        assertThat(Duration.between(db, Instant.now()).abs()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void nodes_should_heartbeat_be_declared_dead_and_lose_their_unfinished_executions() {
        String dead = "node-" + unique();
        String live = "node-" + unique();
        Instant start = Instant.parse("2032-01-01T00:00:00Z");
        assertThat(maybe(s -> s.cluster().heartbeat(node(dead, start)))).isEmpty();
        assertThat(maybe(s -> s.cluster().heartbeat(node(live, start.plusSeconds(30)))))
                .isEmpty();
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();
        long queued = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0, 1, dead)));
        long running = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0.plusSeconds(1), 1, dead)));
        fixture.inTransaction(s -> marked(s, running, dead, start));

        List<String> declared = fixture.inTransaction(s -> s.cluster().declareDead(start.plusSeconds(20)));

        assertThat(declared).contains(dead).doesNotContain(live);
        assertThat(rows(s -> s.cluster().orphaned())).extracting(ExecutionRow::id)
                .contains(queued, running);
        assertThat(yes(s -> s.cluster().reassign(queued, live, start)))
                .isTrue();
        assertThat(yes(s -> s.cluster().markLost(running, start, "node lost"))).isTrue();
        assertThat(rows(s -> s.cluster().orphaned())).extracting(ExecutionRow::id)
                .doesNotContain(queued, running);
        assertThat(fixture.inTransaction(s -> s.tasks().execution(running)).orElseThrow().status())
                .isEqualTo(ExecutionStatus.NODE_LOST);
        assertThat(maybe(s -> s.cluster().heartbeat(node(dead, start.plusSeconds(40)))))
                .map(NodeRow::state).contains(NodeState.DEAD);
    }

    @Test
    void nodes_should_keep_the_workload_of_their_latest_heartbeat() {
        String reporting = "node-" + unique();
        String older = "node-" + unique();
        Instant start = Instant.parse("2032-01-15T00:00:00Z");
        NodeWorkload first = new NodeWorkload(Duration.ofNanos(-812_345_000), 0, 8);
        NodeWorkload second = new NodeWorkload(Duration.ofMillis(3), 5, 8);
        fixture.inTransaction(s -> s.cluster().heartbeat(withWorkload(node(reporting, start), first)));
        fixture.inTransaction(s -> s.cluster().heartbeat(node(older, start)));
        fixture.inTransaction(s -> s.cluster().heartbeat(withWorkload(node(reporting, start.plusSeconds(1)), second)));

        assertThat(rows(s -> s.cluster().nodes())).filteredOn(n -> n.id().equals(reporting)).singleElement()
                .satisfies(n -> assertThat(n.workload()).contains(second));
        assertThat(rows(s -> s.cluster().nodes())).filteredOn(n -> n.id().equals(older)).singleElement()
                .satisfies(n -> assertThat(n.workload()).isEmpty());
    }

    @Test
    void orphans_should_be_the_unfinished_executions_of_stopped_and_dead_nodes_earliest_fire_first() {
        String stopped = "node-" + unique();
        String live = "node-" + unique();
        Instant start = Instant.parse("2032-02-01T00:00:00Z");
        fixture.inTransaction(s -> s.cluster().heartbeat(node(stopped, start)));
        fixture.inTransaction(s -> s.cluster().heartbeat(node(live, start)));
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();
        long later = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0.plusSeconds(2), 1, stopped)));
        long earlier = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0, 1, stopped)));
        long finished = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0.plusSeconds(1), 1,
                stopped)));
        fixture.inTransaction(s -> marked(s, finished, stopped, start));
        fixture.inTransaction(s -> s.cluster().markLost(finished, start, "ended"));
        long ofLive = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0.plusSeconds(3), 1, live)));

        fixture.inTransaction(s -> {
            s.cluster().markStopped(stopped, start.plusSeconds(1));
            return null;
        });

        List<Long> orphans = rows(s -> s.cluster().orphaned()).stream().map(ExecutionRow::id)
                .filter(id -> List.of(later, earlier, finished, ofLive).contains(id)).toList();
        assertThat(orphans).containsExactly(earlier, later);
    }

    @Test
    void nodes_gone_before_the_cutoff_and_owning_no_unfinished_execution_should_be_forgotten() {
        Instant start = Instant.parse("2031-06-01T00:00:00Z");
        Instant cutoff = start.plus(Duration.ofDays(7));
        String stopped = "node-" + unique();
        String dead = "node-" + unique();
        String owning = "node-" + unique();
        String recent = "node-" + unique();
        String live = "node-" + unique();
        for (String id : List.of(stopped, dead, owning, live)) {
            fixture.inTransaction(s -> s.cluster().heartbeat(node(id, start)));
        }
        fixture.inTransaction(s -> s.cluster().heartbeat(node(recent, cutoff)));
        TaskRow task = fixture.inTransaction(s -> s.tasks().insert(task(unique(), Optional.of(T0), 0))).orElseThrow();
        long finished = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0, 1, dead)));
        fixture.inTransaction(s -> marked(s, finished, dead, start));
        fixture.inTransaction(s -> s.cluster().markLost(finished, start, "ended"));
        long unfinished = fixture.inTransaction(s -> s.tasks().insertExecution(queued(task, T0.plusSeconds(1), 1,
                owning)));
        fixture.inTransaction(s -> {
            s.cluster().markStopped(stopped, start);
            s.cluster().markStopped(recent, cutoff);
            return null;
        });
        fixture.inTransaction(s -> s.cluster().declareDead(start.plusSeconds(1)));
        fixture.inTransaction(s -> s.cluster().heartbeat(node(live, cutoff)));

        int forgotten = fixture.inTransaction(s -> s.cluster().forgetNodes(cutoff));

        assertThat(forgotten).isGreaterThanOrEqualTo(2);
        assertThat(rows(s -> s.cluster().nodes())).extracting(NodeRow::id)
                .contains(owning, recent, live).doesNotContain(stopped, dead);
        assertThat(fixture.inTransaction(s -> s.tasks().execution(finished)).orElseThrow().node()).contains(dead);
        assertThat(rows(s -> s.cluster().orphaned())).extracting(ExecutionRow::id).contains(unfinished);
    }

    @Test
    void the_first_user_should_be_created_once_with_an_id_the_persistence_unit_never_hands_out() throws Exception {
        fixture.inTransaction(s -> s.em().createNativeQuery("DELETE FROM cw_user").executeUpdate());
        try (Connection first = fixture.connect(); Connection second = fixture.connect()) {
            assertThat(JdbcFirstUserStore.createIfNone(first, user("admin"))).isTrue();
            assertThat(JdbcFirstUserStore.createIfNone(second, user("admin"))).as("a user exists now").isFalse();
        }
        UserRow admin = maybe(s -> s.users().findByUsername("admin")).orElseThrow();
        UserRow next = maybe(s -> s.users().insert(user("operator-" + unique()))).orElseThrow();

        assertThat(admin.roles()).containsExactlyInAnyOrder("clockwork-admin", "clockwork-viewer");
        assertThat(admin.createdAt()).isEqualTo(T0);
        assertThat(next.id()).isNotEqualTo(admin.id());
        long users = fixture.inTransaction(s -> s.users().count());
        assertThat(users).isEqualTo(2);
    }

    @Test
    void the_first_user_should_not_be_created_after_a_node_holding_the_lock_created_one() throws Exception {
        fixture.inTransaction(s -> s.em().createNativeQuery("DELETE FROM cw_user").executeUpdate());
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Connection holder = fixture.connect(); Connection waiter = fixture.connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().executeQuery("SELECT name FROM cw_lock WHERE name = 'first-admin' FOR UPDATE")
                    .close();
            holder.createStatement().executeUpdate("INSERT INTO cw_user (id, username, password_hash, roles,"
                    + " created_at, updated_at, version) VALUES (900000001, 'admin', 'x', 'clockwork-admin', 0, 0, 1)");
            // Whether the other node reaches the lock before this commit or after, it must find the user.
            Future<Boolean> created = other.submit(() -> JdbcFirstUserStore.createIfNone(waiter, user("admin")));
            holder.commit();

            assertThat(created.get(30, TimeUnit.SECONDS)).isFalse();
        } finally {
            other.shutdownNow();
        }
        long users = fixture.inTransaction(s -> s.users().count());
        assertThat(users).isEqualTo(1);
    }

    @Test
    void a_chore_lock_should_have_one_holder_until_it_expires() {
        Instant now = Instant.parse("2033-01-01T00:00:00Z");
        String a = "node-" + unique();
        String b = "node-" + unique();

        assertThat(yes(s -> s.cluster().tryLock("sweep", a, now, now.plusSeconds(10)))).isTrue();
        assertThat(yes(s -> s.cluster().tryLock("sweep", b, now.plusSeconds(5),
                now.plusSeconds(15)))).isFalse();
        assertThat(yes(s -> s.cluster().tryLock("sweep", a, now.plusSeconds(5),
                now.plusSeconds(15)))).isTrue();
        assertThat(yes(s -> s.cluster().tryLock("sweep", b, now.plusSeconds(16),
                now.plusSeconds(26)))).isTrue();
    }

    private Map<String, Long> unfinishedByNode() {
        return fixture.inTransaction(s -> s.cluster().unfinishedByNode());
    }

    private boolean yes(Function<StoreFixture.Stores, Boolean> work) {
        return fixture.inTransaction(work);
    }

    /** Whether one execution was marked running by {@link TaskStore#markRunning}. */
    private static boolean marked(StoreFixture.Stores s, long id, String node, Instant at) {
        return s.tasks().markRunning(List.of(id), node, at).contains(id);
    }

    /** Whether one outcome was recorded by {@link TaskStore#finishAll}. */
    private static boolean finished(StoreFixture.Stores s, ExecutionOutcome outcome, String node) {
        return !s.tasks().finishAll(List.of(outcome), node, (task, kind, at) -> Optional.empty()).isEmpty();
    }

    private <T> Optional<T> maybe(Function<StoreFixture.Stores, Optional<T>> work) {
        return fixture.inTransaction(work);
    }

    private <T> List<T> rows(Function<StoreFixture.Stores, List<T>> work) {
        return fixture.inTransaction(work);
    }

    private static NodeRow withWorkload(NodeRow node, NodeWorkload workload) {
        return new NodeRow(node.id(), node.host(), node.pid(), node.version(), node.state(), node.startedAt(),
                node.heartbeatAt(), node.stoppedAt(), Optional.of(workload));
    }

    private static NodeRow node(String id, Instant at) {
        return new NodeRow(id, "host", 42, "test", NodeState.LIVE, at, at, Optional.empty(), Optional.empty());
    }

    private static ExecutionRow ended(TaskRow task, Instant fire) {
        return new ExecutionRow(0, task.id(), task.name(), fire, 1, ExecutionKind.SCHEDULED, Optional.of("node-a"),
                ExecutionStatus.SUCCEEDED, fire, Optional.of(fire), Optional.of(fire.plusSeconds(1)), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static ExecutionRow queued(TaskRow task, Instant fire, int attempt, String node) {
        return ExecutionRow.queued(task.id(), task.name(), fire, attempt, ExecutionKind.SCHEDULED, node, fire);
    }

    private static TaskRow task(String name, Optional<Instant> next, int priority) {
        return TaskRow.builder(name).trigger("every 1m").zone("Europe/Paris").action("noop")
                .args(Optional.of("{\"a\":1}")).priority(priority)
                .state(next.isPresent() ? TaskState.ACTIVE : TaskState.PAUSED).anchorAt(T0).nextFireAt(next)
                .created(T0, "test").build();
    }

    private static List<String> names(List<TaskRow> rows, String prefix) {
        return rows.stream().map(TaskRow::name).filter(n -> n.startsWith(prefix)).toList();
    }

    private static String unique() {
        return "c" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    private static UserRow user(String username) {
        return new UserRow(0, username, "hash-of-" + username, Set.of("clockwork-admin", "clockwork-viewer"), T0, T0);
    }
}
