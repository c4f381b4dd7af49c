package dev.clockwork.actions;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ShutdownSignalException;
import dev.clockwork.trigger.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A channel in publisher-confirm mode, used by one run at a time. Messages are published mandatory: the broker
 * returns one that no queue is bound to receive (before it confirms it), and the publish fails instead of the message
 * being dropped in silence.
 */
final class PublishChannel {

    private static final Logger LOG = Logger.getLogger(PublishChannel.class.getName());

    private final Channel channel;
    /** The message the broker returned during the current publish; set on the connection's thread. */
    private volatile Return returned;

    private PublishChannel(Channel channel) {
        this.channel = channel;
    }

    static PublishChannel open(Connection connection) throws IOException {
        Channel channel = connection.createChannel();
        if (channel == null) {
            throw new IllegalStateException("RabbitMQ has no channel left on this connection (channel-max reached)");
        }
        channel.confirmSelect();
        PublishChannel publishing = new PublishChannel(channel);
        channel.addReturnListener(message -> publishing.returned = message);
        return publishing;
    }

    /**
     * Publishes and waits up to {@code within} for the broker's confirm.
     *
     * @throws IllegalStateException when the message is unroutable, refused (nack), not confirmed in time or the
     *     broker closed the channel (e.g. no such exchange), saying which
     * @throws InterruptedException when the run's timeout or a cancel interrupts the wait
     */
    void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body, Duration within)
            throws IOException, InterruptedException {
        returned = null;
        boolean acked;
        try {
            channel.basicPublish(exchange, routingKey, true, properties, body);
            acked = channel.waitForConfirms(within.toMillis());
        } catch (TimeoutException e) {
            closeQuietly();
            throw new IllegalStateException("RabbitMQ did not confirm the message within "
                    + Durations.format(within) + "; it may or may not have it (the broker may be overloaded or"
                    + " blocking publishers for lack of memory or disk)", e);
        } catch (ShutdownSignalException e) {
            if (e.isHardError()) {
                throw new IllegalStateException("The connection to RabbitMQ was lost while publishing ("
                        + AmqpBroker.describe(e) + "); the broker may or may not have the message. The run is"
                        + " retried by the task's retry policy, on a new connection", e);
            }
            throw new IllegalStateException("RabbitMQ closed the channel: " + AmqpBroker.describe(e), e);
        } catch (InterruptedException e) {
            // The confirm may still come: the channel's state is unknown, so it is not used again.
            closeQuietly();
            throw e;
        }
        Return back = returned;
        if (back != null) {
            throw new IllegalStateException("no queue bound to routing key \"" + routingKey + "\" on "
                    + (exchange.isEmpty() ? "the default exchange" : "exchange \"" + exchange + "\"")
                    + ": the broker returned the message (" + back.getReplyCode() + " " + back.getReplyText()
                    + "). Declare and bind a queue for it, or fix the task's routingKey.");
        }
        if (!acked) {
            throw new IllegalStateException("RabbitMQ refused the message (basic.nack) for routing key \""
                    + routingKey + "\": the queue may be full (x-overflow reject-publish) or the broker failed to"
                    + " store it");
        }
    }

    Connection connection() {
        return channel.getConnection();
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    void closeQuietly() {
        try {
            if (channel.isOpen()) {
                channel.abort();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Aborting a publishing channel failed", e);
        }
    }
}
