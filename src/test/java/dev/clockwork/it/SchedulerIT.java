package dev.clockwork.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockwork.api.AuditEntry;
import dev.clockwork.api.AuditQuery;
import dev.clockwork.api.ExecutionInfo;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.FirePolicy;
import dev.clockwork.api.Misfire;
import dev.clockwork.api.Overlap;
import dev.clockwork.api.Scheduler;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.api.TaskInfo;
import dev.clockwork.api.TaskSpec;
import dev.clockwork.api.TaskState;
import dev.clockwork.engine.AuditTrail;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine end to end, driven through the injected {@link Scheduler}: in a real Payara Micro on H2, in WildFly on
 * H2 (failsafe execution {@code wildfly}), and in the Payara Server domain on PostgreSQL that {@link PayaraServerIT}
 * installed (execution {@code payara-server}, after it).
 */
@ExtendWith(ArquillianExtension.class)
class SchedulerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    Scheduler scheduler;
    @Inject
    AuditTrail audit;

    @Deployment
    static WebArchive deployment() {
        return TestDeployments.withOpenTestRunner(TestDeployments.builtWar())
                .addClasses(SchedulerIT.class, EchoAction.class, CountingAction.class, Poll.class,
                        DeclaredActions.class, DeclaredActions.Greeting.class,
                        TestDeployments.class);
    }

    /**
     * The ports the README lists: the HTTP port, and nothing else beyond loopback (Payara Micro's data grid listens
     * on 127.0.0.1 only, server-config/payara/hardening.asadmin). The one port open beyond loopback must answer HTTP.
     * The sockets are this JVM's, read from Linux's /proc: the socket inodes in /proc/self/fd, matched against the
     * listening rows of /proc/self/net/tcp and tcp6.
     */
    @Test
    @DisabledIfSystemProperty(named = "arquillian.launch", matches = "payara-server", disabledReason = "a Payara"
            + " Server domain's own listeners (admin, JMX, IIOP) are its admin's to configure; this checks what Payara"
            + " Micro and WildFly open")
    void server_should_listen_beyond_loopback_on_its_http_port_alone() throws Exception {
        List<String> listening = listeningSockets();
        List<String> open = listening.stream().filter(socket -> !isLoopback(socket.split(":")[0])).toList();

        assertTrue(open.size() <= 1, () -> "listening beyond loopback: " + open + "; all: " + listening);
        for (String socket : open) {
            int port = Integer.parseInt(socket.split(":")[1], 16);
            java.net.HttpURLConnection http = (java.net.HttpURLConnection) new java.net.URL("http://127.0.0.1:"
                    + port + "/clockwork/api/health/live").openConnection();
            assertEquals(200, http.getResponseCode(), () -> socket + " is not the HTTP port; all: " + listening);
        }
    }

    /** This JVM's listening TCP sockets as /proc writes them: hex address, ':', hex port. */
    private static List<String> listeningSockets() throws java.io.IOException {
        java.util.Set<String> inodes = new java.util.HashSet<>();
        try (java.util.stream.Stream<java.nio.file.Path> fds = java.nio.file.Files.list(
                java.nio.file.Path.of("/proc/self/fd"))) {
            for (java.nio.file.Path fd : fds.toList()) {
                try {
                    String target = java.nio.file.Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (java.io.IOException closed) {
                    // Closed while listing: not a listener.
                }
            }
        }
        List<String> listening = new java.util.ArrayList<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            java.nio.file.Path path = java.nio.file.Path.of(table);
            if (java.nio.file.Files.exists(path)) {
                for (String line : java.nio.file.Files.readAllLines(path)) {
                    String[] columns = line.trim().split("\\s+");
                    // Column 3 is the state (0A: listening), column 9 the socket's inode.
                    if (columns.length > 9 && columns[3].equals("0A") && inodes.contains(columns[9])) {
                        listening.add(columns[1]);
                    }
                }
            }
        }
        return listening;
    }

    /** 127.x.x.x (little-endian hex: its last byte is 7F), ::1, or 127.x.x.x mapped into IPv6. */
    private static boolean isLoopback(String hex) {
        return hex.length() == 8 ? hex.endsWith("7F") : hex.equals("00000000000000000000000001000000")
                || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F"));
    }

    @Test
    void cancel_execution_should_interrupt_a_running_run_and_end_it_cancelled() {
        String name = unique("cancel");
        TaskInfo task = scheduler.schedule(TaskSpec.builder(name).trigger("in 1s").action("sleep")
                .argsJson("{\"ms\":120000}").misfire(Misfire.SKIP).grace(Duration.ofMinutes(1)).build());
        assertEquals(new FirePolicy(Misfire.SKIP, Optional.of(Duration.ofMinutes(1)), Overlap.FORBID), task.fires());
        ExecutionInfo running = Poll.until(TIMEOUT, () -> scheduler.executions(name, 0, 1).items(),
                runs -> !runs.isEmpty() && runs.get(0).status() == ExecutionStatus.RUNNING, "the run to start")
                .get(0);

        ExecutionInfo asked = scheduler.cancelExecution(running.id());
        ExecutionInfo ended = Poll.until(TIMEOUT, () -> scheduler.execution(running.id()).orElseThrow(),
                run -> run.status().isFinal(), "the run to end");
        SchedulerException again = assertThrows(SchedulerException.class,
                () -> scheduler.cancelExecution(running.id()));
        scheduler.delete(name);

        assertEquals(ExecutionStatus.RUNNING, asked.status(), () -> "interrupted by its node: " + asked);
        assertEquals(ExecutionStatus.CANCELLED, ended.status(), () -> "execution: " + ended);
        assertEquals(SchedulerException.Reason.CONFLICT, again.reason());
    }

    @Test
    void in_task_should_succeed_with_its_result_and_end_done() {
        String name = unique("in");
        scheduler.schedule(TaskSpec.builder(name).trigger("in 1s").action("it.echo")
                .argsJson("{\"message\":\"hello\"}").build());

        ExecutionInfo run = finishedExecutions(name, 1).get(0);

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> "execution: " + run);
        assertEquals("echo hello", run.result().orElseThrow());
        assertEquals(List.of("echoing for " + name + "@" + run.fireTime()), run.report());
        assertEquals(TaskState.DONE, Poll.until(TIMEOUT, () -> task(name).state(), s -> s == TaskState.DONE,
                name + " to be done"));
    }

    @Test
    void declared_task_should_exist_after_deployment_and_a_method_action_run_with_mapped_arguments() {
        TaskInfo declared = scheduler.find(DeclaredActions.DECLARED).orElseThrow();
        assertEquals("every 1h", declared.trigger());
        assertEquals("it.declared", declared.action());
        assertTrue(declared.warnings().stream().anyMatch(w -> w.startsWith("Declared in code")),
                () -> "warnings: " + declared.warnings());
        assertTrue(scheduler.actions().stream().anyMatch(a -> a.name().equals("it.greet")
                && a.description().orElse("").equals("Greets the name in its arguments")), () -> "actions: "
                + scheduler.actions());

        String name = unique("greet");
        scheduler.schedule(name, "in 1s", "it.greet", "{\"name\":\"Ada\"}");
        ExecutionInfo run = finishedExecutions(name, 1).get(0);

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> "execution: " + run);
        assertEquals("hello Ada", run.result().orElseThrow());
        assertEquals(List.of("greeting Ada"), run.report());
    }

    @Test
    void enqueue_and_run_now_with_arguments_should_run_once_with_those_arguments() {
        long enqueued = scheduler.enqueue("it.echo", "{\"message\":\"ad hoc\"}");
        ExecutionInfo adHoc = Poll.until(TIMEOUT, () -> scheduler.execution(enqueued).orElseThrow(),
                e -> e.status().isFinal(), "ad-hoc run " + enqueued);
        assertEquals("echo ad hoc", adHoc.result().orElseThrow());
        assertEquals(TaskState.DONE, task(adHoc.taskName()).state());

        String name = unique("override");
        scheduler.schedule(name, "every 1h", "it.echo", "{\"message\":\"usual\"}");
        long id = scheduler.runNow(name, "{\"message\":\"special\"}");
        ExecutionInfo run = Poll.until(TIMEOUT, () -> scheduler.execution(id).orElseThrow(),
                e -> e.status().isFinal(), "run with arguments " + id);
        assertEquals("echo special", run.result().orElseThrow());
        assertTrue(run.taskName().startsWith(name + ".once-"), run.taskName());
        assertEquals(SchedulerException.Reason.NOT_FOUND,
                assertThrows(SchedulerException.class, () -> scheduler.enqueue("it.none", "{}")).reason());
    }

    @Test
    void observers_should_see_starts_ends_and_changes_and_a_throwing_one_change_no_outcome() {
        String name = unique("throwing");
        scheduler.schedule(name, "in 1s", "it.echo", "{\"message\":\"watched\"}");
        ExecutionInfo run = finishedExecutions(name, 1).get(0);

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> "execution: " + run);
        List<String> seen = Poll.until(TIMEOUT, () -> List.copyOf(DeclaredActions.SEEN.getOrDefault(name, List.of())),
                s -> s.contains("ended async SUCCEEDED"), "the events of " + name);
        assertTrue(seen.containsAll(List.of("changed CREATED", "started 1", "ended SUCCEEDED echo watched",
                "ended async SUCCEEDED")), () -> "seen: " + seen);
    }

    @Test
    void failing_action_should_record_its_error() {
        String name = unique("fail");
        scheduler.schedule(name, "in 1s", "it.echo", "{\"message\":\"boom\",\"fail\":true}");

        ExecutionInfo run = finishedExecutions(name, 1).get(0);

        assertEquals(ExecutionStatus.FAILED, run.status());
        assertTrue(run.error().orElseThrow().contains("asked to fail: boom"), () -> "error: " + run.error());
    }

    @Test
    void dependent_action_should_be_a_new_instance_per_run_and_released_after_it() {
        String name = unique("dependent");
        int released = CountingAction.RELEASED.get();
        scheduler.schedule(name, "every 1s", "it.counting", null);

        List<ExecutionInfo> runs = finishedExecutions(name, 2);
        scheduler.delete(name);

        assertTrue(runs.stream().allMatch(run -> run.status() == ExecutionStatus.SUCCEEDED), () -> "runs: " + runs);
        assertEquals(2, runs.stream().map(run -> run.result().orElseThrow()).distinct().count(),
                () -> "each run its own instance: " + runs);
        assertTrue(CountingAction.RELEASED.get() - released >= 2, "each instance released after its run");
    }

    @Test
    void missing_action_should_record_action_not_found() {
        String name = unique("missing");
        TaskInfo task = scheduler.schedule(name, "in 1s", "it.not-deployed", null);

        ExecutionInfo run = finishedExecutions(name, 1).get(0);

        assertEquals(ExecutionStatus.ACTION_NOT_FOUND, run.status());
        assertTrue(run.error().orElseThrow().contains("No action named \"it.not-deployed\""), run.error()::get);
        assertTrue(task.warnings().get(0).contains("not deployed"), () -> "warnings: " + task.warnings());
    }

    @Test
    void six_field_cron_should_fire_repeatedly_at_even_seconds() {
        String name = unique("cron");
        scheduler.schedule(name, "cron */2 * * * * *", "noop", null);

        List<ExecutionInfo> runs = finishedExecutions(name, 3);

        for (ExecutionInfo run : runs) {
            assertEquals(ExecutionStatus.SUCCEEDED, run.status());
            assertEquals(0, run.fireTime().getEpochSecond() % 2, () -> "odd fire time " + run.fireTime());
            assertEquals(0, run.fireTime().getNano());
        }
        assertEquals(Duration.ofSeconds(2), Duration.between(runs.get(1).fireTime(), runs.get(0).fireTime()));
        scheduler.delete(name);
    }

    @Test
    void pause_should_stop_fires_and_resume_should_restart_them() {
        String name = unique("pause");
        scheduler.schedule(name, "every 1s", "noop", null);
        finishedExecutions(name, 2);

        TaskInfo paused = scheduler.pause(name);
        Instant pausedAt = Instant.now();
        assertEquals(TaskState.PAUSED, paused.state());
        assertTrue(paused.nextFireAt().isEmpty());
        Poll.pause(Duration.ofSeconds(3));
        assertTrue(scheduler.executions(name, 0, 100).items().stream()
                .noneMatch(run -> run.fireTime().isAfter(pausedAt)), "no fire while paused");

        Instant resumedAt = scheduler.resume(name).updatedAt();
        Poll.until(TIMEOUT, () -> scheduler.executions(name, 0, 1).items(),
                runs -> !runs.isEmpty() && runs.get(0).fireTime().isAfter(resumedAt), "a fire after resume");
        scheduler.delete(name);
    }

    @Test
    void at_task_should_fire_once_and_end_done() {
        String name = unique("at");
        Instant at = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        scheduler.schedule(name, "at " + at, "noop", null);

        ExecutionInfo run = finishedExecutions(name, 1).get(0);

        assertEquals(at, run.fireTime());
        assertEquals(TaskState.DONE, Poll.until(TIMEOUT, () -> task(name).state(), s -> s == TaskState.DONE,
                name + " to be done"));
        assertEquals(1, scheduler.executions(name, 0, 10).total());
    }

    @Test
    void run_now_should_add_an_execution_of_a_paused_task() {
        String name = unique("now");
        scheduler.schedule(name, "cron 0 0 1 1 *", "it.echo", "{\"message\":\"now\"}");
        scheduler.pause(name);

        long id = scheduler.runNow(name);

        ExecutionInfo run = Poll.until(TIMEOUT, () -> scheduler.execution(id).orElseThrow(),
                e -> e.status().isFinal(), "manual run " + id);
        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertEquals(TaskState.PAUSED, task(name).state());
    }

    @Test
    void schedule_should_reject_bad_input_with_the_field_at_fault() {
        SchedulerException badTrigger = assertThrows(SchedulerException.class,
                () -> scheduler.schedule(unique("bad"), "cron 0 25 * * *", "noop", null));
        assertEquals("trigger", badTrigger.field().orElseThrow());
        assertTrue(badTrigger.getMessage().contains("hour"), badTrigger::getMessage);

        SchedulerException beyondHorizon = assertThrows(SchedulerException.class,
                () -> scheduler.schedule(unique("far"), "at 2263-01-01T00:00", "noop", null));
        assertEquals(SchedulerException.Reason.INVALID, beyondHorizon.reason());
        assertEquals("trigger", beyondHorizon.field().orElseThrow());
        assertTrue(beyondHorizon.getMessage().contains("before 2200-01-01T00:00:00Z"), beyondHorizon::getMessage);

        SchedulerException badZone = assertThrows(SchedulerException.class, () -> scheduler.schedule(
                TaskSpec.builder(unique("zone")).trigger("every 1h").action("noop").zone("Mars/Olympus").build()));
        assertEquals("zone", badZone.field().orElseThrow());

        String name = unique("dup");
        scheduler.schedule(name, "every 1h", "noop", null);
        SchedulerException duplicate = assertThrows(SchedulerException.class,
                () -> scheduler.schedule(name, "every 2h", "noop", null));
        assertEquals(SchedulerException.Reason.CONFLICT, duplicate.reason());
    }

    /** The bean refuses a shell task on a server that has not turned the action on, saying how to. */
    @Test
    void schedule_should_refuse_a_shell_task_while_the_server_does_not_allow_it() {
        SchedulerException refused = assertThrows(SchedulerException.class, () -> scheduler.schedule(
                unique("shell"), "every 1h", "shell", "{\"argv\": [\"/usr/bin/true\"]}"));
        assertEquals(SchedulerException.Reason.INVALID, refused.reason());
        assertEquals("action", refused.field().orElseThrow());
        assertTrue(refused.getMessage().contains("clockwork.shell.enabled=true"), refused::getMessage);
    }

    private TaskInfo task(String name) {
        return scheduler.find(name).orElseThrow();
    }

    /** The newest {@code count} executions once at least that many have ended, newest first. */
    private List<ExecutionInfo> finishedExecutions(String name, int count) {
        return Poll.until(TIMEOUT, () -> scheduler.executions(name, 0, 100).items().stream()
                        .filter(e -> e.status().isFinal()).toList(),
                runs -> runs.size() >= count, count + " finished executions of " + name);
    }

    @Test
    void changes_through_the_bean_without_a_caller_should_be_audited_as_the_system_and_failures_not_at_all() {
        String name = unique("audited");
        scheduler.schedule(name, "every 1h", "noop", null);
        scheduler.pause(name);
        scheduler.delete(name);
        assertThrows(SchedulerException.class, () -> scheduler.pause(name));

        List<AuditEntry> entries = audit.find(new AuditQuery(Optional.empty(), Optional.of(name), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, 10)).items();

        assertEquals(List.of("task.delete", "task.pause", "task.create"),
                entries.stream().map(AuditEntry::action).toList(), () -> "entries: " + entries);
        assertTrue(entries.stream().allMatch(e -> e.actor().equals("system")), () -> "no caller: " + entries);
    }

    private static String unique(String prefix) {
        return "it." + prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }
}
