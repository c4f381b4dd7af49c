package dev.clockwork.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.clockwork.SettableClock;
import dev.clockwork.actions.QueueActionsForTests.TestQueue;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.engine.rules.AmqpConfig;
import dev.clockwork.it.Poll;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The amqp action against the machine's RabbitMQ: a queue the test declares receives each fire once, with the fire's
 * idempotency key as message id and the {@code clockwork-*} headers; what cannot be delivered fails the run with the
 * reason, and a broker that went away and came back takes the next fire.
 */
class AmqpActionTest {

    private static final Instant NINE = Instant.parse("2030-06-03T09:00:00Z");

    private final String queue = "cw-test-amqp-" + UUID.randomUUID();
    private final SettableClock clock = new SettableClock(NINE);
    private TestQueue rabbit;
    private Channel channel;
    private AmqpBroker broker;

    @BeforeEach
    void connect() throws Exception {
        rabbit = TestQueue.open(queue);
        channel = rabbit.channel;
        channel.queueDeclare(queue, false, false, true, null);
    }

    @AfterEach
    void close() throws Exception {
        if (rabbit != null) {
            rabbit.close();
        }
    }

    @Test
    void a_consumer_should_receive_each_fire_once_with_its_idempotency_key_and_headers() throws Exception {
        AmqpAction action = action(AmqpConfig.from(Map.of(AmqpConfig.URI_KEY, QueueActionsForTests.URI,
                AmqpConfig.ALLOW_KEY, queue)::get));
        String args = "{\"routingKey\": \"" + queue + "\", \"body\": {\"day\": \"monday\"}, \"headers\":"
                + " {\"region\": \"eu\", \"size\": 3}}";

        List<Object> results = new ArrayList<>();
        for (int fire = 0; fire < 3; fire++) {
            results.add(action.run(new TestContext("reports.daily", NINE.plusSeconds(60L * fire), 1, args)));
        }

        List<GetResponse> received = drain();
        assertThat(received).hasSize(3);
        for (int fire = 0; fire < 3; fire++) {
            GetResponse message = received.get(fire);
            String key = "reports.daily@" + NINE.plusSeconds(60L * fire);
            assertThat(message.getProps().getMessageId()).isEqualTo(key);
            assertThat(results.get(fire)).isEqualTo("{\"messageId\":\"" + key + "\"}");
            assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"day\":\"monday\"}");
            assertThat(message.getProps().getContentType()).isEqualTo("application/json");
            assertThat(message.getProps().getDeliveryMode()).as("persistent by default").isEqualTo(2);
            Map<String, Object> headers = message.getProps().getHeaders();
            assertThat(headers.get(AmqpAction.TASK_HEADER)).hasToString("reports.daily");
            assertThat(headers.get(AmqpAction.FIRE_TIME_HEADER)).hasToString(NINE.plusSeconds(60L * fire).toString());
            assertThat(headers.get(AmqpAction.ATTEMPT_HEADER)).isEqualTo(1);
            assertThat(headers.get("region")).hasToString("eu");
            assertThat(headers.get("size")).isEqualTo(3L);
        }
    }

    @Test
    void a_retry_of_a_fire_should_publish_the_same_message_id_with_its_attempt() throws Exception {
        AmqpAction action = action(AmqpConfig.from(Map.of(AmqpConfig.URI_KEY, QueueActionsForTests.URI,
                AmqpConfig.ALLOW_KEY, "*")::get));
        String args = "{\"routingKey\": \"" + queue + "\", \"body\": \"plain text\", \"persistent\": false}";

        action.run(new TestContext("reports.daily", NINE, 1, args));
        action.run(new TestContext("reports.daily", NINE, 2, args));

        List<GetResponse> received = drain();
        assertThat(received).extracting(m -> m.getProps().getMessageId())
                .containsExactly("reports.daily@" + NINE, "reports.daily@" + NINE);
        assertThat(received).extracting(m -> m.getProps().getHeaders().get(AmqpAction.ATTEMPT_HEADER))
                .containsExactly(1, 2);
        assertThat(received.get(0).getProps().getContentType()).isEqualTo("text/plain");
        assertThat(received.get(0).getProps().getDeliveryMode()).isEqualTo(1);
    }

    @Test
    void an_unroutable_message_should_fail_the_run_naming_the_routing_key() throws Exception {
        String exchange = "cw-test-direct-" + UUID.randomUUID();
        channel.exchangeDeclare(exchange, "direct", false, true, null);
        AmqpAction action = action(AmqpConfig.from(Map.of(AmqpConfig.URI_KEY, QueueActionsForTests.URI,
                AmqpConfig.ALLOW_KEY, exchange + "," + queue)::get));
        TestContext fire = new TestContext("reports.daily", NINE, 1, "{\"exchange\": \"" + exchange + "\", \"routingKey\":"
                + " \"reports\", \"body\": {}}");

        assertThatThrownBy(() -> action.run(fire)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no queue bound to routing key \"reports\" on exchange \"" + exchange + "\"")
                .hasMessageContaining("312 NO_ROUTE");

        channel.queueBind(queue, exchange, "reports");
        action.run(fire);
        assertThat(drain()).as("the same channel pool publishes again once a queue is bound").hasSize(1);
    }

    @Test
    void a_destination_off_the_allow_list_should_be_refused_naming_the_setting() {
        AmqpAction action = action(AmqpConfig.from(Map.of(AmqpConfig.URI_KEY, QueueActionsForTests.URI,
                AmqpConfig.ALLOW_KEY, "reports")::get));

        assertThatThrownBy(() -> action.run(new TestContext("t", NINE, 1, "{\"exchange\": \"billing\", \"routingKey\":"
                + " \"x\"}"))).isInstanceOf(SchedulerException.class)
                .hasMessageContaining("exchange \"billing\" is not in clockwork.amqp.allow (reports)");
        assertThatThrownBy(() -> action.run(new TestContext("t", NINE, 1, "{\"routingKey\": \"" + queue + "\"}")))
                .isInstanceOf(SchedulerException.class)
                .hasMessageContaining("queue \"" + queue + "\" is not in clockwork.amqp.allow");
    }

    @Test
    void a_server_without_a_broker_uri_should_fail_each_run_saying_which_setting_to_set() {
        AmqpAction action = action(AmqpConfig.from(Map.of(AmqpConfig.ALLOW_KEY, "*")::get));

        assertThatThrownBy(() -> action.run(new TestContext("t", NINE, 1, "{\"routingKey\": \"" + queue + "\"}")))
                .isInstanceOf(IllegalStateException.class).hasMessage(AmqpConfig.missingUri())
                .hasMessageContaining("clockwork.amqp.uri is not set");
    }

    /**
     * The broker is a relay to the real one on a port of its own ({@link TcpProxy}): stopped, the port is closed and
     * the node's connection cut; started again, the same address answers.
     */
    @Test
    void a_broker_outage_should_fail_runs_with_the_reason_and_the_next_fire_after_it_should_succeed() throws Exception {
        try (TcpProxy proxy = new TcpProxy(QueueActionsForTests.PORT)) {
            proxy.start();
            AmqpAction action = action(AmqpConfig.from(Map.of(AmqpConfig.URI_KEY, "amqp://guest:guest@127.0.0.1:"
                    + proxy.port() + "/", AmqpConfig.ALLOW_KEY, queue)::get));
            String args = "{\"routingKey\": \"" + queue + "\", \"body\": \"tick\"}";
            action.run(new TestContext("ticks", NINE, 1, args));

            proxy.stop();
            // The client sees the cut on its own thread; a run before that would fail on the dying connection.
            Poll.until(Duration.ofSeconds(10), broker::connected, open -> !open, "the client to see the relay cut");
            clock.advance(Duration.ofSeconds(2));
            assertThatThrownBy(() -> action.run(new TestContext("ticks", NINE.plusSeconds(2), 1, args)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("RabbitMQ at amqp://guest:***@127.0.0.1:" + proxy.port() + "/ cannot be"
                            + " reached").hasMessageContaining("Connection refused")
                    .hasMessageNotContaining("guest:guest");
            assertThatThrownBy(() -> action.run(new TestContext("ticks", NINE.plusSeconds(3), 1, args)))
                    .as("within a second of a failed connect, runs fail at once with the same reason")
                    .hasMessageContaining("Connection refused");

            proxy.start();
            clock.advance(Duration.ofSeconds(2));
            action.run(new TestContext("ticks", NINE.plusSeconds(4), 1, args));
        }
        assertThat(drain()).extracting(m -> m.getProps().getMessageId())
                .containsExactly("ticks@" + NINE, "ticks@" + NINE.plusSeconds(4));
    }

    @Test
    void a_broker_at_a_closed_port_should_fail_the_run_with_the_reason_and_no_password() {
        AmqpAction action = action(AmqpConfig.from(Map.of(AmqpConfig.URI_KEY,
                "amqp://clockwork:s3cret@127.0.0.1:1/", AmqpConfig.ALLOW_KEY, queue)::get));

        assertThatThrownBy(() -> action.run(new TestContext("t", NINE, 1, "{\"routingKey\": \"" + queue + "\"}")))
                .hasMessageContaining("RabbitMQ at amqp://clockwork:***@127.0.0.1:1/ cannot be reached")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void the_password_should_come_from_a_named_secret_when_the_server_says_so() throws Exception {
        AmqpConfig config = AmqpConfig.from(Map.of(AmqpConfig.URI_KEY, "amqp://guest@127.0.0.1:5672/",
                AmqpConfig.PASSWORD_SECRET_KEY, "rabbit", AmqpConfig.ALLOW_KEY, queue)::get);
        broker = rabbit.broker(config, clock, Map.of("clockwork.secret.rabbit", "guest"));
        AmqpAction action = QueueActionsForTests.amqp(broker);

        action.run(new TestContext("t", NINE, 1, "{\"routingKey\": \"" + queue + "\"}"));

        assertThat(drain()).hasSize(1);
        assertThat(config.masked()).isEqualTo("amqp://guest@127.0.0.1:5672/");
    }

    private AmqpAction action(AmqpConfig config) {
        broker = rabbit.broker(config, clock);
        return QueueActionsForTests.amqp(broker);
    }

    /** Every message in the test's queue, in order, acknowledged. */
    private List<GetResponse> drain() throws Exception {
        List<GetResponse> messages = new ArrayList<>();
        GetResponse message;
        while ((message = channel.basicGet(queue, true)) != null) {
            messages.add(message);
        }
        return messages;
    }
}
