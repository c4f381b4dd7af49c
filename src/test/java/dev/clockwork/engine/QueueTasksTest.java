package dev.clockwork.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.engine.rules.AmqpConfig;
import dev.clockwork.engine.rules.AmqpMessage;
import dev.clockwork.engine.rules.CeleryCall;
import dev.clockwork.engine.rules.EngineConfig;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The task service checks amqp and celery tasks against {@code clockwork.amqp.allow} when they are saved, and a
 * server without {@code clockwork.amqp.uri} saves them with a warning that names the setting.
 */
class QueueTasksTest {

    private final TaskService service = new TaskService();

    QueueTasksTest() {
        service.config = EngineConfig.defaults(ZoneOffset.UTC);
        service.argsJson = new ArgsJson();
        service.amqpConfig = AmqpConfig.from(Map.of(AmqpConfig.URI_KEY, "amqp://guest:guest@127.0.0.1:5672/",
                AmqpConfig.ALLOW_KEY, "reports, celery ,billing.x")::get);
    }

    @Test
    void a_queue_task_should_publish_only_where_the_allow_list_says() {
        assertThatCode(() -> service.checkReach("amqp", Optional.of("{\"routingKey\": \"reports\"}"),
                Optional.empty())).doesNotThrowAnyException();
        assertThatCode(() -> service.checkReach("amqp", Optional.of("{\"exchange\": \"billing.x\", \"routingKey\":"
                + " \"any.key\"}"), Optional.empty())).doesNotThrowAnyException();
        assertThatCode(() -> service.checkReach("celery", Optional.of("{\"task\": \"tasks.add\"}"),
                Optional.empty())).as("the default queue, celery, is allowed").doesNotThrowAnyException();

        expect(() -> service.checkReach("amqp", Optional.of("{\"routingKey\": \"payroll\"}"), Optional.empty()),
                "args.routingKey", "queue \"payroll\" is not in clockwork.amqp.allow (billing.x,celery,reports)");
        expect(() -> service.checkReach("amqp", Optional.of("{\"exchange\": \"amq.topic\", \"routingKey\":"
                + " \"reports\"}"), Optional.empty()), "args.exchange", "CLOCKWORK_AMQP_ALLOW");
        expect(() -> service.checkReach("celery", Optional.of("{\"task\": \"tasks.add\", \"queue\": \"payroll\"}"),
                Optional.empty()), "args.queue", "clockwork.amqp.allow");

        service.amqpConfig = AmqpConfig.unset();
        expect(() -> service.checkReach("amqp", Optional.of("{\"routingKey\": \"reports\"}"), Optional.empty()),
                "args.routingKey", "empty: nothing may be published");
        service.amqpConfig = AmqpConfig.from(Map.of(AmqpConfig.ALLOW_KEY, "*")::get);
        assertThatCode(() -> service.checkReach("amqp", Optional.of("{\"routingKey\": \"payroll\"}"),
                Optional.empty())).doesNotThrowAnyException();
    }

    @Test
    void bad_queue_arguments_should_be_refused_naming_the_argument() {
        expect(() -> service.checkReach("amqp", Optional.of("{\"body\": 1}"), Optional.empty()), "args.routingKey",
                "needs \"routingKey\"");
        expect(() -> service.checkReach("amqp", Optional.of("{\"routingKey\": \"reports\", \"headers\":"
                + " {\"clockwork-task\": \"x\"}}"), Optional.empty()), "args.headers", "Clockwork's own");
        expect(() -> service.checkReach("amqp", Optional.of("{\"routingKey\": \"reports\", \"persistent\": 2}"),
                Optional.empty()), "args.persistent", "true");
        expect(() -> service.checkReach("amqp", Optional.of("{\"routingKey\": \"reports\", \"exchnage\": \"x\"}"),
                Optional.empty()), "args.exchnage", "Unknown argument");
        expect(() -> service.checkReach("celery", Optional.of("{\"args\": [1]}"), Optional.empty()), "args.task",
                "needs \"task\"");
        expect(() -> service.checkReach("celery", Optional.of("{\"task\": \"tasks.add\", \"args\": {\"x\": 1}}"),
                Optional.empty()), "args.args", "JSON array");
        expect(() -> service.checkReach("celery", Optional.of("{\"task\": \"tasks.add\", \"kwargs\": [1]}"),
                Optional.empty()), "args.kwargs", "JSON object");
        expect(() -> service.checkReach("celery", Optional.of("{\"task\": \"tasks.add\", \"await\": \"2h\"}"),
                Optional.empty()), "args.await", "1ms to 1h");
        expect(() -> service.checkReach("celery", Optional.of("{\"task\": \"tasks.add\", \"expires\": \"soon\"}"),
                Optional.empty()), "args.expires", "soon");
        expect(() -> service.checkReach("celery", Optional.of("[1]"), Optional.empty()), "args", "JSON object");
    }

    @Test
    void queue_arguments_should_be_read_with_their_defaults() {
        AmqpMessage message = QueueArgs.amqp(Optional.of("{\"routingKey\": \"reports\", \"body\": [1, 2]}"));
        assertThat(message).isEqualTo(new AmqpMessage("", "reports", "[1,2]", "application/json", Map.of(), true));
        assertThat(QueueArgs.amqp(Optional.of("{\"routingKey\": \"r\", \"body\": \"hi\"}")).contentType())
                .isEqualTo("text/plain");

        CeleryCall call = QueueArgs.celery(Optional.of("{\"task\": \"billing.tasks.invoice\", \"args\": [30],"
                + " \"kwargs\": {\"dry\": true}, \"expires\": \"10m\", \"await\": \"90s\"}"));
        assertThat(call).isEqualTo(new CeleryCall("billing.tasks.invoice", "[30]", "{\"dry\":true}", "celery",
                Optional.of(Duration.ofMinutes(10)), Optional.of(Duration.ofSeconds(90))));
        assertThat(QueueArgs.celery(Optional.of("{\"task\": \"t\"}"))).isEqualTo(new CeleryCall("t", "[]", "{}",
                "celery", Optional.empty(), Optional.empty()));
    }

    @Test
    void a_server_without_a_broker_should_save_queue_tasks_with_a_warning_naming_the_setting() {
        assertThat(service.settingWarnings("amqp")).isEmpty();

        service.amqpConfig = AmqpConfig.from(Map.of(AmqpConfig.ALLOW_KEY, "*")::get);
        assertThat(service.settingWarnings("amqp")).containsExactly(AmqpConfig.missingUri());
        assertThat(service.settingWarnings("celery")).singleElement().asString()
                .contains("clockwork.amqp.uri is not set").contains("CLOCKWORK_AMQP_URI")
                .contains("every run of this task ends FAILED");
        assertThat(service.settingWarnings("noop")).isEmpty();

        service.amqpConfig = AmqpConfig.from(Map.of(AmqpConfig.URI_KEY, "http://user:pw@rabbit/")::get);
        assertThat(service.settingWarnings("amqp")).singleElement().asString()
                .contains("not an amqp:// or amqps:// URI").contains("http://user:***@rabbit/")
                .doesNotContain(":pw@");
    }

    private static void expect(ThrowingCallable call, String field, String text) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SchedulerException.class, e -> {
            assertThat(e.reason()).isEqualTo(SchedulerException.Reason.INVALID);
            assertThat(e.field()).contains(field);
            assertThat(e.getMessage()).contains(text);
        });
    }
}
