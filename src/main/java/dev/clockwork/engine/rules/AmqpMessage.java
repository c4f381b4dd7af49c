package dev.clockwork.engine.rules;

import dev.clockwork.api.SchedulerException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an {@code amqp} task publishes, checked: exchange ({@code ""}, the default exchange, routes by queue name),
 * routing key, body and its content type, headers of its own and whether the broker keeps it on disk.
 *
 * @param body the body as sent: a JSON body as its JSON text, a string as it is
 * @param headers the task's own headers, each a string, a number or a boolean; names starting {@code clockwork-}
 *     are Clockwork's
 * @param persistent delivery mode 2 (kept on disk by a durable queue) when true, else 1
 */
public record AmqpMessage(String exchange, String routingKey, String body, String contentType,
                          Map<String, Object> headers, boolean persistent) {

    /** Names of exchanges and queues as RabbitMQ takes them. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{0,255}");
    private static final int SHORT_STRING = 255;
    public static final String RESERVED_PREFIX = "clockwork-";

    public AmqpMessage {
        exchange = exchange == null ? "" : exchange;
        if (!NAME.matcher(exchange).matches()) {
            throw SchedulerException.invalid("args.exchange", "Exchange \"" + exchange + "\" is not a valid name: use"
                    + " at most 255 letters, digits, '.', '_', ':' or '-', or \"\" for the default exchange.");
        }
        if (routingKey == null || routingKey.getBytes(StandardCharsets.UTF_8).length > SHORT_STRING
                || exchange.isEmpty() && (routingKey.isEmpty() || !NAME.matcher(routingKey).matches())) {
            throw SchedulerException.invalid("args.routingKey", "An amqp task needs \"routingKey\" (at most 255"
                    + " bytes; with the default exchange \"\" it is the queue's name), e.g. {\"exchange\": \"\","
                    + " \"routingKey\": \"reports\", \"body\": {\"day\": \"monday\"}}; was " + routingKey + ".");
        }
        body = body == null ? "" : body;
        if (contentType == null || contentType.isBlank() || contentType.length() > SHORT_STRING) {
            throw SchedulerException.invalid("args.contentType", "contentType must be a media type such as"
                    + " application/json; was " + contentType + ".");
        }
        headers = Map.copyOf(headers);
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            if (header.getKey().isEmpty() || header.getKey().length() > SHORT_STRING
                    || header.getKey().toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX)) {
                throw SchedulerException.invalid("args.headers", "Header \"" + header.getKey() + "\" cannot be set:"
                        + " names are 1-255 characters and those starting " + RESERVED_PREFIX + " are Clockwork's own.");
            }
        }
    }

    /** Whether it goes through the default exchange, straight to the queue its routing key names. */
    public boolean toQueue() {
        return exchange.isEmpty();
    }

    /**
     * Checks that this server lets tasks publish where this message goes: its exchange, or with the default exchange
     * the queue its routing key names.
     *
     * @throws SchedulerException INVALID naming {@code args.exchange} or {@code args.routingKey}
     */
    public void checkAllowed(AmqpConfig config) {
        if (toQueue()) {
            config.checkAllowed("args.routingKey", "queue", routingKey);
        } else {
            config.checkAllowed("args.exchange", "exchange", exchange);
        }
    }

    /** Where it goes, for messages: {@code exchange "x" with routing key "k"} or {@code queue "q"}. */
    public String destination() {
        return toQueue() ? "queue \"" + routingKey + "\"" : "exchange \"" + exchange + "\" with routing key \""
                + routingKey + "\"";
    }
}
