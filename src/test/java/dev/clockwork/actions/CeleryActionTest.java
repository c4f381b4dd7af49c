package dev.clockwork.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.clockwork.actions.QueueActionsForTests.TestQueue;
import dev.clockwork.engine.rules.AmqpConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The celery action's message as it reaches the machine's RabbitMQ, without a worker: Celery's protocol 2 in JSON, on
 * a queue the run declared durable; a queue deleted behind the node's back is declared again by the next run.
 */
class CeleryActionTest {

    private static final Instant NINE = Instant.parse("2030-06-03T09:00:00Z");

    private final String queue = "cw-test-celery-msg-" + UUID.randomUUID().toString().substring(0, 8);
    private TestQueue rabbit;
    private Channel channel;
    private CeleryAction action;

    @BeforeEach
    void connect() throws Exception {
        rabbit = TestQueue.open(queue);
        channel = rabbit.channel;
        action = QueueActionsForTests.celery(rabbit.broker(AmqpConfig.from(Map.of(AmqpConfig.URI_KEY,
                QueueActionsForTests.URI, AmqpConfig.ALLOW_KEY, queue)::get), Clock.systemUTC()));
    }

    @AfterEach
    void close() throws Exception {
        if (rabbit != null) {
            rabbit.close();
        }
    }

    @Test
    void a_run_should_send_one_celery_protocol_2_message_to_a_durable_queue() throws Exception {
        Object result = action.run(new TestContext("billing.invoice", NINE, 2, "{\"task\": \"billing.tasks.invoice\","
                + " \"args\": [30], \"kwargs\": {\"dry\": false}, \"queue\": \"" + queue + "\", \"expires\": \"10m\"}"));

        String id = "billing.invoice@" + NINE;
        assertThat(result).isEqualTo("{\"celeryTaskId\":\"" + id + "\"}");
        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isEqualTo(1);
        GetResponse message = channel.basicGet(queue, true);
        assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).isEqualTo("[[30], {\"dry\":false},"
                + " {\"callbacks\": null, \"errbacks\": null, \"chain\": null, \"chord\": null}]");
        assertThat(message.getProps().getContentType()).isEqualTo("application/json");
        assertThat(message.getProps().getContentEncoding()).isEqualTo("utf-8");
        assertThat(message.getProps().getCorrelationId()).isEqualTo(id);
        assertThat(message.getProps().getDeliveryMode()).isEqualTo(2);
        assertThat(message.getProps().getReplyTo()).as("no await: no reply queue").isNull();
        Map<String, Object> headers = message.getProps().getHeaders();
        assertThat(headers.get("lang")).hasToString("py");
        assertThat(headers.get("task")).hasToString("billing.tasks.invoice");
        assertThat(headers.get("id")).hasToString(id);
        assertThat(headers.get("root_id")).hasToString(id);
        assertThat(headers.get("retries")).isEqualTo(0);
        assertThat(headers.get("expires")).as("10 minutes after the fire time, as Python writes it")
                .hasToString("2030-06-03T09:10:00.000000+00:00");
        assertThat(headers.get("origin").toString()).startsWith("clockwork@");
        assertThat(headers).containsEntry("eta", null);
    }

    @Test
    void a_queue_deleted_on_the_broker_should_be_declared_again_by_the_next_run() throws Exception {
        String args = "{\"task\": \"tasks.add\", \"queue\": \"" + queue + "\"}";
        action.run(new TestContext("t", NINE, 1, args));
        channel.queueDelete(queue);

        assertThatThrownBy(() -> action.run(new TestContext("t", NINE.plusSeconds(1), 1, args)))
                .hasMessageContaining("no queue bound to routing key \"" + queue + "\"");
        action.run(new TestContext("t", NINE.plusSeconds(2), 1, args));

        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isEqualTo(1);
    }
}
