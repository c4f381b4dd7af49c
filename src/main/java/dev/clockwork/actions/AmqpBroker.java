package dev.clockwork.actions;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import dev.clockwork.engine.NodeIdentity;
import dev.clockwork.engine.Secrets;
import dev.clockwork.engine.rules.AmqpConfig;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's one connection to RabbitMQ ({@code clockwork.amqp.uri}), opened at the first run that needs it and
 * opened again by the first run after it broke (the broker restarted, the network failed): the client's own automatic
 * recovery is off, so a run never waits for a recovery it cannot bound. Runs publish on pooled channels in confirm
 * mode ({@link PublishChannel}); the {@code celery} action's results come back on one reply queue per connection
 * ({@link CeleryReplies}). After a failed attempt to connect, runs in the next second fail at once with the same
 * reason instead of each waiting for its own connect timeout.
 */
@ApplicationScoped
public class AmqpBroker {

    private static final Logger LOG = Logger.getLogger(AmqpBroker.class.getName());
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long a publish waits for the broker's confirm: the longest a run without a timeout of its own waits. */
    static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REMEMBER_FAILURE = Duration.ofSeconds(1);
    private static final int MOST_IDLE_CHANNELS = 64;

    @Inject
    AmqpConfig config;
    @Inject
    Secrets secrets;
    @Inject
    NodeIdentity node;
    @Inject
    Clock clock;
    @Resource
    ManagedThreadFactory threadFactory;

    /** Guards the connection, its reply queue and the memory of a failed connect. */
    private final ReentrantLock lock = new ReentrantLock();
    /** The open connection, or null; guarded by {@link #lock}. */
    private Connection connection;
    private CeleryReplies replies;
    private Instant failedAt;
    private String failure;
    private final BlockingQueue<PublishChannel> idle = new LinkedBlockingQueue<>();
    /** Queues declared durable on the current connection, so that a fire declares its queue once per connection. */
    private final Set<String> declared = ConcurrentHashMap.newKeySet();

    /**
     * The open connection, opened now if there is none or it broke.
     *
     * @throws IllegalStateException saying why when the server has no usable broker setting or the broker cannot be
     *     reached; the message never holds the password
     */
    Connection connection() throws InterruptedException {
        // Interruptible: a run whose timeout comes while another run connects stops waiting for the lock.
        lock.lockInterruptibly();
        try {
            return openConnection();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a connection is open now; a lost one counts as closed once the client has seen it go. */
    boolean connected() {
        lock.lock();
        try {
            return connection != null && connection.isOpen();
        } finally {
            lock.unlock();
        }
    }

    private Connection openConnection() {
        if (connection != null && connection.isOpen()) {
            return connection;
        }
        config.requireUsable();
        Instant now = clock.instant();
        if (failedAt != null && now.isBefore(failedAt.plus(REMEMBER_FAILURE))) {
            throw new IllegalStateException(failure);
        }
        forgetConnection();
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(withDefaultVirtualHost(config.uri().orElseThrow()));
            config.passwordSecret().ifPresent(name -> factory.setPassword(secrets.value(name).orElseThrow(() ->
                    new IllegalStateException(AmqpConfig.PASSWORD_SECRET_KEY + " names secret \"" + name + "\", which"
                            + " is not set on this server; an admin sets " + Secrets.key(name) + " (environment "
                            + Secrets.key(name).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")."))));
            factory.setAutomaticRecoveryEnabled(false);
            factory.setTopologyRecoveryEnabled(false);
            factory.setConnectionTimeout((int) CONNECT_TIMEOUT.toMillis());
            factory.setHandshakeTimeout((int) CONNECT_TIMEOUT.toMillis());
            factory.setThreadFactory(threads());
            connection = factory.newConnection("clockwork " + node.id());
            replies = new CeleryReplies(connection);
            failedAt = null;
            LOG.info(() -> "Connected to RabbitMQ at " + config.masked());
            return connection;
        } catch (IOException | TimeoutException | RuntimeException | java.security.GeneralSecurityException
                 | java.net.URISyntaxException e) {
            failedAt = now;
            failure = "RabbitMQ at " + config.masked() + " cannot be reached: " + describe(e)
                    + ". The run is retried by the task's retry policy; check that the broker runs and that "
                    + AmqpConfig.URI_KEY + " names it.";
            LOG.log(Level.WARNING, failure);
            throw new IllegalStateException(failure, e);
        }
    }

    /** A channel in confirm mode for one publish, from the pool or new; give it back with {@link #release}. */
    PublishChannel channel() throws IOException, InterruptedException {
        Connection open = connection();
        PublishChannel pooled;
        while ((pooled = idle.poll()) != null) {
            if (pooled.isOpen() && pooled.connection() == open) {
                return pooled;
            }
            pooled.closeQuietly();
        }
        return PublishChannel.open(open);
    }

    /** Puts a channel back in the pool when it is still usable, else closes it. */
    void release(PublishChannel channel) {
        if (channel.isOpen() && idle.size() < MOST_IDLE_CHANNELS) {
            idle.add(channel);
        } else {
            channel.closeQuietly();
        }
    }

    /**
     * Declares {@code queue} durable, as Celery does, so that what is published before any worker started is kept;
     * once per queue per connection. A queue that exists already with other arguments (a quorum queue, say) is used
     * as it is.
     */
    void declareDurable(String queue) throws IOException, InterruptedException {
        Connection open = connection();
        if (declared.contains(queue)) {
            return;
        }
        Channel channel = open.createChannel();
        try {
            channel.queueDeclare(queue, true, false, false, null);
        } catch (IOException e) {
            if (!(e.getCause() instanceof ShutdownSignalException signal) || !signal.getMessage().contains("406")) {
                throw e;
            }
        } finally {
            if (channel.isOpen()) {
                try {
                    channel.close();
                } catch (TimeoutException | IOException e) {
                    LOG.log(Level.FINE, "Closing a declaring channel failed", e);
                }
            }
        }
        declared.add(queue);
    }

    /** Declares {@code queue} again at its next use: it was deleted on the broker (a publish came back unroutable). */
    void forgetDeclared(String queue) {
        declared.remove(queue);
    }

    /** The reply queue of the current connection, for the {@code celery} action's {@code await}. */
    CeleryReplies replies() throws IOException, InterruptedException {
        lock.lockInterruptibly();
        try {
            openConnection();
            replies.start();
            return replies;
        } finally {
            lock.unlock();
        }
    }

    /** Who this node is, for the {@code origin} of Celery messages. */
    String nodeId() {
        return node.id();
    }

    /** Publishes {@code body} mandatory and waits for the broker's confirm, as {@link PublishChannel#publish}. */
    void publishConfirmed(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body)
            throws IOException, InterruptedException {
        PublishChannel channel = channel();
        try {
            channel.publish(exchange, routingKey, properties, body, CONFIRM_TIMEOUT);
        } finally {
            release(channel);
        }
    }

    @PreDestroy
    void close() {
        lock.lock();
        try {
            forgetConnection();
        } finally {
            lock.unlock();
        }
    }

    private void forgetConnection() {
        PublishChannel channel;
        while ((channel = idle.poll()) != null) {
            channel.closeQuietly();
        }
        declared.clear();
        if (replies != null) {
            replies.connectionLost("the connection to RabbitMQ was closed");
            replies = null;
        }
        if (connection != null) {
            try {
                if (connection.isOpen()) {
                    connection.close((int) CONNECT_TIMEOUT.toMillis());
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "Closing the broken connection to RabbitMQ failed", e);
            }
            connection = null;
        }
    }

    /**
     * The URI as the client reads it, except that a path of just {@code /} means the default virtual host {@code /}
     * (as Celery reads it), not one named "" that no broker has.
     */
    static String withDefaultVirtualHost(String uri) {
        return uri.endsWith("/") && uri.indexOf('/', uri.indexOf("://") + 3) == uri.length() - 1
                ? uri.substring(0, uri.length() - 1) : uri;
    }

    private ThreadFactory threads() {
        return threadFactory != null ? threadFactory : java.util.concurrent.Executors.defaultThreadFactory();
    }

    static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && (cause.getMessage() == null || cause instanceof IOException
                && cause.getCause() instanceof ShutdownSignalException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + AmqpConfig.maskUris(message));
    }
}
