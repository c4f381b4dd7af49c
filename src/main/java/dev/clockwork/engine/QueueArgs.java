package dev.clockwork.engine;

import static dev.clockwork.engine.JsonArgs.named;
import static dev.clockwork.engine.JsonArgs.object;
import static dev.clockwork.engine.JsonArgs.optionalText;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.engine.rules.AmqpConfig;
import dev.clockwork.engine.rules.AmqpMessage;
import dev.clockwork.engine.rules.CeleryCall;
import dev.clockwork.engine.rules.TaskDefinitions;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the JSON arguments of the {@code amqp} and {@code celery} actions into their checked messages, the same way
 * when a task is saved and when it runs. Errors are INVALID and name the field as {@code args.<field>}.
 */
public final class QueueArgs {

    public static final String AMQP = "amqp";
    public static final String CELERY = "celery";
    private static final Set<String> AMQP_FIELDS = Set.of("exchange", "routingKey", "body", "contentType", "headers",
            "persistent");
    private static final Set<String> CELERY_FIELDS = Set.of("task", "args", "kwargs", "queue", "expires", "await");

    private QueueArgs() {
    }

    /** Whether {@code action} is one of these two, which publish to the server's RabbitMQ. */
    public static boolean publishes(String action) {
        return action.equals(AMQP) || action.equals(CELERY);
    }

    /**
     * Checks the arguments of an {@code amqp} or {@code celery} task and that the server lets it publish where they
     * say.
     *
     * @throws SchedulerException INVALID naming the argument
     */
    public static void checkAllowed(String action, Optional<String> argsJson, AmqpConfig config) {
        if (action.equals(AMQP)) {
            amqp(argsJson).checkAllowed(config);
        } else {
            celery(argsJson).checkAllowed(config);
        }
    }

    /**
     * {@code {"exchange": "", "routingKey": "reports", "body": <JSON or text>, "contentType": "application/json",
     * "headers": {..}, "persistent": true}}.
     */
    public static AmqpMessage amqp(Optional<String> argsJson) {
        JsonObject args = object(argsJson, "{\"routingKey\": \"reports\", \"body\": {\"day\": \"monday\"}}",
                AMQP_FIELDS);
        String exchange = optionalText(args, "exchange").orElse("");
        String routingKey = optionalText(args, "routingKey").orElse(null);
        JsonValue bodyValue = args.getOrDefault("body", JsonValue.NULL);
        boolean text = bodyValue instanceof JsonString;
        String body = bodyValue == JsonValue.NULL ? "" : text ? ((JsonString) bodyValue).getString()
                : bodyValue.toString();
        String contentType = optionalText(args, "contentType")
                .orElse(text || bodyValue == JsonValue.NULL ? "text/plain" : "application/json");
        Map<String, Object> headers = named(args, "headers", "headers must be an object of names to strings,"
                + " numbers or booleans, e.g. {\"headers\": {\"region\": \"eu\", \"priority\": 2}}.",
                QueueArgs::headerValue);
        boolean persistent = switch (args.getOrDefault("persistent", JsonValue.TRUE).getValueType()) {
            case TRUE, NULL -> true;
            case FALSE -> false;
            default -> throw SchedulerException.invalid("args.persistent", "persistent is true (the default: the"
                    + " broker keeps the message on disk) or false; was " + args.get("persistent") + ".");
        };
        return new AmqpMessage(exchange, routingKey, body, contentType, headers, persistent);
    }

    /**
     * {@code {"task": "billing.tasks.invoice", "args": [..], "kwargs": {..}, "queue": "celery", "expires": "10m",
     * "await": "2m"}}.
     */
    public static CeleryCall celery(Optional<String> argsJson) {
        JsonObject args = object(argsJson, "{\"task\": \"billing.tasks.invoice\", \"args\": [30]}", CELERY_FIELDS);
        JsonValue positional = args.getOrDefault("args", JsonValue.NULL);
        if (positional != JsonValue.NULL && positional.getValueType() != JsonValue.ValueType.ARRAY) {
            throw SchedulerException.invalid("args.args", "args are the Celery task's positional arguments, a JSON"
                    + " array, e.g. \"args\": [2, 3]; was " + positional + ".");
        }
        JsonValue keywords = args.getOrDefault("kwargs", JsonValue.NULL);
        if (keywords != JsonValue.NULL && keywords.getValueType() != JsonValue.ValueType.OBJECT) {
            throw SchedulerException.invalid("args.kwargs", "kwargs are the Celery task's keyword arguments, a JSON"
                    + " object, e.g. \"kwargs\": {\"days\": 30}; was " + keywords + ".");
        }
        return new CeleryCall(optionalText(args, "task").orElse(null),
                positional == JsonValue.NULL ? "[]" : positional.toString(),
                keywords == JsonValue.NULL ? "{}" : keywords.toString(), optionalText(args, "queue").orElse(null),
                duration(args, "expires"), duration(args, "await"));
    }

    private static Object headerValue(String name, JsonValue value) {
        return JsonScalars.value(value).orElseThrow(() -> SchedulerException.invalid("args.headers", "Header "
                + name + " must be a string, a number or a boolean; was " + value + "."));
    }

    private static Optional<Duration> duration(JsonObject args, String field) {
        return optionalText(args, field).map(text -> TaskDefinitions.parseDuration("args." + field, text));
    }
}
