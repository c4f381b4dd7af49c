package dev.clockwork.web;

import dev.clockwork.api.ExecutionInfo;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.engine.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * The id of the message a queue task handed to its broker last, for its page: the {@code messageId} of an
 * {@code amqp} run's result, the {@code celeryTaskId} of a {@code celery} run's; a celery run that awaited its
 * outcome keeps the returned value instead, and its task id is the fire's idempotency key.
 */
final class LastHandOff {

    private LastHandOff() {
    }

    /** Whether tasks of {@code action} hand messages to a broker. */
    static boolean handsOff(String action) {
        return action.equals("amqp") || action.equals("celery");
    }

    /** The id, from {@code newestFirst}, the task's latest executions; empty for other actions. */
    static Optional<String> id(String action, List<ExecutionInfo> newestFirst) {
        if (!handsOff(action)) {
            return Optional.empty();
        }
        String field = switch (action) {
            case "amqp" -> "messageId";
            case "celery" -> "celeryTaskId";
            default -> throw new IllegalArgumentException("not a queue action: " + action);
        };
        return newestFirst.stream().filter(run -> run.status() == ExecutionStatus.SUCCEEDED).findFirst()
                .map(run -> run.result().flatMap(result -> field(result, field)).orElse(run.idempotencyKey()));
    }

    private static Optional<String> field(String result, String field) {
        try (JsonReader reader = Jsonp.reader(result)) {
            JsonValue value = reader.readValue();
            if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                JsonObject object = value.asJsonObject();
                return Optional.ofNullable(object.getString(field, null));
            }
            return Optional.empty();
        } catch (JsonException e) {
            // A result that is not JSON (an awaited Celery task's returned value is): the key stands for the id.
            return Optional.empty();
        }
    }
}
