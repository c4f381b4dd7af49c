package dev.clockwork.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.engine.rules.ActionsConfig;
import dev.clockwork.it.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell action on real processes: arguments stay whole whatever they hold, the output is bounded into the report,
 * a non-zero exit fails with its code and last lines, and an interrupt kills the whole process tree.
 */
class ShellActionTest {

    private static final String PRINTF = "/usr/bin/printf";
    private static final String SH = "/usr/bin/sh";

    @TempDir
    Path dir;

    private final ShellAction action = new ShellAction();

    ShellActionTest() {
        action.config = new ActionsConfig(true, Set.of(PRINTF, SH), Set.of());
    }

    @Test
    void each_value_should_stay_one_literal_argument_whatever_it_holds() throws Exception {
        Path pwned = dir.resolve("pwned");
        String[] attempts = {"a b", "x; touch " + pwned, "$(touch " + pwned + ")", "`touch " + pwned + "`",
                "x && touch " + pwned, "x | touch " + pwned, "'\"", "{other}", "x\ntouch " + pwned, "*"};
        for (String value : attempts) {
            TestContext context = new TestContext(json(Map.of("v", value, "other", "EXPANDED"),
                    "\"" + PRINTF + "\", \"[%s]\\n\", \"{v}\""));

            Object result = action.run(context);

            assertThat(String.join("\n", context.lines())).as(value).isEqualTo("[" + value + "]");
            assertThat(result).asString().startsWith("exit code 0");
        }
        assertThat(pwned).doesNotExist();
    }

    @Test
    void a_placeholder_should_be_replaced_inside_its_argument_only() throws Exception {
        TestContext context = new TestContext("{\"argv\": [\"" + PRINTF + "\", \"%s|%s\\n\", \"/backups/{db}.sql\","
                + " \"{db}\"], \"db\": \"sales 2026\"}");

        action.run(context);

        assertThat(context.lines()).containsExactly("/backups/sales 2026.sql|sales 2026");
    }

    @Test
    void a_run_should_get_its_cwd_and_env_but_not_the_servers_other_variables() throws Exception {
        TestContext context = new TestContext("{\"argv\": [\"" + SH + "\", \"-c\", \"pwd; echo $GREETING;"
                + " echo [$JAVA_HOME]\"], \"cwd\": \"" + dir + "\", \"env\": {\"GREETING\": \"hello\"}}");

        action.run(context);

        assertThat(context.lines()).containsExactly(dir.toRealPath().toString(), "hello", "[]");
    }

    @Test
    void a_non_zero_exit_should_fail_with_its_code_and_last_lines() {
        TestContext context = new TestContext("{\"argv\": [\"" + SH + "\", \"-c\", \"echo one; echo two >&2; exit 3\"]}");

        assertThatThrownBy(() -> action.run(context)).hasMessageContaining("exited with code 3")
                .hasMessageContaining("one\ntwo");
        assertThat(context.lines()).containsExactly("one", "two");
    }

    @Test
    void a_long_output_should_keep_only_its_last_lines_within_the_report() throws Exception {
        TestContext context = new TestContext("{\"argv\": [\"" + SH + "\", \"-c\","
                + " \"i=0; while [ $i -lt 20000 ]; do echo line $i; i=$((i+1)); done\"]}");

        Object result = action.run(context);

        assertThat(String.join("\n", context.lines()).length()).isLessThanOrEqualTo(ShellAction.REPORT_CHARS);
        assertThat(context.lines()).last().isEqualTo("line 19999");
        assertThat(context.lines().get(0)).startsWith("line ");
        assertThat(result).isEqualTo("exit code 0: line 19999");
    }

    @Test
    void an_interrupt_should_kill_the_program_and_its_children() throws Exception {
        Path pids = dir.resolve("pids");
        TestContext context = new TestContext("{\"argv\": [\"" + SH + "\", \"-c\", \"sleep 60 & echo $! > " + pids
                + "; wait\"]}");
        Thread[] runner = new Thread[1];
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        runner[0] = new Thread(() -> {
            try {
                action.run(context);
                ended.complete(null);
            } catch (Throwable e) {
                ended.complete(e);
            }
        });
        runner[0].start();
        long child = awaitPid(pids, ended);

        runner[0].interrupt();

        assertThat(ended.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(awaitDead(child)).as("process " + child + " is dead").isTrue();
    }

    /** Whether the process ended within 5 s; a killed orphan nobody reaps stays a zombie ('Z'), which is dead too. */
    private static boolean awaitDead(long pid) {
        Path stat = Path.of("/proc/" + pid + "/stat");
        return Poll.until(Duration.ofSeconds(5), () -> !Files.exists(stat)
                || read(stat).replaceFirst(".*\\) ", "").startsWith("Z"), dead -> dead, "process " + pid + " to end");
    }

    @Test
    void a_program_off_the_allow_list_or_a_disabled_shell_should_not_run() {
        TestContext echo = new TestContext("{\"argv\": [\"/usr/bin/echo\", \"hi\"]}");
        assertThatThrownBy(() -> action.run(echo)).isInstanceOf(SchedulerException.class)
                .hasMessageContaining("/usr/bin/echo").hasMessageContaining("clockwork.shell.allow");
        TestContext bare = new TestContext("{\"argv\": [\"printf\", \"hi\"]}");
        assertThatThrownBy(() -> action.run(bare)).hasMessageContaining("clockwork.shell.allow");

        action.config = new ActionsConfig(false, Set.of(PRINTF), Set.of());
        TestContext printf = new TestContext("{\"argv\": [\"" + PRINTF + "\", \"hi\"]}");
        assertThatThrownBy(() -> action.run(printf)).hasMessageContaining("clockwork.shell.enabled=true")
                .hasMessageContaining("CLOCKWORK_SHELL_ENABLED");
    }

    private static long awaitPid(Path pids, Future<?> ended) throws Exception {
        String pid = Poll.until(Duration.ofSeconds(5), () -> Files.exists(pids) ? read(pids).strip() : "",
                text -> !text.isEmpty() || ended.isDone(), "the program to write its child's pid");
        if (pid.isEmpty()) {
            throw new AssertionError("the program did not start its child: " + get(ended));
        }
        return Long.parseLong(pid);
    }

    /** A file the program may be writing or removing: empty when it is gone. */
    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.nio.file.NoSuchFileException gone) {
            return "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Object get(Future<?> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static String json(Map<String, String> values, String argv) {
        StringBuilder out = new StringBuilder("{\"argv\": [" + argv + "]");
        values.forEach((name, value) -> out.append(", ").append(jakarta.json.Json.createValue(name)).append(": ")
                .append(jakarta.json.Json.createValue(value)));
        return out.append('}').toString();
    }
}
