package dev.clockwork.rest;

import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generated request bodies for the API's fuzz tests: JSON objects whose keys are mostly the request classes' own
 * fields, each given a value of any type (strings with any Unicode, numbers in every notation and size, nested
 * objects and arrays), some with a key twice, some cut short, some with bytes that are not UTF-8. Shared by
 * {@link StrictJsonTest} (in-process) and the REST fuzz check against a running server.
 */
public final class JsonBodies {

    /** The fields of TaskRequest, RetryJson, UserRequest and ChangeRequest, and a few no class has. */
    static final List<String> KEYS = List.of("name", "trigger", "action", "args", "zone", "priority", "description",
            "timeout", "retry", "attempts", "backoff", "multiplier", "maxBackoff", "jitter", "username", "password",
            "role", "enabled", "mustChangePassword", "unknown", "");
    private static final List<String> ODD_NUMBERS = List.of("1e10", "5.5", "-0", "1E400", "-1e-400", "0.1e1",
            "123456789012345678901234567890", "2147483648", "-2147483649", "9223372036854775808", "1e-7", "100",
            "1.0", "0", "-1", "1e2147483647", "4.9e-324");
    private static final List<String> WORDS = List.of("every 1ms", "every 1h", "cron 0 9 * * MON-FRI", ".", "..",
            "log", "noop", "Europe/Paris", "30s", "clockwork-viewer", "yes", "true", "5", "", " ", "\u0000",
            "caf\u00e9 \u2603 \uD83D\uDE00", "a/b", "%2e%2e", "<script>alert(1)</script>", "'; DROP TABLE cw_task;--");

    private JsonBodies() {
    }

    /** Bodies as bytes, as they go over the wire. */
    public static Arbitrary<byte[]> bodies() {
        Arbitrary<String> text = object(3);
        return Arbitraries.frequencyOf(
                Tuple.of(3, plausibleTask().map(JsonBodies::utf8)),
                Tuple.of(12, text.map(JsonBodies::utf8)),
                Tuple.of(2, Combinators.combine(text, Arbitraries.integers().between(0, 1000))
                        .as((json, cut) -> utf8(json.substring(0, Math.min(cut, json.length()))))),
                Tuple.of(2, Combinators.combine(text, Arbitraries.integers().between(0, 1000),
                        Arbitraries.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
                                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xC0,
                                        (byte) 0xAF}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80}))
                        .as(JsonBodies::withBadBytes)),
                Tuple.of(1, nested()));
    }

    /** Query parameter values and path segments: any Unicode, path steps, encoded slashes, long ones. */
    public static Arbitrary<String> urlTexts() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().ofMaxLength(30)),
                Tuple.of(3, Arbitraries.of(WORDS)),
                Tuple.of(2, Arbitraries.of(ODD_NUMBERS)),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2000).ofMaxLength(6000)));
    }

    /** An object of 0-8 members: mostly known keys, sometimes one given twice. */
    static Arbitrary<String> object(int depth) {
        Arbitrary<String> key = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(KEYS)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(12)));
        Arbitrary<String> member = Combinators.combine(key, value(depth - 1))
                .as((k, v) -> quote(k) + ":" + v);
        return Combinators.combine(member.list().ofMaxSize(8), Arbitraries.integers().between(0, 9))
                .as((members, twice) -> {
                    if (twice < members.size() && twice < 2) {
                        members.add(members.get(twice).split(":", 2)[0] + ":null");
                    }
                    return "{" + String.join(",", members) + "}";
                });
    }

    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(WORDS).map(JsonBodies::quote)),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(40).map(JsonBodies::quote)),
                Tuple.of(1, Arbitraries.strings().withCharRange((char) 0x20, (char) 0x7E).ofMinLength(1000).ofMaxLength(3000)
                        .map(JsonBodies::quote)),
                Tuple.of(2, Arbitraries.integers().map(String::valueOf)),
                Tuple.of(1, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(1, Arbitraries.doubles().map(String::valueOf)),
                Tuple.of(2, Arbitraries.of(ODD_NUMBERS)),
                Tuple.of(2, Arbitraries.of("true", "false", "null")));
        if (depth <= 0) {
            return scalar;
        }
        return Arbitraries.frequencyOf(Tuple.of(8, scalar),
                Tuple.of(1, Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(5)
                        .map(items -> "[" + String.join(",", items) + "]")),
                Tuple.of(1, Arbitraries.lazy(() -> object(depth - 1))));
    }

    /**
     * A task body that may well be accepted: a fresh valid name, a valid trigger and action, and any of the other
     * fields with a value of any type; so the fuzz also goes down the paths that save a task.
     */
    private static Arbitrary<String> plausibleTask() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofLength(12).map(n -> "fuzz." + n);
        Arbitrary<String> trigger = Arbitraries.of("every 1h", "cron 0 9 * * MON-FRI", "at 2199-12-31T23:59",
                "in 2h", "every 1s times 1", "cron */5 * * * * *");
        Arbitrary<String> extra = Combinators.combine(Arbitraries.of("args", "zone", "priority", "description",
                "timeout", "retry", "unknown"), value(2)).as((k, v) -> "," + quote(k) + ":" + v);
        return Combinators.combine(name, trigger, extra.list().ofMaxSize(3))
                .as((n, t, more) -> "{\"name\":" + quote(n) + ",\"trigger\":" + quote(t) + ",\"action\":\"noop\""
                        + String.join("", more) + "}");
    }

    /** Arrays or objects nested 1-200 deep around a value. */
    private static Arbitrary<byte[]> nested() {
        return Arbitraries.integers().between(1, 200).map(depth -> utf8("{\"args\":" + "[".repeat(depth) + "1"
                + "]".repeat(depth) + ",\"name\":" + "{\"a\":".repeat(depth / 4) + "0" + "}".repeat(depth / 4) + "}"));
    }

    private static byte[] withBadBytes(String json, int at, byte[] bad) {
        byte[] good = utf8(json);
        int cut = Math.min(at, good.length);
        byte[] body = new byte[good.length + bad.length];
        System.arraycopy(good, 0, body, 0, cut);
        System.arraycopy(bad, 0, body, cut, bad.length);
        System.arraycopy(good, cut, body, cut + bad.length, good.length - cut);
        return body;
    }

    private static String quote(String text) {
        return Json.createValue(text).toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
