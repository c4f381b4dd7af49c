package dev.clockwork.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.api.AuditEntry;
import dev.clockwork.api.AuditQuery;
import dev.clockwork.api.Recurring;
import dev.clockwork.api.TaskState;
import dev.clockwork.engine.rules.DeclaredTask;
import dev.clockwork.engine.rules.ReconcileDeclarations;
import dev.clockwork.engine.rules.TaskChanges;
import dev.clockwork.store.Declaration;
import dev.clockwork.store.TaskRow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation of tasks declared in code ({@link ReconcileDeclarations}) on the real store, on H2, MariaDB and
 * PostgreSQL: nodes deploying at once, changed, unchanged and removed declarations.
 */
abstract class DeclarationContractTest extends ContractTestBase {

    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Declarations as the code would carry them; each test uses names of its own. */
    @SuppressWarnings("unused")
    static final class Code {
        @Recurring(name = "race.a", trigger = "every 1h")
        void raceA() {
        }

        @Recurring(name = "race.b", trigger = "cron 0 9 * * MON-FRI", zone = "Europe/Paris", args = "{\"days\":30}",
                priority = 5, timeout = "30s", retryAttempts = 3)
        void raceB() {
        }

        @Recurring(name = "race.c", trigger = "every 15m", description = "third")
        void raceC() {
        }

        @Recurring(name = "change.me", trigger = "every 1h")
        void changeV1() {
        }

        @Recurring(name = "change.me", trigger = "every 2h", priority = 7)
        void changeV2() {
        }

        @Recurring(name = "remove.me", trigger = "every 1h")
        void removeMe() {
        }

        @Recurring(name = "bad.trigger", trigger = "cron 0 0 25 * * *")
        void badTrigger() {
        }
    }

    @Test
    void three_nodes_deploying_at_once_should_create_exactly_one_task_per_declaration() throws Exception {
        List<DeclaredTask> declared = List.of(declared("raceA"), declared("raceB"), declared("raceC"));
        CyclicBarrier together = new CyclicBarrier(3);
        ExecutorService nodes = Executors.newFixedThreadPool(3);
        List<Future<ReconcileDeclarations.Result>> results = new ArrayList<>();
        try {
            for (int node = 1; node <= 3; node++) {
                String name = "node-" + node;
                results.add(nodes.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return reconcile(name, declared);
                }));
            }
            List<String> created = new ArrayList<>();
            int unchanged = 0;
            for (Future<ReconcileDeclarations.Result> result : results) {
                created.addAll(result.get(60, TimeUnit.SECONDS).created());
                unchanged += result.get().unchanged().size();
            }

            assertThat(created).containsExactlyInAnyOrder("race.a", "race.b", "race.c");
            assertThat(unchanged).isEqualTo(6);
        } finally {
            nodes.shutdownNow();
        }
        for (String name : List.of("race.a", "race.b", "race.c")) {
            assertThat(audit(name)).extracting(AuditEntry::action).containsExactly("task.create");
        }
        TaskRow b = task("race.b");
        assertThat(b.trigger()).isEqualTo("cron 0 9 * * MON-FRI");
        assertThat(b.zone()).isEqualTo("Europe/Paris");
        assertThat(b.args()).contains("{\"days\":30}");
        assertThat(b.priority()).isEqualTo(5);
        assertThat(b.retry().attempts()).isEqualTo(3);
        assertThat(b.timeout()).hasValueSatisfying(t -> assertThat(t).hasSeconds(30));
        assertThat(b.nextFireAt()).isPresent();
        assertThat(declaration(b)).hasValueSatisfying(d -> assertThat(d.declared()).isTrue());
    }

    @Test
    void a_changed_declaration_should_replace_the_definition_and_an_unchanged_one_should_keep_an_operators_edit() {
        reconcile("node-1", List.of(declared("changeV1")));
        TaskRow created = task("change.me");
        TaskRow edited = fixture.inTransaction(s -> s.tasks().update(created.toBuilder().priority(3).build()))
                .orElseThrow();

        ReconcileDeclarations.Result again = reconcile("node-2", List.of(declared("changeV1")));
        assertThat(again.unchanged()).contains("change.me");
        assertThat(task("change.me").version()).isEqualTo(edited.version());
        assertThat(task("change.me").priority()).isEqualTo(3);

        ReconcileDeclarations.Result changed = reconcile("node-3", List.of(declared("changeV2")));
        TaskRow after = task("change.me");

        assertThat(changed.changed()).containsExactly("change.me");
        assertThat(after.trigger()).isEqualTo("every 2h");
        assertThat(after.priority()).isEqualTo(7);
        assertThat(after.state()).isEqualTo(TaskState.ACTIVE);
        assertThat(audit("change.me")).extracting(AuditEntry::action).containsExactly("task.declare", "task.create");
        assertThat(audit("change.me").get(0).summary()).contains("trigger every 1h → every 2h", "priority 3 → 7");
    }

    @Test
    void a_removed_declaration_should_pause_its_task_and_mark_it_no_longer_declared_and_a_bad_one_be_skipped() {
        reconcile("node-1", List.of(declared("removeMe")));

        ReconcileDeclarations.Result removed = reconcile("node-2", List.of(declared("badTrigger")));
        TaskRow task = task("remove.me");

        assertThat(removed.undeclared()).contains("remove.me");
        assertThat(removed.skipped()).containsKey("bad.trigger");
        assertThat(removed.skipped().get("bad.trigger")).contains("hour", "25");
        assertThat(task.state()).isEqualTo(TaskState.PAUSED);
        assertThat(task.nextFireAt()).isEmpty();
        assertThat(declaration(task)).hasValueSatisfying(d -> assertThat(d.declared()).isFalse());
        assertThat(maybeTask("bad.trigger")).isEmpty();

        ReconcileDeclarations.Result back = reconcile("node-3", List.of(declared("removeMe")));
        assertThat(back.unchanged()).contains("remove.me");
        assertThat(declaration(task("remove.me"))).hasValueSatisfying(d -> assertThat(d.declared()).isTrue());
        assertThat(task("remove.me").state()).as("the operator resumes it").isEqualTo(TaskState.PAUSED);
    }

    private ReconcileDeclarations.Result reconcile(String node, List<DeclaredTask> declared) {
        return fixture.inTransaction(s -> new ReconcileDeclarations(s.tasks(), CLOCK, ZoneOffset.UTC, node,
                new ReconcileDeclarations.Changes() {
                    @Override
                    public void created(TaskRow task) {
                        s.audit().append(entry(node, "task.create", task.name(), TaskChanges.created(task)));
                    }

                    @Override
                    public void changed(String command, TaskRow before, TaskRow after) {
                        s.audit().append(entry(node, "task." + command, after.name(),
                                TaskChanges.between(before, after)));
                    }
                }).reconcile(declared));
    }

    private static AuditEntry entry(String actor, String action, String target, String summary) {
        return new AuditEntry(0, NOW, actor, Optional.empty(), action, Optional.of(target), summary);
    }

    private List<AuditEntry> audit(String target) {
        return fixture.inTransaction(s -> s.audit().find(new AuditQuery(Optional.empty(), Optional.of(target),
                Optional.empty(), Optional.empty(), Optional.empty(), 0, 100))).items();
    }

    private TaskRow task(String name) {
        return maybeTask(name).orElseThrow();
    }

    private Optional<TaskRow> maybeTask(String name) {
        return fixture.inTransaction(s -> s.tasks().findByName(name));
    }

    private Optional<Declaration> declaration(TaskRow task) {
        return Optional.ofNullable(fixture.inTransaction(s -> s.tasks().declarations(List.of(task.id())))
                .get(task.id()));
    }

    private static DeclaredTask declared(String method) {
        try {
            return DeclaredTask.of(Code.class.getDeclaredMethod(method).getAnnotation(Recurring.class), "noop",
                    "Code#" + method);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
