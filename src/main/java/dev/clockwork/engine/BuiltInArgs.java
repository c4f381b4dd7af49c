package dev.clockwork.engine;

import static dev.clockwork.engine.JsonArgs.given;
import static dev.clockwork.engine.JsonArgs.named;
import static dev.clockwork.engine.JsonArgs.object;
import static dev.clockwork.engine.JsonArgs.text;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.engine.rules.HttpCall;
import dev.clockwork.engine.rules.JmsSend;
import dev.clockwork.engine.rules.ShellCommand;
import dev.clockwork.engine.rules.TaskDefinitions;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
 * Reads the JSON arguments of the built-in {@code shell}, {@code http} and {@code jms} actions into their checked commands, the
 * same way when a task is saved and when it runs. Errors are INVALID and name the field as {@code args.<field>}.
 */
public final class BuiltInArgs {

    public static final String SHELL = "shell";
    public static final String HTTP = "http";
    public static final String JMS = "jms";

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
        Optional<String> cwd = given(args, "cwd").map(v -> text(v, "args.cwd"));
        Map<String, String> env = named(args, "env", "env must be an object of names to strings, e.g."
                + " {\"env\": {\"PGHOST\": \"db1\"}}.", (name, value) -> text(value, "args.env"));
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
        Map<String, HttpCall.Header> headers = named(args, "headers", "headers must be an object, e.g. {\"headers\":"
                + " {\"Accept\": \"application/json\", \"Authorization\": {\"secret\": \"billing-token\"}}}.",
                BuiltInArgs::header);
        Optional<HttpCall.Body> body = given(args, "body").map(v -> v instanceof JsonString s ? new HttpCall.Body(s.getString(), "text/plain; charset=utf-8")
                        : new HttpCall.Body(v.toString(), "application/json"));
        Duration timeout = given(args, "timeout").map(v -> TaskDefinitions.parseDuration("args.timeout", text(v, "args.timeout")))
                .orElse(HttpCall.DEFAULT_TIMEOUT);
        return new HttpCall(method, uri, headers, body, timeout, expect(args.get("expect")));
    }

    /**
     * {@code {"queue": "reports", "body": {"day": "monday"}, "properties": {"region": "eu"}, "deliveryMode":
     * "PERSISTENT", "priority": 4, "timeToLive": "10m"}}, with {@code destination} (a JNDI name) or {@code topic}
     * instead of {@code queue}. A body that is not a string is sent as its JSON text.
     */
    public static JmsSend jms(Optional<String> argsJson) {
        JsonObject args = object(argsJson, "{\"queue\": \"reports\", \"body\": {\"day\": \"monday\"}}");
        Set<String> unknown = new java.util.TreeSet<>(args.keySet());
        unknown.removeAll(JMS_FIELDS);
        if (!unknown.isEmpty()) {
            throw SchedulerException.invalid("args", "A jms task does not take " + unknown + "; its arguments are "
                    + new java.util.TreeSet<>(JMS_FIELDS) + ", e.g. {\"queue\": \"reports\", \"body\": \"hello\"}.");
        }
        List<JmsSend.Target> targets = new ArrayList<>();
        for (JmsSend.Kind kind : JmsSend.Kind.values()) {
            given(args, kind.field()).ifPresent(v -> targets.add(new JmsSend.Target(kind, text(v, "args." + kind.field()))));
        }
        if (targets.size() > 1) {
            throw SchedulerException.invalid("args", "A jms task names one of destination, queue and topic; this one"
                    + " names " + targets + ".");
        }
        Optional<String> body = given(args, "body").map(v -> v instanceof JsonString s ? s.getString() : v.toString());
        Map<String, Object> properties = named(args, "properties", "properties must be an object of names to"
                + " strings, numbers or true/false, e.g. {\"properties\": {\"region\": \"eu\"}}.",
                (name, value) -> propertyValue(value));
        JmsSend.Delivery delivery = given(args, "deliveryMode").map(v -> delivery(text(v, "args.deliveryMode")))
                .orElse(JmsSend.Delivery.PERSISTENT);
        int priority = given(args, "priority").map(BuiltInArgs::priority).orElse(JmsSend.DEFAULT_PRIORITY);
        Duration timeToLive = given(args, "timeToLive").map(v -> TaskDefinitions.parseDuration("args.timeToLive", text(v, "args.timeToLive")))
                .orElse(Duration.ZERO);
        return new JmsSend(targets.isEmpty() ? null : targets.get(0), body, properties, delivery, priority,
                timeToLive);
    }

    private static final Set<String> JMS_FIELDS = Set.of("destination", "queue", "topic", "body", "properties",
            "deliveryMode", "priority", "timeToLive");

    private static Object propertyValue(JsonValue value) {
        // An array, object or null stays as it is: JmsSend refuses it, quoting it.
        return JsonScalars.value(value).orElse(value);
    }

    private static JmsSend.Delivery delivery(String text) {
        try {
            return JmsSend.Delivery.valueOf(text.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw SchedulerException.invalid("args.deliveryMode", "deliveryMode must be PERSISTENT (the default) or"
                    + " NON_PERSISTENT; was \"" + text + "\".");
        }
    }

    private static int priority(JsonValue value) {
        if (value instanceof JsonNumber number && number.isIntegral() && Math.abs(number.longValue()) < 1000) {
            return number.intValue();
        }
        throw SchedulerException.invalid("args.priority", "priority must be a whole number from 0 to 9, e.g. 4;"
                + " was " + value + ".");
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

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw SchedulerException.invalid("args.url", "url \"" + text + "\" is not a URL: " + e.getReason()
                    + " at index " + e.getIndex() + ".");
        }
    }
}
