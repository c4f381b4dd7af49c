package dev.clockwork.actions;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import dev.clockwork.engine.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The reply queue of one connection, as Celery's {@code rpc://} result backend expects it: a server-named, exclusive
 * queue that the worker publishes each task's outcome to (the message's {@code reply_to}), with the task id as its
 * {@code correlation_id}. A run that awaits an outcome registers its task id before it publishes; outcomes nobody
 * waits for (a run that timed out, a fire published without {@code await}) are dropped.
 */
final class CeleryReplies {

    private static final Logger LOG = Logger.getLogger(CeleryReplies.class.getName());
    /** Celery's ready states: the outcome is final. STARTED, RETRY and the rest are progress. */
    static final Set<String> READY = Set.of("SUCCESS", "FAILURE", "REVOKED");

    private final Connection connection;
    private final ConcurrentMap<String, CompletableFuture<JsonObject>> waiting = new ConcurrentHashMap<>();
    private Channel channel;
    private String queue;

    CeleryReplies(Connection connection) {
        this.connection = connection;
    }

    /** Declares the reply queue and starts consuming it, the first time; the caller holds the broker's lock. */
    void start() throws IOException {
        if (channel != null && channel.isOpen()) {
            return;
        }
        channel = connection.createChannel();
        queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                                       byte[] body) {
                deliver(properties.getCorrelationId(), body);
            }

            @Override
            public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
                connectionLost("the reply queue's channel closed: " + AmqpBroker.describe(signal));
            }
        });
    }

    /** The reply queue's name, for the {@code reply_to} of a message. */
    String queue() {
        return queue;
    }

    /** Registers a run's wait for the outcome of task {@code id}; {@link #forget} it when done. */
    CompletableFuture<JsonObject> expect(String id) {
        return waiting.computeIfAbsent(id, key -> new CompletableFuture<>());
    }

    void forget(String id, CompletableFuture<JsonObject> outcome) {
        waiting.remove(id, outcome);
    }

    /** Fails every wait: their outcomes would come to a queue that is gone. */
    void connectionLost(String why) {
        waiting.values().forEach(outcome -> outcome.completeExceptionally(new IllegalStateException(
                "Lost the reply queue while waiting for the Celery task's outcome (" + why + "); the task may still"
                        + " run, but its outcome cannot reach this run")));
        waiting.clear();
    }

    private void deliver(String id, byte[] body) {
        if (id == null) {
            return;
        }
        JsonObject reply;
        try (JsonReader reader = Jsonp.reader(new String(body, StandardCharsets.UTF_8))) {
            reply = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            String why = "The outcome of Celery task " + id + " is not a JSON object; set the worker's"
                    + " result_serializer to json (the default)";
            LOG.log(Level.WARNING, why, e);
            CompletableFuture<JsonObject> outcome = waiting.get(id);
            if (outcome != null) {
                outcome.completeExceptionally(new IllegalStateException(why, e));
            }
            return;
        }
        if (!READY.contains(reply.getString("status", ""))) {
            return;
        }
        CompletableFuture<JsonObject> outcome = waiting.get(id);
        if (outcome != null) {
            outcome.complete(reply);
        }
    }
}
