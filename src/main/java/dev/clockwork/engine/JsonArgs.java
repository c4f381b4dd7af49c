package dev.clockwork.engine;

import dev.clockwork.api.SchedulerException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Reading a built-in action's JSON object of arguments ({@link BuiltInArgs}, {@link QueueArgs}): each refusal is an
 * INVALID {@link SchedulerException} that names the argument.
 */
final class JsonArgs {

    private JsonArgs() {
    }

    /** The arguments as a JSON object; {@code example} shows a valid one in the refusal. */
    static JsonObject object(Optional<String> argsJson, String example) {
        try (JsonReader reader = Jsonp.reader(argsJson.orElse("null"))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                return value.asJsonObject();
            }
        } catch (JsonException e) {
            throw SchedulerException.invalid("args", "args is not valid JSON: " + e.getMessage() + ". Example: "
                    + example);
        }
        throw SchedulerException.invalid("args", "This action takes a JSON object as args, e.g. " + example);
    }

    /** The same, refusing the first argument (by name) that is not one of {@code fields}. */
    static JsonObject object(Optional<String> argsJson, String example, Set<String> fields) {
        JsonObject args = object(argsJson, example);
        args.keySet().stream().filter(name -> !fields.contains(name)).sorted().findFirst().ifPresent(name -> {
            throw SchedulerException.invalid("args." + name, "Unknown argument \"" + name + "\"; this action takes "
                    + new TreeSet<>(fields) + ". Example: " + example);
        });
        return args;
    }

    /** The argument {@code field}; empty when it is absent or JSON null. */
    static Optional<JsonValue> given(JsonObject args, String field) {
        return Optional.ofNullable(args.get(field)).filter(value -> value != JsonValue.NULL);
    }

    /** A string argument, refused as "{@code field} must be a string" when it is given as anything else. */
    static Optional<String> optionalText(JsonObject args, String field) {
        return given(args, field).map(value -> {
            if (value instanceof JsonString s) {
                return s.getString();
            }
            throw SchedulerException.invalid("args." + field, field + " must be a string; was " + value + ".");
        });
    }

    static String text(JsonValue value, String field) {
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw SchedulerException.invalid(field, field + " must be a string; was " + value + ".");
    }

    /**
     * An argument that is an object of names to values ({@code env}, {@code headers}, {@code properties}), each value
     * read by {@code each}, in the order given; empty when absent. Anything but an object is refused with
     * {@code notAnObject}.
     */
    static <T> Map<String, T> named(JsonObject args, String field, String notAnObject,
                                    BiFunction<String, JsonValue, T> each) {
        Map<String, T> values = new LinkedHashMap<>();
        Optional<JsonValue> given = given(args, field);
        if (given.isPresent()) {
            if (given.get().getValueType() != JsonValue.ValueType.OBJECT) {
                throw SchedulerException.invalid("args." + field, notAnObject);
            }
            given.get().asJsonObject().forEach((name, value) -> values.put(name, each.apply(name, value)));
        }
        return values;
    }
}
