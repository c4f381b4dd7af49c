package dev.clockwork.engine;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.engine.rules.HttpCall;
import dev.clockwork.engine.rules.ShellCommand;
import dev.clockwork.engine.rules.TaskDefinitions;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the JSON arguments of the built-in {@code shell} and {@code http} actions into their checked commands, the
 * same way when a task is saved and when it runs. Errors are INVALID and name the field as {@code args.<field>}.
 */
public final class BuiltInArgs {

    public static final String SHELL = "shell";
    public static final String HTTP = "http";

    private BuiltInArgs() {
    }

    /** {@code {"argv": [...], "cwd": "...", "env": {...}, "<name>": value...}}. */
    public static ShellCommand shell(Optional<String> argsJson) {
        JsonObject args = object(argsJson, "{\"argv\": [\"/usr/bin/pg_dump\", \"{db}\"], \"db\": \"sales\"}");
        List<String> argv = new ArrayList<>();
        JsonValue argvValue = args.get("argv");
        if (argvValue != null && argvValue.getValueType() == JsonValue.ValueType.ARRAY) {
            argvValue.asJsonArray().forEach(item -> argv.add(item instanceof JsonString s ? s.getString() : null));
        }
        Optional<String> cwd = Optional.ofNullable(args.get("cwd")).filter(v -> v != JsonValue.NULL)
                .map(v -> text(v, "args.cwd"));
        Map<String, String> env = new HashMap<>();
        JsonValue envValue = args.get("env");
        if (envValue != null && envValue != JsonValue.NULL) {
            if (envValue.getValueType() != JsonValue.ValueType.OBJECT) {
                throw SchedulerException.invalid("args.env", "env must be an object of names to strings, e.g."
                        + " {\"env\": {\"PGHOST\": \"db1\"}}.");
            }
            envValue.asJsonObject().forEach((name, value) -> env.put(name, text(value, "args.env")));
        }
        Map<String, String> values = new HashMap<>();
        args.forEach((name, value) -> {
            if (!Set.of("argv", "cwd", "env").contains(name) && value != JsonValue.NULL) {
                values.put(name, value instanceof JsonString s ? s.getString() : value.toString());
            }
        });
        return new ShellCommand(argv, cwd, env, values);
    }

    /**
     * {@code {"method": "POST", "url": "...", "headers": {"Authorization": {"secret": "billing-token"}}, "body": ...,
     * "timeout": "30s", "expect": [200, 204]}}.
     */
    public static HttpCall http(Optional<String> argsJson) {
        JsonObject args = object(argsJson, "{\"url\": \"https://billing.example.com/api/remind\"}");
        String method = Optional.ofNullable(args.get("method")).map(v -> text(v, "args.method")).orElse("GET");
        URI uri = Optional.ofNullable(args.get("url")).map(v -> uri(text(v, "args.url"))).orElse(null);
        Map<String, HttpCall.Header> headers = new HashMap<>();
        JsonValue headersValue = args.get("headers");
        if (headersValue != null && headersValue != JsonValue.NULL) {
            if (headersValue.getValueType() != JsonValue.ValueType.OBJECT) {
                throw SchedulerException.invalid("args.headers", "headers must be an object, e.g. {\"headers\":"
                        + " {\"Accept\": \"application/json\", \"Authorization\": {\"secret\": \"billing-token\"}}}.");
            }
            headersValue.asJsonObject().forEach((name, value) -> headers.put(name, header(name, value)));
        }
        Optional<HttpCall.Body> body = Optional.ofNullable(args.get("body")).filter(v -> v != JsonValue.NULL)
                .map(v -> v instanceof JsonString s ? new HttpCall.Body(s.getString(), "text/plain; charset=utf-8")
                        : new HttpCall.Body(v.toString(), "application/json"));
        Duration timeout = Optional.ofNullable(args.get("timeout")).filter(v -> v != JsonValue.NULL)
                .map(v -> TaskDefinitions.parseDuration("args.timeout", text(v, "args.timeout")))
                .orElse(HttpCall.DEFAULT_TIMEOUT);
        return new HttpCall(method, uri, headers, body, timeout, expect(args.get("expect")));
    }

    private static HttpCall.Header header(String name, JsonValue value) {
        if (value instanceof JsonString s) {
            return HttpCall.Header.literal(s.getString());
        }
        if (value.getValueType() == JsonValue.ValueType.OBJECT && value.asJsonObject().keySet().equals(Set.of("secret"))
                && value.asJsonObject().get("secret") instanceof JsonString secret) {
            return HttpCall.Header.secret(secret.getString());
        }
        throw SchedulerException.invalid("args.headers", "Header " + name + " must be a string or {\"secret\":"
                + " \"name\"} (read from the server's setting clockwork.secret.name).");
    }

    private static Set<Integer> expect(JsonValue value) {
        Set<Integer> statuses = new HashSet<>();
        if (value == null || value == JsonValue.NULL) {
            return statuses;
        }
        List<JsonValue> items = value.getValueType() == JsonValue.ValueType.ARRAY ? value.asJsonArray() : List.of(value);
        for (JsonValue item : items) {
            if (!(item instanceof JsonNumber number) || !number.isIntegral()) {
                throw SchedulerException.invalid("args.expect", "expect lists the statuses that succeed, e.g."
                        + " \"expect\": [200, 204]; was " + value + ".");
            }
            statuses.add(number.intValue());
        }
        return statuses;
    }

    private static JsonObject object(Optional<String> argsJson, String example) {
        try (JsonReader reader = Json.createReader(new StringReader(argsJson.orElse("null")))) {
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

    private static String text(JsonValue value, String field) {
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw SchedulerException.invalid(field, field + " must be a string; was " + value + ".");
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw SchedulerException.invalid("args.url", "url \"" + text + "\" is not a URL: " + e.getReason()
                    + " at index " + e.getIndex() + ".");
        }
    }
}
