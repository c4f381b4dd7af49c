package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.clockwork.actions.CeleryWorker;
import dev.clockwork.actions.QueueActionsForTests;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The amqp and celery actions in the WAR on Payara Micro, against the machine's RabbitMQ and a real Celery worker: a
 * server of its own, since the broker settings are read at startup ({@code CLOCKWORK_AMQP_URI},
 * {@code CLOCKWORK_AMQP_ALLOW}). The engine's rules for these actions are tested without a server
 * ({@code AmqpActionTest}, {@code CeleryWorkerIT}); this test proves the deployed wiring: the bundled client, the
 * node's connection on the server's managed threads, the reply queue, the API's view of both actions.
 */
class QueueActionsIT {

    private static final String PASSWORD = "queue-actions-admin-password";
    private static final String PREFIX = "cw-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String AMQP_QUEUE = PREFIX + "-amqp";
    private static final String CELERY_QUEUE = PREFIX + "-celery";

    private static MicroProcess micro;
    private static Api admin;
    private static Connection test;

    @BeforeAll
    static void start() throws Exception {
        QueueActionsForTests.assumeRabbitMq();
        CeleryWorker.assumeCelery();
        test = QueueActionsForTests.connect();
        Path data = Files.createDirectories(Path.of("target", "it-data", "queue-actions"));
        micro = MicroProcess.start(new MicroProcess.Options("queue-actions",
                Path.of(System.getProperty("clockwork.war")), PASSWORD,
                Path.of(System.getProperty("clockwork.postboot")),
                Map.of("CLOCKWORK_AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/",
                        "CLOCKWORK_AMQP_ALLOW", AMQP_QUEUE + "," + CELERY_QUEUE),
                List.of("-Dclockwork.data.dir=" + data.toAbsolutePath())));
        admin = new Api(micro.base(), "admin", PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (micro != null) {
            micro.stop();
        }
        if (test != null) {
            Channel channel = test.createChannel();
            channel.queueDelete(AMQP_QUEUE);
            channel.queueDelete(CELERY_QUEUE);
            test.close();
        }
    }

    @Test
    void the_api_should_list_both_actions_with_their_argument_help() {
        Map<String, String> descriptions = admin.get("actions").array().getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(a -> a.getString("name"), a -> a.getString("description", "")));

        assertThat(descriptions.get("amqp")).contains("Args: {\"exchange\": \"\", \"routingKey\": \"reports\"");
        assertThat(descriptions.get("celery")).contains("Args: {\"task\": \"billing.tasks.invoice\"")
                .contains("\"await\": \"2m\"");
    }

    @Test
    void a_consumer_should_receive_each_fire_of_an_amqp_task_once_with_its_idempotency_key() throws Exception {
        Channel channel = test.createChannel();
        channel.queueDeclare(AMQP_QUEUE, false, false, false, null);
        String task = PREFIX + ".amqp";
        admin.createTask(task, "every 1s", "amqp", "{\"routingKey\": \"" + AMQP_QUEUE + "\", \"body\": {\"n\": 1}}");
        List<GetResponse> received = new ArrayList<>();
        Poll.until(Duration.ofSeconds(30), () -> drain(channel, received), count -> count >= 3,
                "3 messages of task " + task + " in queue " + AMQP_QUEUE);
        assertThat(admin.post("tasks/" + task + "/pause", "").status()).isEqualTo(200);

        List<JsonObject> succeeded = Poll.until(Duration.ofSeconds(15), () -> {
            drain(channel, received);
            return admin.get("tasks/" + task + "/executions?limit=100").json().getJsonArray("items")
                    .getValuesAs(JsonObject.class).stream().filter(e -> e.getString("status").equals("SUCCEEDED"))
                    .toList();
        }, runs -> runs.size() == received.size(), "as many messages as SUCCEEDED runs of " + task);
        Set<String> keys = succeeded.stream().map(e -> e.getString("idempotencyKey")).collect(Collectors.toSet());
        assertThat(received).extracting(m -> m.getProps().getMessageId()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(keys);
        assertThat(received).allSatisfy(m -> assertThat(m.getProps().getHeaders().get("clockwork-task"))
                .hasToString(task));
        assertThat(succeeded).allSatisfy(e -> assertThat(e.getString("result"))
                .isEqualTo("{\"messageId\":\"" + e.getString("idempotencyKey") + "\"}"));

        Browser browser = new Browser(micro.base());
        assertThat(browser.logIn("admin", PASSWORD).statusCode()).isEqualTo(302);
        String encoded = URLEncoder.encode(task, StandardCharsets.UTF_8);
        assertThat(browser.get("task.xhtml?name=" + encoded).body()).as("the task page")
                .contains("Last message id", succeeded.get(0).getString("idempotencyKey"));
        assertThat(browser.get("task-form.xhtml?name=" + encoded).body()).as("the form, with the action's help")
                .contains("Publishes a message to RabbitMQ").contains("routingKey required");
        assertThat(admin.delete("tasks/" + task).status()).isEqualTo(204);
    }

    @Test
    void an_amqp_task_to_a_queue_off_the_allow_list_should_be_refused_naming_the_setting() {
        Api.Reply refused = admin.post("tasks", "{\"name\": \"" + PREFIX + ".refused\", \"trigger\": \"every 1h\","
                + " \"action\": \"amqp\", \"args\": {\"routingKey\": \"payroll\"}}");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().getString("field")).isEqualTo("args.routingKey");
        assertThat(refused.json().getString("detail")).contains("clockwork.amqp.allow");
    }

    @Test
    void a_celery_run_with_await_should_record_what_the_worker_returned() throws Exception {
        try (CeleryWorker worker = CeleryWorker.forQueue(CELERY_QUEUE)) {
            worker.start(test);
            Api.Reply started = admin.post("actions/celery/runs", "{\"task\": \"cwtasks.add\", \"args\": [40, 2],"
                    + " \"queue\": \"" + CELERY_QUEUE + "\", \"await\": \"30s\"}");
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            long id = started.json().getJsonNumber("executionId").longValue();

            JsonObject run = Poll.until(Duration.ofSeconds(40), () -> admin.get("executions/" + id).json(),
                    e -> !Set.of("WAITING", "QUEUED", "RUNNING").contains(e.getString("status")),
                    "the awaited celery run " + id + " to end");

            assertThat(run.getString("status")).as(run.toString()).isEqualTo("SUCCEEDED");
            assertThat(run.getString("result")).isEqualTo("42");
            assertThat(worker.calls()).extracting(call -> call.getString("id"))
                    .containsExactly(run.getString("idempotencyKey"));
        }
    }

    private static int drain(Channel channel, List<GetResponse> into) {
        try {
            GetResponse message;
            while ((message = channel.basicGet(AMQP_QUEUE, true)) != null) {
                into.add(message);
            }
            return into.size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
