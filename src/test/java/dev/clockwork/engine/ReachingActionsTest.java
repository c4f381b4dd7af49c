package dev.clockwork.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.api.TaskSpec;
import dev.clockwork.engine.rules.ActionsConfig;
import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.store.TaskRow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The task service refuses shell tasks from anyone but an admin (or the application's own code) and shell or http
 * tasks the server's settings do not allow, for REST, the console and the bean alike.
 */
class ReachingActionsTest {

    private static final String PG_DUMP = "{\"argv\": [\"/usr/bin/pg_dump\", \"-f\", \"/backups/{db}.sql\", \"{db}\"],"
            + " \"db\": \"sales\"}";
    private static final String BILLING = "{\"method\": \"POST\", \"url\": \"https://billing.example.com/remind\","
            + " \"headers\": {\"Authorization\": {\"secret\": \"billing-token\"}}}";

    private final TaskService service = new TaskService();
    private boolean admin;

    ReachingActionsTest() {
        service.config = EngineConfig.defaults(ZoneOffset.UTC);
        service.argsJson = new ArgsJson();
        service.user = new CurrentUser() {
            @Override
            public String name() {
                return admin ? "ada" : "olly";
            }

            @Override
            public boolean isAdminOrSystem() {
                return admin;
            }
        };
        service.actionsConfig = new ActionsConfig(true, Set.of("/usr/bin/pg_dump"),
                Set.of("billing.example.com", "*.internal.example.com"));
    }

    @Test
    void only_an_admin_should_create_or_change_a_shell_task() {
        TaskSpec spec = TaskSpec.builder("backup").trigger("cron 0 3 * * *").action("shell").argsJson(PG_DUMP).build();

        expect(() -> service.schedule(spec), SchedulerException.Reason.FORBIDDEN, "action", "Only an admin");
        expect(() -> service.checkReach("noop", Optional.empty(), Optional.of(shellTask())),
                SchedulerException.Reason.FORBIDDEN, "action", "Only an admin");

        admin = true;
        assertThatCode(() -> service.checkReach("shell", Optional.of(PG_DUMP), Optional.empty()))
                .doesNotThrowAnyException();
    }

    @Test
    void a_shell_task_should_be_refused_with_how_to_enable_it_when_the_server_does_not_allow_it() {
        admin = true;
        service.actionsConfig = ActionsConfig.closed();
        expect(() -> service.checkReach("shell", Optional.of(PG_DUMP), Optional.empty()),
                SchedulerException.Reason.INVALID, "action", "clockwork.shell.enabled=true");

        service.actionsConfig = new ActionsConfig(true, Set.of("/usr/bin/tar"), Set.of());
        expect(() -> service.checkReach("shell", Optional.of(PG_DUMP), Optional.empty()),
                SchedulerException.Reason.INVALID, "args.argv", "clockwork.shell.allow");
    }

    @Test
    void a_shell_task_should_be_refused_when_its_arguments_try_to_choose_the_program_or_miss_a_value() {
        admin = true;
        expect(() -> service.checkReach("shell", Optional.of("{\"argv\": [\"{prog}\", \"x\"], \"prog\":"
                + " \"/usr/bin/pg_dump\"}"), Optional.empty()), SchedulerException.Reason.INVALID, "args.argv",
                "not a placeholder");
        expect(() -> service.checkReach("shell", Optional.of("{\"argv\": [\"/usr/bin/pg_dump\", \"{db}\"]}"),
                Optional.empty()), SchedulerException.Reason.INVALID, "args.argv", "no argument \"db\"");
        expect(() -> service.checkReach("shell", Optional.of("{\"argv\": \"/usr/bin/pg_dump sales; rm -rf /\"}"),
                Optional.empty()), SchedulerException.Reason.INVALID, "args.argv", "list of strings");
        expect(() -> service.checkReach("shell", Optional.empty(), Optional.empty()),
                SchedulerException.Reason.INVALID, "args", "JSON object");
    }

    @Test
    void an_http_task_should_call_only_hosts_on_the_allow_list() {
        assertThatCode(() -> service.checkReach("http", Optional.of(BILLING), Optional.empty()))
                .doesNotThrowAnyException();
        assertThatCode(() -> service.checkReach("http", Optional.of("{\"url\": \"http://a.internal.example.com/x\"}"),
                Optional.empty())).doesNotThrowAnyException();

        expect(() -> service.checkReach("http", Optional.of("{\"url\": \"https://evil.example.org/\"}"),
                Optional.empty()), SchedulerException.Reason.INVALID, "args.url", "clockwork.http.allow");
        expect(() -> service.checkReach("http", Optional.of("{\"url\": \"https://billing.example.com.evil.org/\"}"),
                Optional.empty()), SchedulerException.Reason.INVALID, "args.url", "clockwork.http.allow");
        expect(() -> service.checkReach("http", Optional.of("{\"url\": \"file:///etc/passwd\"}"),
                Optional.empty()), SchedulerException.Reason.INVALID, "args.url", "http or https");
        expect(() -> service.checkReach("http", Optional.of("{\"url\": \"https://billing.example.com/\","
                + " \"expect\": [999]}"), Optional.empty()), SchedulerException.Reason.INVALID, "args.expect", "999");
        expect(() -> service.checkReach("http", Optional.of("{\"url\": \"https://billing.example.com/\","
                + " \"headers\": {\"Host\": \"x\"}}"), Optional.empty()), SchedulerException.Reason.INVALID,
                "args.headers", "Host");
        service.actionsConfig = ActionsConfig.closed();
        expect(() -> service.checkReach("http", Optional.of(BILLING), Optional.empty()),
                SchedulerException.Reason.INVALID, "args.url", "empty: no host may be called");
    }

    private static void expect(ThrowingCallable call, SchedulerException.Reason reason, String field, String text) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SchedulerException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.field()).contains(field);
            assertThat(e.getMessage()).contains(text);
        });
    }

    private static TaskRow shellTask() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        return TaskRow.builder("backup").trigger("cron 0 3 * * *").zone("UTC").action("shell").args(Optional.of(PG_DUMP))
                .anchorAt(now).nextFireAt(Optional.empty()).created(now, "ada").build();
    }
}
