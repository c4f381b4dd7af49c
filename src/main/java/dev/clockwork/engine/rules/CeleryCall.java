package dev.clockwork.engine.rules;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.trigger.Durations;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@code celery} task sends, checked: the Celery task's name, its positional and keyword arguments (as JSON
 * text), the queue, how long after the fire time the message expires, and how long a run waits for the outcome.
 *
 * @param argsJson a JSON array, {@code []} when none
 * @param kwargsJson a JSON object, {@code {}} when none
 * @param expires counted from the fire time; a worker drops the message after it
 * @param await how long a run waits for the outcome over the {@code rpc://} result backend; empty: the run ends when
 *     the broker has the message
 */
public record CeleryCall(String task, String argsJson, String kwargsJson, String queue, Optional<Duration> expires,
                         Optional<Duration> await) {

    public static final String DEFAULT_QUEUE = "celery";
    /** The longest {@code await}: a run holds a worker while it waits. */
    public static final Duration MOST_AWAIT = Duration.ofHours(1);
    private static final Pattern TASK = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]{0,254}");
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9._:-]{1,255}");

    public CeleryCall {
        if (task == null || !TASK.matcher(task).matches()) {
            throw SchedulerException.invalid("args.task", "A celery task needs \"task\", the registered name of the"
                    + " Celery task, e.g. {\"task\": \"billing.tasks.invoice\", \"args\": [30]}; was " + task + ".");
        }
        argsJson = argsJson == null ? "[]" : argsJson;
        kwargsJson = kwargsJson == null ? "{}" : kwargsJson;
        queue = queue == null ? DEFAULT_QUEUE : queue;
        if (!QUEUE.matcher(queue).matches()) {
            throw SchedulerException.invalid("args.queue", "Queue \"" + queue + "\" is not a valid name: use 1-255"
                    + " letters, digits, '.', '_', ':' or '-', e.g. \"celery\".");
        }
        expires.filter(d -> d.isNegative() || d.isZero()).ifPresent(d -> {
            throw SchedulerException.invalid("args.expires", "expires must be longer than 0, e.g. \"10m\".");
        });
        await.filter(d -> d.isNegative() || d.isZero() || d.compareTo(MOST_AWAIT) > 0).ifPresent(d -> {
            throw SchedulerException.invalid("args.await", "await must be from 1ms to 1h, e.g. \"2m\"; was "
                    + Durations.format(d) + ".");
        });
    }

    /**
     * Checks that this server lets tasks publish to the queue.
     *
     * @throws SchedulerException INVALID naming {@code args.queue}
     */
    public void checkAllowed(AmqpConfig config) {
        config.checkAllowed("args.queue", "queue", queue);
    }
}
