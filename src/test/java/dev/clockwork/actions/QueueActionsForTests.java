package dev.clockwork.actions;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.clockwork.engine.NodeIdentity;
import dev.clockwork.engine.SecretsForTests;
import dev.clockwork.engine.rules.AmqpConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * The {@code amqp} and {@code celery} actions wired by hand to a broker bean, for tests outside a server, and the
 * machine's RabbitMQ (127.0.0.1:5672, guest/guest). Without the broker these tests are reported skipped, except in CI
 * ({@code CI=true}), where {@code .ci/run} starts it and its absence fails them.
 */
public final class QueueActionsForTests {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5672;
    public static final String URI = "amqp://guest:guest@127.0.0.1:5672/";

    private QueueActionsForTests() {
    }

    /** Skips the calling test when the machine's RabbitMQ does not answer, except in CI. */
    public static void assumeRabbitMq() {
        boolean up;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1000);
            up = true;
        } catch (IOException e) {
            up = false;
        }
        if (!up && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("RabbitMQ does not answer on " + HOST + ":" + PORT + "; .ci/run starts it"
                    + " (rabbitmq-server -detached)");
        }
        Assumptions.assumeTrue(up, "RabbitMQ does not answer on " + HOST + ":" + PORT
                + "; start it with rabbitmq-server -detached");
    }

    /** A test's own connection to the machine's RabbitMQ, to declare queues and consume. */
    public static Connection connect() throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(HOST);
        factory.setPort(PORT);
        return factory.newConnection("clockwork test");
    }

    public static AmqpBroker broker(AmqpConfig config, Clock clock) {
        AmqpBroker broker = new AmqpBroker();
        broker.config = config;
        broker.clock = clock;
        broker.node = new NodeIdentity();
        broker.secrets = SecretsForTests.of(Map.of());
        return broker;
    }

    public static AmqpBroker broker(AmqpConfig config, Clock clock, Map<String, String> secrets) {
        AmqpBroker broker = broker(config, clock);
        broker.secrets = SecretsForTests.of(secrets);
        return broker;
    }

    public static AmqpAction amqp(AmqpBroker broker) {
        AmqpAction action = new AmqpAction();
        action.broker = broker;
        action.config = broker.config;
        return action;
    }

    public static CeleryAction celery(AmqpBroker broker) {
        CeleryAction action = new CeleryAction();
        action.broker = broker;
        action.config = broker.config;
        return action;
    }

    /**
     * One test's queue on the machine's RabbitMQ, a connection of the test's own to look into it, and the broker under
     * test once the test makes it; closing closes the broker and deletes the queue.
     */
    public static final class TestQueue implements AutoCloseable {

        public final String name;
        public final Connection connection;
        public final Channel channel;
        private AmqpBroker broker;

        private TestQueue(String name, Connection connection) throws IOException {
            this.name = name;
            this.connection = connection;
            this.channel = connection.createChannel();
        }

        /** Connects, or skips the test where {@link #assumeRabbitMq} says so; the queue is the test's to declare. */
        public static TestQueue open(String name) throws IOException, TimeoutException {
            assumeRabbitMq();
            return new TestQueue(name, connect());
        }

        /** The broker under test, closed with this queue. */
        public AmqpBroker broker(AmqpConfig config, Clock clock, Map<String, String> secrets) {
            broker = QueueActionsForTests.broker(config, clock, secrets);
            return broker;
        }

        public AmqpBroker broker(AmqpConfig config, Clock clock) {
            return broker(config, clock, Map.of());
        }

        @Override
        public void close() throws IOException, TimeoutException {
            if (broker != null) {
                broker.close();
            }
            // Even a queue declared auto-delete stays when it never had a consumer.
            connection.createChannel().queueDelete(name);
            connection.close();
        }
    }
}
