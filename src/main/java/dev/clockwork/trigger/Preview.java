package dev.clockwork.trigger;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Prints the next fire times of a trigger, without a server:
 *
 * <pre>
 * java -cp target/classes dev.clockwork.trigger.Preview '&lt;trigger&gt;' [--zone ZONE] [--from INSTANT]
 *     [--count N] [--name TASK] [--describe]
 * </pre>
 *
 * <p>Prints the next N (default 5) fire times strictly after {@code --from} (default now), one ISO-8601 offset
 * date-time per line in the zone (default UTC), and nothing else on stdout. {@code --from} is also the task's
 * anchor (creation time) for {@code in} and {@code every}. Fires at or after the {@link Horizon} are not printed, as
 * they never come; a trigger whose first fire is beyond it is bad input. With {@code --describe} it prints the canonical trigger
 * on line 1 and its description on line 2 instead. Bad input prints a message on stderr and exits with 2.
 */
public final class Preview {

    static final int BAD_INPUT = 2;
    private static final String USAGE = """
            usage: Preview '<trigger>' [--zone ZONE] [--from INSTANT] [--count N] [--name TASK] [--describe]
              <trigger>   e.g. 'cron 0 30 8 * * MON-FRI', 'at 2026-12-31T23:59', 'every 1h30m', 'in 90s'
              --zone      IANA zone to read the trigger in and print times in (default UTC)
              --from      ISO-8601 instant: print fire times strictly after it; also the creation time (default now)
              --count     how many fire times to print, 1-100000 (default 5)
              --name      task name that H in cron fields hashes (default empty)
              --describe  print the canonical trigger and its plain-English description instead
            """;

    private Preview() {
    }

    /** Runs the preview with the system clock and exits with its code. */
    public static void main(String[] args) {
        // The one place that reads the real clock: "now" is only a default for --from.
        System.exit(run(args, Clock.systemUTC(), System.out, System.err));
    }

    /**
     * Runs the preview.
     *
     * @param clock gives the default for {@code --from}
     * @return the exit code: 0, or {@value #BAD_INPUT} for bad input (the message is on {@code err})
     */
    static int run(String[] args, Clock clock, PrintStream out, PrintStream err) {
        try {
            PreviewOptions options = PreviewOptions.parse(args, clock.instant());
            switch (options.output()) {
                case HELP -> out.print(USAGE);
                case DESCRIPTION -> describe(options, out);
                default -> printFires(options, out);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            // TriggerFormatException is an IllegalArgumentException; its message already says how to fix it.
            err.println(e.getMessage());
            return BAD_INPUT;
        }
    }

    private static void describe(PreviewOptions options, PrintStream out) {
        Trigger trigger = Trigger.parse(options.trigger(), options.taskName());
        out.println(trigger);
        out.println(trigger.describe(options.zone()));
    }

    private static void printFires(PreviewOptions options, PrintStream out) {
        Trigger trigger = Trigger.parse(options.trigger(), options.taskName());
        for (Instant fire : nextFires(trigger, options.zone(), options.from(), options.count())) {
            out.println(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(fire.atZone(options.zone())));
        }
    }

    /**
     * The next fire times of a trigger created at {@code from}, as this command prints them (the console and the
     * REST preview show the same): up to {@code count} fires strictly after {@code from}, none at or after the
     * {@link Horizon}.
     *
     * @throws IllegalArgumentException when the first fire is beyond the horizon (the message says how to fix it)
     */
    public static List<Instant> nextFires(Trigger trigger, ZoneId zone, Instant from, int count) {
        // The preview starts at creation (from is the anchor), so a fixed-delay trigger's own run count is known.
        int most = (int) Math.min(count, trigger.maxFires().orElse(Long.MAX_VALUE));
        List<Instant> fires = trigger.nextFiresAfter(from, zone, from, most);
        if (!fires.isEmpty() && !Horizon.includes(fires.get(0))) {
            throw new IllegalArgumentException(Horizon.refusal(trigger, fires.get(0)));
        }
        return fires.stream().filter(Horizon::includes).toList();
    }
}
