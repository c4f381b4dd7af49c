package dev.clockwork.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A plain benchmark harness (not a unit test) for parse and nextFireAfter; see docs/triggers.md for how to run it:
 *
 * <pre>
 * mvn -q test-compile &amp;&amp; java -cp target/classes:target/test-classes dev.clockwork.trigger.TriggerBenchmark
 * </pre>
 *
 * <p>Each measurement warms up, then times {@value #SAMPLES} samples of many calls and prints the median ns per call.
 */
public final class TriggerBenchmark {

    private static final int SAMPLES = 15;
    private static final int CALLS_PER_SAMPLE = 100_000;
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final Instant ANCHOR = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> TRIGGERS = List.of("cron 0 30 8 * * MON-FRI", "cron */5 * * * * *",
            "cron 0 0 29 2 1", "every 1h30m", "in 1.5h", "at 2026-12-31T23:59",
            "every 5m after each run from 2026-01-01T09:00 until 2026-12-31T17:00 times 100");

    /** Keeps results alive so the JIT cannot drop the measured calls. */
    private static volatile int sink;

    private TriggerBenchmark() {
    }

    public static void main(String[] args) {
        System.out.printf("%-80s %10s %10s%n", "trigger", "parse ns", "next ns");
        for (String text : TRIGGERS) {
            System.out.printf("%-80s %10s %10s%n", text, measure(() -> parseCall(text)), measure(() -> nextCall(text)));
        }
    }

    private static IntSupplier parseCall(String text) {
        return () -> Trigger.parse(text, "benchmark").hashCode();
    }

    /** Asks from instants spread over a year, so that every call does real work. */
    private static IntSupplier nextCall(String text) {
        Trigger trigger = Trigger.parse(text, "benchmark");
        Instant[] afters = new Instant[1024];
        for (int i = 0; i < afters.length; i++) {
            afters[i] = ANCHOR.plus(Duration.ofMinutes(i * 517L));
        }
        int[] i = {0};
        return () -> trigger.nextFireAfter(afters[i[0]++ & 1023], ZONE, ANCHOR).hashCode();
    }

    /** The median ns per call. */
    private static String measure(Supplier<IntSupplier> setup) {
        IntSupplier call = setup.get();
        for (int i = 0; i < 3; i++) {
            sample(call);
        }
        double[] nanosPerCall = new double[SAMPLES];
        for (int s = 0; s < SAMPLES; s++) {
            nanosPerCall[s] = sample(call);
        }
        Arrays.sort(nanosPerCall);
        return String.format("%.0f", nanosPerCall[SAMPLES / 2]);
    }

    private static double sample(IntSupplier call) {
        int result = 0;
        long start = System.nanoTime();
        for (int i = 0; i < CALLS_PER_SAMPLE; i++) {
            result += call.getAsInt();
        }
        long elapsed = System.nanoTime() - start;
        sink += result;
        return (double) elapsed / CALLS_PER_SAMPLE;
    }
}
