package dev.clockwork.actions;

import dev.clockwork.api.Action;
import dev.clockwork.api.ActionContext;
import dev.clockwork.api.TaskAction;
import dev.clockwork.engine.BuiltInArgs;
import dev.clockwork.engine.CommitWithOutcome;
import dev.clockwork.engine.JmsProvider;
import dev.clockwork.engine.Jsonp;
import dev.clockwork.engine.rules.JmsConfig;
import dev.clockwork.engine.rules.JmsSend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.TextMessage;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one text message per run with the server's JMS provider: {@code {"queue": "reports", "body": {"day":
 * "monday"}, "properties": {"region": "eu"}, "deliveryMode": "PERSISTENT", "priority": 4, "timeToLive": "10m"}}, or
 * {@code "destination"} (a JNDI name) or {@code "topic"} instead of {@code "queue"}. The connection factory
 * ({@code clockwork.jms.connection-factory}) and a named destination are looked up at the run ({@link JmsProvider});
 * on a server without them the run fails with "no JMS provider on this server: ..." and how to get one. The
 * destination must be on {@code clockwork.jms.allow}, checked at every run.
 *
 * <p>The message carries the fire's idempotency key as its {@code JMSCorrelationID} and property
 * {@code clockworkIdempotencyKey}, with {@code clockworkTask}, {@code clockworkFireTime} and {@code clockworkAttempt}.
 * It is sent in the transaction that records the run's outcome ({@link CommitWithOutcome}): with the server's
 * transactional connection factory the message is delivered only if the outcome commits
 * (docs/decisions/042-jms-action.md, docs/jms.md). The result names the destination as the task does and the
 * message id: {@code {"queue": "reports", "messageId": "ID:...", "correlationId": "<idempotency key>"}}.
 */
@ApplicationScoped
@Action(value = BuiltInArgs.JMS, description = "Sends a JMS message with the server's broker, in the transaction"
        + " that records the run. Args: {\"queue\": \"reports\"} or {\"topic\": \"news\"} (physical names) or"
        + " {\"destination\": \"java:/jms/queue/reports\"} (JNDI), plus \"body\" (text or JSON), \"properties\""
        + " {name: value}, \"deliveryMode\" PERSISTENT|NON_PERSISTENT, \"priority\" 0-9, \"timeToLive\" \"10m\"."
        + " The destination must be on clockwork.jms.allow.")
public class JmsAction implements TaskAction {

    @Inject
    JmsConfig config;
    @Inject
    JmsProvider provider;

    @Override
    public Object run(ActionContext context) {
        JmsSend send = BuiltInArgs.jms(Optional.of(context.argsJson()));
        ConnectionFactory factory = provider.connectionFactory();
        send.checkAllowed(config);
        Optional<Destination> named = send.target().kind() == JmsSend.Kind.DESTINATION
                ? Optional.of(provider.destination(send.target().name())) : Optional.empty();
        Message message = new Message(context.idempotencyKey(), context.taskName(), context.fireTime().toString(),
                context.attempt());
        return new CommitWithOutcome(() -> send(factory, named, send, message));
    }

    /** Sends in the caller's transaction: a context of the server's factory joins it. */
    static String send(ConnectionFactory factory, Optional<Destination> named, JmsSend send, Message about)
            throws JMSException {
        try (JMSContext context = factory.createContext()) {
            Destination destination = named.orElseGet(() -> send.target().kind() == JmsSend.Kind.TOPIC
                    ? context.createTopic(send.target().name()) : context.createQueue(send.target().name()));
            TextMessage message = context.createTextMessage(send.body().orElse(null));
            message.setJMSCorrelationID(about.idempotencyKey());
            message.setStringProperty("clockworkIdempotencyKey", about.idempotencyKey());
            message.setStringProperty("clockworkTask", about.task());
            message.setStringProperty("clockworkFireTime", about.fireTime());
            message.setIntProperty("clockworkAttempt", about.attempt());
            for (Map.Entry<String, Object> property : send.properties().entrySet()) {
                message.setObjectProperty(property.getKey(), property.getValue());
            }
            JMSProducer producer = context.createProducer()
                    .setDeliveryMode(send.delivery() == JmsSend.Delivery.PERSISTENT ? DeliveryMode.PERSISTENT
                            : DeliveryMode.NON_PERSISTENT)
                    .setPriority(send.priority())
                    .setTimeToLive(send.timeToLive().toMillis());
            producer.send(destination, message);
            return Jsonp.object().add(send.target().kind().field(), send.target().name())
                    .add("messageId", String.valueOf(message.getJMSMessageID()))
                    .add("correlationId", about.idempotencyKey()).build().toString();
        }
    }

    /** What the message says about its fire. */
    record Message(String idempotencyKey, String task, String fireTime, int attempt) {
    }
}
