package dev.clockwork.engine.rules;

import dev.clockwork.api.RetryPolicy;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.api.TaskSpec;
import dev.clockwork.trigger.Durations;
import dev.clockwork.trigger.Trigger;
import dev.clockwork.trigger.TriggerFormatException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks a {@link TaskSpec} field by field and turns it into a {@link TaskDefinition}. */
public final class TaskDefinitions {

    /** Names of tasks and actions: safe in URLs, logs and file names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final int MAX_TRIGGER = 1000;
    private static final int MAX_DESCRIPTION = 2000;
    private static final int MAX_ARGS = 100_000;
    /**
     * The shortest interval of a new {@code every} trigger: cron's finest step. A shorter one only spins the engine
     * (every 1ms fired 58 times a second); tasks saved with one before keep it.
     */
    public static final Duration SHORTEST_EVERY = Duration.ofSeconds(1);

    private TaskDefinitions() {
    }

    /**
     * Checks a spec.
     *
     * @param defaultZone the zone for a spec without one
     * @throws SchedulerException INVALID, naming the field and saying how to fix it
     */
    public static TaskDefinition check(TaskSpec spec, ZoneId defaultZone) {
        return check(spec, defaultZone, Optional.empty());
    }

    /**
     * Checks a spec on a node whose runs may take at most {@code maxTimeout} ({@code clockwork.max-timeout}).
     *
     * @throws SchedulerException INVALID, naming the field and saying how to fix it
     */
    public static TaskDefinition check(TaskSpec spec, ZoneId defaultZone, Optional<Duration> maxTimeout) {
        String name = checkName("name", spec.name());
        if (name.equals(".") || name.equals("..")) {
            throw SchedulerException.invalid("name", "name \"" + name + "\" is not valid: URLs read \".\" and"
                    + " \"..\" as steps up the path, so /api/tasks/" + name + " could never reach the task. Use"
                    + " letters or digits too, e.g. \"report.daily-sales\".");
        }
        String action = checkName("action", spec.action());
        ZoneId zone = spec.zone().map(TaskDefinitions::parseZone).orElse(defaultZone);
        Trigger trigger = parseNewTrigger(spec.trigger(), name);
        Optional<String> args = spec.argsJson().map(String::strip).filter(a -> !a.isEmpty());
        if (args.isPresent() && args.get().length() > MAX_ARGS) {
            throw SchedulerException.invalid("args", "args is " + args.get().length()
                    + " characters long; the limit is " + MAX_ARGS + ". Pass a reference (an id, a path) instead.");
        }
        Optional<String> description = spec.description().map(String::strip).filter(d -> !d.isEmpty());
        if (description.isPresent() && description.get().length() > MAX_DESCRIPTION) {
            throw SchedulerException.invalid("description", "description is " + description.get().length()
                    + " characters long; the limit is " + MAX_DESCRIPTION + ".");
        }
        spec.timeout().ifPresent(timeout -> checkPositive("timeout", timeout));
        spec.timeout().ifPresent(timeout -> maxTimeout.filter(most -> most.compareTo(timeout) < 0).ifPresent(most -> {
            throw SchedulerException.invalid("timeout", "timeout is " + Durations.format(timeout) + "; this server"
                    + " allows runs of at most " + Durations.format(most) + " (clockwork.max-timeout). Give a shorter"
                    + " timeout, or none to get that one.");
        }));
        spec.fires().grace().ifPresent(grace -> checkPositive("grace", grace));
        return new TaskDefinition(name, trigger, zone, action, args, checkPriority(spec.priority()), description,
                spec.timeout(), checkRetry(spec.retry()), spec.fires());
    }

    /** The lowest and highest priority: room around the default 0 to put a task before or after the others. */
    public static final int LOWEST_PRIORITY = -100;
    public static final int HIGHEST_PRIORITY = 100;

    static int checkPriority(int priority) {
        if (priority < LOWEST_PRIORITY || priority > HIGHEST_PRIORITY) {
            throw SchedulerException.invalid("priority", "priority is " + priority + "; use " + LOWEST_PRIORITY
                    + " to " + HIGHEST_PRIORITY + " (higher runs first, 0 by default).");
        }
        return priority;
    }

    /** Most runs of one fire: enough for any back-off, few enough that a broken task cannot run forever. */
    static final int MOST_ATTEMPTS = 100;
    /** Most growth of a retry's delay over the one before. */
    static final double MOST_MULTIPLIER = 100;

    /** Checks a retry policy field by field, naming each as {@code retry.<field>}. */
    static RetryPolicy checkRetry(RetryPolicy retry) {
        if (retry.attempts() < 1 || retry.attempts() > MOST_ATTEMPTS) {
            throw SchedulerException.invalid("retry.attempts", "retry.attempts is " + retry.attempts()
                    + "; it counts the first run too, so use 1 (no retry) to " + MOST_ATTEMPTS + ", e.g. 3.");
        }
        if (!retry.retries()) {
            return RetryPolicy.NONE;
        }
        checkPositive("retry.backoff", retry.backoff());
        checkPositive("retry.maxBackoff", retry.maxBackoff());
        if (!(retry.multiplier() >= 1 && retry.multiplier() <= MOST_MULTIPLIER)) {
            throw SchedulerException.invalid("retry.multiplier", "retry.multiplier is " + retry.multiplier()
                    + "; use 1 (the same delay each time) to " + (int) MOST_MULTIPLIER + ", e.g. 2.");
        }
        if (retry.maxBackoff().compareTo(retry.backoff()) < 0) {
            throw SchedulerException.invalid("retry.maxBackoff", "retry.maxBackoff (" + Durations.format(
                    retry.maxBackoff()) + ") is shorter than retry.backoff (" + Durations.format(retry.backoff())
                    + "); make it at least as long.");
        }
        if (!(retry.jitter() >= 0 && retry.jitter() <= 1)) {
            throw SchedulerException.invalid("retry.jitter", "retry.jitter is " + retry.jitter()
                    + "; use a share of the delay from 0 (none) to 1, e.g. 0.1 for ±10 %.");
        }
        return retry;
    }

    /** Reads a policy's duration text ({@code 30s}, {@code 1h30m}, {@code PT5M}), naming {@code field} in the error. */
    public static Duration parseDuration(String field, String text) {
        try {
            return Durations.parse(text, field);
        } catch (TriggerFormatException e) {
            throw new SchedulerException(SchedulerException.Reason.INVALID, field, e.getMessage(), e);
        }
    }

    /**
     * Reads a policy's name, e.g. {@code "SKIP"} for {@code misfire}, in any case.
     *
     * @throws SchedulerException INVALID naming {@code field} and the names it takes
     */
    public static <E extends Enum<E>> E parseEnum(String field, String text, Class<E> type) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text.strip())) {
                return value;
            }
        }
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        throw SchedulerException.invalid(field, field + " is \"" + shown + "\"; use one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")) + ".");
    }

    /** Checks a policy's duration: longer than zero, exact to the millisecond, at most 10,000 years. */
    private static void checkPositive(String field, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw SchedulerException.invalid(field, field + " must be longer than zero, was "
                    + duration + "; use a duration such as 30s.");
        }
        try {
            Durations.parse(duration.toString(), field);
        } catch (TriggerFormatException e) {
            throw new SchedulerException(SchedulerException.Reason.INVALID, field, e.getMessage(), e);
        }
    }

    /**
     * Parses the trigger text of a task being created or changed: as {@link #parseTrigger}, and an {@code every}
     * interval must be at least {@link #SHORTEST_EVERY}. Stored triggers are read by {@link #parseTrigger} alone.
     */
    public static Trigger parseNewTrigger(String text, String taskName) {
        Trigger trigger = parseTrigger(text, taskName);
        trigger.repeatsEvery().filter(interval -> interval.compareTo(SHORTEST_EVERY) < 0).ifPresent(interval -> {
            throw SchedulerException.invalid("trigger", "trigger \"" + trigger + "\" repeats every "
                    + Durations.format(interval) + "; the shortest interval is " + Durations.format(SHORTEST_EVERY)
                    + ", e.g. \"every 1s\" (for finer steps use one task that loops).");
        });
        return trigger;
    }

    /** Parses trigger text for the named task, turning a format error into an INVALID "trigger" error. */
    public static Trigger parseTrigger(String text, String taskName) {
        if (text == null || text.isBlank()) {
            throw SchedulerException.invalid("trigger",
                    "trigger is empty; write one such as \"cron 0 9 * * MON-FRI\", \"every 15m\", "
                            + "\"at 2026-12-31T23:59\" or \"in 10m\".");
        }
        if (text.length() > MAX_TRIGGER) {
            throw SchedulerException.invalid("trigger", "trigger is " + text.length()
                    + " characters long; the limit is " + MAX_TRIGGER + ".");
        }
        try {
            return Trigger.parse(text, taskName);
        } catch (TriggerFormatException e) {
            throw new SchedulerException(SchedulerException.Reason.INVALID, "trigger", e.getMessage(), e);
        }
    }

    /** Parses an IANA zone id, turning a bad one into an INVALID "zone" error. */
    public static ZoneId parseZone(String zone) {
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw SchedulerException.invalid("zone", "zone \"" + zone
                    + "\" is not a known time zone; use an IANA id such as \"Europe/Paris\", \"America/New_York\""
                    + " or \"UTC\".");
        }
    }

    private static String checkName(String field, String value) {
        String name = value == null ? "" : value.strip();
        if (!NAME.matcher(name).matches()) {
            throw SchedulerException.invalid(field, field + " \"" + value + "\" is not valid: use 1-200 characters"
                    + " of letters, digits, '.', '_' and '-', e.g. \"report.daily-sales\".");
        }
        return name;
    }
}
