package dev.clockwork.trigger;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The command line of {@link Preview}, checked.
 *
 * @param trigger the trigger text
 * @param zone the zone to read the trigger in and to print times in
 * @param from print fire times strictly after this; also the task's anchor for {@code in} and {@code every}
 * @param count how many fire times to print
 * @param taskName the task name {@code H} in cron fields hashes
 * @param output what to print
 */
record PreviewOptions(String trigger, ZoneId zone, Instant from, int count, String taskName, Output output) {

    /** What {@link Preview} prints. */
    enum Output {
        FIRE_TIMES, DESCRIPTION, HELP
    }

    static final int MOST_FIRES = 100_000;

    /**
     * Reads the arguments; options take their value as the next argument or after {@code =}.
     *
     * @param now the default for {@code --from}
     * @throws IllegalArgumentException with a message for the user when an argument is wrong or missing
     */
    static PreviewOptions parse(String[] args, Instant now) {
        var builder = new Builder(now);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            Optional<String> inline = name.equals(arg) ? Optional.empty() : Optional.of(arg.substring(equals + 1));
            if (isValued(name)) {
                if (inline.isEmpty() && i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                builder.set(name, inline.isPresent() ? inline.get() : args[++i]);
            } else {
                builder.flag(arg);
            }
        }
        return builder.build();
    }

    private static boolean isValued(String name) {
        return name.equals("--zone") || name.equals("--from") || name.equals("--count") || name.equals("--name");
    }

    /** Collects arguments one at a time; each is checked as it comes. */
    private static final class Builder {
        private Optional<String> trigger = Optional.empty();
        private ZoneId zone = ZoneOffset.UTC;
        private Instant from;
        private int count = 5;
        private String taskName = "";
        private Output output = Output.FIRE_TIMES;

        Builder(Instant now) {
            from = now;
        }

        void set(String name, String value) {
            switch (name) {
                case "--zone" -> zone = zone(value);
                case "--from" -> from = instant(value);
                case "--count" -> count = count(value);
                default -> taskName = value;
            }
        }

        void flag(String arg) {
            if (arg.equals("--help") || arg.equals("-h")) {
                output = Output.HELP;
            } else if (arg.equals("--describe")) {
                output = output == Output.HELP ? output : Output.DESCRIPTION;
            } else if (arg.startsWith("-") && arg.length() > 1) {
                throw new IllegalArgumentException("unknown option " + arg + "; see --help");
            } else if (trigger.isPresent()) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "' after the trigger '"
                        + trigger.get() + "'; quote the whole trigger, e.g. 'every 1h30m'");
            } else {
                trigger = Optional.of(arg);
            }
        }

        PreviewOptions build() {
            if (trigger.isEmpty() && output != Output.HELP) {
                throw new IllegalArgumentException("missing trigger; e.g. Preview 'every 1h30m' --count 3");
            }
            return new PreviewOptions(trigger.orElse(""), zone, from, count, taskName, output);
        }
    }

    private static ZoneId zone(String value) {
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--zone " + value + " is not a zone; use an IANA name such as "
                    + "Europe/Paris, or UTC, or an offset such as +02:00");
        }
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--from " + value + " is not an ISO-8601 instant; write e.g. "
                    + "2026-03-29T00:00:00Z or 2026-03-29T02:00:00+02:00");
        }
    }

    private static int count(String value) {
        if (!value.matches("\\d{1,6}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MOST_FIRES) {
            throw new IllegalArgumentException("--count " + value + " is not a whole number from 1 to "
                    + MOST_FIRES + "; e.g. --count 10");
        }
        return Integer.parseInt(value);
    }
}
