package dev.clockwork.actions;

import com.rabbitmq.client.AMQP;
import dev.clockwork.api.Action;
import dev.clockwork.api.ActionContext;
import dev.clockwork.api.TaskAction;
import dev.clockwork.engine.Jsonp;
import dev.clockwork.engine.QueueArgs;
import dev.clockwork.engine.rules.AmqpConfig;
import dev.clockwork.engine.rules.AmqpMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes a message to RabbitMQ: {@code {"exchange": "", "routingKey": "reports", "body": {"day": "monday"},
 * "contentType": "application/json", "headers": {"region": "eu"}, "persistent": true}}. The exchange (or, through the
 * default exchange, the queue) must be on {@code clockwork.amqp.allow}, checked at every run. The message is
 * published mandatory and confirmed by the broker ({@link PublishChannel}); its {@code message_id} is the fire's
 * idempotency key, the same for every attempt, and its headers name the task, the fire time and the attempt. The
 * result is {@code {"messageId": ...}}.
 */
@ApplicationScoped
@Action(value = QueueArgs.AMQP, description = "Publishes a message to RabbitMQ (clockwork.amqp.uri), confirmed;"
        + " message_id = the fire's idempotency key. Args: {\"exchange\": \"\", \"routingKey\": \"reports\","
        + " \"body\": {..} or \"text\", \"contentType\": \"application/json\", \"headers\": {..},"
        + " \"persistent\": true}; routingKey required")
public class AmqpAction implements TaskAction {

    public static final String TASK_HEADER = "clockwork-task";
    public static final String FIRE_TIME_HEADER = "clockwork-fire-time";
    public static final String ATTEMPT_HEADER = "clockwork-attempt";

    @Inject
    AmqpConfig config;
    @Inject
    AmqpBroker broker;

    @Override
    public Object run(ActionContext context) throws Exception {
        AmqpMessage message = QueueArgs.amqp(Optional.of(context.argsJson()));
        config.requireUsable();
        message.checkAllowed(config);
        Map<String, Object> headers = new HashMap<>(message.headers());
        headers.put(TASK_HEADER, context.taskName());
        headers.put(FIRE_TIME_HEADER, context.fireTime().toString());
        headers.put(ATTEMPT_HEADER, context.attempt());
        String id = context.idempotencyKey();
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(id)
                .contentType(message.contentType()).contentEncoding("utf-8").deliveryMode(message.persistent() ? 2 : 1)
                .headers(headers).appId("clockwork").build();
        broker.publishConfirmed(message.exchange(), message.routingKey(), properties,
                message.body().getBytes(StandardCharsets.UTF_8));
        context.report("published to " + message.destination() + " as message " + id + ", confirmed");
        return Jsonp.object().add("messageId", id).build().toString();
    }
}
