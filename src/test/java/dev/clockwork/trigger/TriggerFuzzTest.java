package dev.clockwork.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Throws generated trigger text at the parser: grammar-aware mutations of valid triggers (a character inserted,
 * dropped or replaced, tokens repeated, swapped or cut, two triggers spliced) and random text. Every string must
 * either parse, into a trigger whose next fire is after the instant asked about, or fail with a
 * {@link TriggerFormatException} that points at a column of the text; nothing else may come out. The seed is fixed,
 * so a failure repeats. {@code -Dclockwork.fuzz.triggers=1000000} runs the long version (docs/benchmarks.md).
 */
class TriggerFuzzTest {

    private static final int COUNT = Integer.getInteger("clockwork.fuzz.triggers", 50_000);
    private static final Instant AFTER = Instant.parse("2026-12-03T10:15:30.5Z");
    private static final Instant ANCHOR = Instant.parse("2026-11-01T00:00:00Z");
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Paris"),
            ZoneId.of("America/New_York"), ZoneId.of("Australia/Lord_Howe"));
    private static final List<String> VALID = List.of("cron 0 9 * * MON-FRI", "cron */5 * * * * *",
            "cron 0 0 12 ? * 2#1 2027", "cron H H(0-7) * * *", "cron 0 0 L * ?", "cron 0 0 15W * ?", "cron @daily",
            "cron 0 30 1-5/2 1,15 JAN-MAR *", "at 2026-12-31T23:59", "at 202712312359", "every 90s", "every 2",
            "every 1h30m from 2026-01-01T00:00 times 10", "every PT15M until 2027-06-01T00:00", "every 2w",
            "in 13d11h29m29.5s500ms", "in 1.5h", "at 2027-03-28T02:30:00");
    private static final String ALPHABET = "0123456789 */-,?LW#H@:TZ.+()abcdefhimnorstuwyACDEFJMNOPSTUW\t\u00e9\u0000";

    @Test
    void generated_triggers_should_parse_to_a_later_fire_or_fail_with_a_column() {
        SplittableRandom random = new SplittableRandom(20261203L);
        int parsed = 0;
        int tried = 0;
        List<String> problems = new ArrayList<>();
        for (; tried < COUNT && problems.size() < 10; tried++) {
            int i = tried;
            String text = i % 10 == 9 ? randomText(random) : mutate(VALID.get(random.nextInt(VALID.size())), random);
            try {
                Trigger trigger = Trigger.parse(text, "fuzz");
                ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
                Optional<Instant> next = trigger.nextFireAfter(AFTER, zone, ANCHOR);
                if (next.isPresent() && !next.get().isAfter(AFTER)) {
                    problems.add("\"" + text + "\" fires at " + next.get() + ", not after " + AFTER);
                }
                parsed++;
            } catch (TriggerFormatException e) {
                // Empty text has no column to point at: 0 there.
                if ((e.column() < 1 && !text.isBlank()) || e.column() > text.length() + 1) {
                    problems.add("\"" + text + "\" failed at column " + e.column() + ": " + e.getMessage());
                }
            } catch (RuntimeException | StackOverflowError e) {
                problems.add("\"" + text + "\" threw " + e);
            }
        }
        System.out.printf("TriggerFuzzTest: %d strings, %d parsed, %d refused with a column, %d problems%n", tried,
                parsed, tried - parsed - problems.size(), problems.size());
        assertThat(problems).isEmpty();
    }

    private static String mutate(String valid, SplittableRandom random) {
        String text = valid;
        for (int step = 0, steps = 1 + random.nextInt(3); step < steps; step++) {
            text = switch (random.nextInt(7)) {
                case 0 -> insert(text, random);
                case 1 -> text.isEmpty() ? text : drop(text, random);
                case 2 -> text.isEmpty() ? text : replace(text, random);
                case 3 -> repeatToken(text, random);
                case 4 -> swapTokens(text, random);
                case 5 -> text.substring(0, random.nextInt(text.length() + 1));
                default -> text + " " + VALID.get(random.nextInt(VALID.size())).split(" ", 2)[1];
            };
        }
        return text;
    }

    private static String insert(String text, SplittableRandom random) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + ALPHABET.charAt(random.nextInt(ALPHABET.length())) + text.substring(at);
    }

    private static String drop(String text, SplittableRandom random) {
        int at = random.nextInt(text.length());
        return text.substring(0, at) + text.substring(at + 1);
    }

    private static String replace(String text, SplittableRandom random) {
        int at = random.nextInt(text.length());
        return text.substring(0, at) + ALPHABET.charAt(random.nextInt(ALPHABET.length())) + text.substring(at + 1);
    }

    private static String repeatToken(String text, SplittableRandom random) {
        String[] tokens = text.split(" ");
        if (tokens.length == 0) {
            return text + text;
        }
        String token = tokens[random.nextInt(tokens.length)];
        return text + " " + token;
    }

    private static String swapTokens(String text, SplittableRandom random) {
        String[] tokens = text.split(" ");
        if (tokens.length < 3) {
            return text;
        }
        int a = 1 + random.nextInt(tokens.length - 1);
        int b = 1 + random.nextInt(tokens.length - 1);
        String t = tokens[a];
        tokens[a] = tokens[b];
        tokens[b] = t;
        return String.join(" ", tokens);
    }

    private static String randomText(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        for (int i = 0, n = random.nextInt(40); i < n; i++) {
            text.append(random.nextInt(8) == 0 ? (char) random.nextInt(0x20, 0x3000)
                    : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
