package dev.clockwork.rest;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.engine.Jsonp;
import dev.clockwork.security.Excerpt;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads a request body the way the API promises: UTF-8 only (RFC 8259), no key twice in one object, no nesting past
 * {@link #MOST_DEPTH}, and each field the request class declares given the JSON type of its Java field, never
 * coerced (JSON-B would read {@code "5"} as 5 and {@code "yes"} as false). Fields the class does not declare are
 * left to JSON-B, which ignores them. Each refusal is an INVALID {@link SchedulerException} naming the field by its
 * path ({@code retry.attempts}, {@code args.list[2]}).
 */
final class StrictJson {

    /** Deeper nesting is refused: no request needs it, and each level costs a stack frame. */
    static final int MOST_DEPTH = 64;

    private static final JsonProvider JSON = Jsonp.provider();
    private static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of());
    private static final JsonBuilderFactory BUILDERS = JSON.createBuilderFactory(Map.of());

    private StrictJson() {
    }

    /**
     * The body as checked JSON text for JSON-B to bind to {@code type}; a blank body is returned as it is, for the
     * resource to say what it needs.
     *
     * @throws SchedulerException INVALID, naming the field at fault when there is one
     */
    static String read(byte[] body, Class<?> type) {
        String text = utf8(body);
        if (text.isBlank()) {
            return text;
        }
        JsonValue value;
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            value = value(parser, parser.next(), "", 0);
            if (parser.hasNext()) {
                throw SchedulerException.invalid(null, "The request body has more after its JSON value.");
            }
        } catch (JsonParsingException e) {
            throw SchedulerException.invalid(null, "The request body is not valid JSON: "
                    + Excerpt.of(e.getMessage(), UnreadableBodyMapper.MOST_QUOTED));
        } catch (JsonException | IllegalStateException | ArithmeticException | NumberFormatException e) {
            // Parsers refuse some valid-looking numbers (too many digits) with other exceptions than a parse error.
            throw SchedulerException.invalid(null, "The request body cannot be read as JSON: "
                    + Excerpt.of(String.valueOf(e.getMessage()), UnreadableBodyMapper.MOST_QUOTED));
        }
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return text;
        }
        if (!(value instanceof JsonObject object)) {
            throw SchedulerException.invalid(null, "The request body must be a JSON object of fields, not "
                    + describe(value) + ".");
        }
        checkFields(object, type, "");
        return object.toString();
    }

    /** The body decoded as UTF-8; a malformed byte sequence is refused with its offset, never replaced. */
    private static String utf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw SchedulerException.invalid(null, "The request body is not valid UTF-8: byte " + in.position()
                    + " starts a malformed sequence. Send JSON encoded as UTF-8.");
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        // A byte order mark is allowed before JSON text and means nothing (RFC 8259, 8.1).
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static JsonValue value(JsonParser parser, JsonParser.Event event, String path, int depth) {
        if (depth > MOST_DEPTH) {
            throw SchedulerException.invalid(path.isEmpty() ? null : path, "The request body nests objects and"
                    + " arrays deeper than " + MOST_DEPTH + " levels.");
        }
        return switch (event) {
            case START_OBJECT -> object(parser, path, depth + 1);
            case START_ARRAY -> array(parser, path, depth + 1);
            default -> parser.getValue();
        };
    }

    private static JsonObject object(JsonParser parser, String path, int depth) {
        JsonObjectBuilder builder = BUILDERS.createObjectBuilder();
        Set<String> keys = new HashSet<>();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
            String key = parser.getString();
            String field = path.isEmpty() ? key : path + "." + key;
            if (!keys.add(key)) {
                throw SchedulerException.invalid(Excerpt.of(field), "The key \"" + Excerpt.of(key)
                        + "\" appears twice in one object; give each field once.");
            }
            builder.add(key, value(parser, parser.next(), field, depth));
        }
        return builder.build();
    }

    private static JsonValue array(JsonParser parser, String path, int depth) {
        JsonArrayBuilder builder = BUILDERS.createArrayBuilder();
        int index = 0;
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_ARRAY; event = parser.next()) {
            builder.add(value(parser, event, path + "[" + index++ + "]", depth));
        }
        return builder.build();
    }

    /** Checks each field {@code type} declares against the JSON value given for it; null stands for absent. */
    private static void checkFields(JsonObject object, Class<?> type, String path) {
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            JsonValue value = object.get(field.getName());
            if (value != null && value.getValueType() != JsonValue.ValueType.NULL) {
                check(path + field.getName(), field.getType(), value);
            }
        }
    }

    private static void check(String field, Class<?> type, JsonValue value) {
        if (JsonValue.class.isAssignableFrom(type)) {
            return;
        }
        if (type == String.class || type.isEnum()) {
            require(value instanceof JsonString, field, "a string such as \"text\"", value);
        } else if (type == Boolean.class || type == boolean.class) {
            require(value == JsonValue.TRUE || value == JsonValue.FALSE, field, "true or false", value);
        } else if (type == Integer.class || type == int.class) {
            require(value instanceof JsonNumber number && fitsInt(number.bigDecimalValue()), field,
                    "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE, value);
        } else if (type == Long.class || type == long.class) {
            require(value instanceof JsonNumber number && fitsLong(number.bigDecimalValue()), field,
                    "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE, value);
        } else if (type == Double.class || type == double.class) {
            require(value instanceof JsonNumber number && Double.isFinite(number.bigDecimalValue().doubleValue()),
                    field, "a number such as 0.5", value);
        } else if (!type.isPrimitive() && type.getPackageName().equals(StrictJson.class.getPackageName())) {
            require(value instanceof JsonObject, field, "an object", value);
            checkFields((JsonObject) value, type, field + ".");
        }
    }

    private static boolean fitsInt(BigDecimal number) {
        try {
            number.intValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static boolean fitsLong(BigDecimal number) {
        try {
            number.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static void require(boolean fits, String field, String expected, JsonValue value) {
        if (!fits) {
            throw SchedulerException.invalid(field, field + " must be " + expected + ", not " + describe(value)
                    + ".");
        }
    }

    /** A short description of a value a caller sent, quoting at most an excerpt of it. */
    private static String describe(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> "the string \"" + Excerpt.of(((JsonString) value).getString()) + "\"";
            case NUMBER -> "the number " + Excerpt.of(value.toString());
            case TRUE, FALSE -> value.toString();
            case NULL -> "null";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
        };
    }
}
