package dev.clockwork.rest;

import dev.clockwork.api.RetryPolicy;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.engine.rules.TaskDefinitions;
import dev.clockwork.trigger.Durations;
import java.time.Duration;

/**
 * A task's {@code retry} in JSON: {@code {"attempts": 3, "backoff": "10s", "multiplier": 2.0, "maxBackoff": "10m",
 * "jitter": 0.1}}, durations in the trigger language's duration syntax. In a request every field but
 * {@code attempts} may be left out for its default; a task without retries shows {@code {"attempts": 1}}.
 */
public class RetryJson {

    public Integer attempts;
    public String backoff;
    public Double multiplier;
    public String maxBackoff;
    public Double jitter;

    static RetryJson of(RetryPolicy retry) {
        RetryJson json = new RetryJson();
        json.attempts = retry.attempts();
        if (retry.retries()) {
            json.backoff = Durations.format(retry.backoff());
            json.multiplier = retry.multiplier();
            json.maxBackoff = Durations.format(retry.maxBackoff());
            json.jitter = retry.jitter();
        }
        return json;
    }

    /** The policy this asks for, defaults filled in; a field that cannot be read is INVALID, named. */
    RetryPolicy toPolicy() {
        if (attempts == null) {
            throw SchedulerException.invalid("retry.attempts", "retry.attempts is required when retry is given,"
                    + " e.g. {\"attempts\": 3}; it counts the first run too.");
        }
        RetryPolicy policy = RetryPolicy.attempts(attempts);
        if (backoff != null) {
            policy = policy.withBackoff(duration("retry.backoff", backoff));
        }
        if (multiplier != null) {
            policy = policy.withMultiplier(multiplier);
        }
        if (maxBackoff != null) {
            policy = policy.withMaxBackoff(duration("retry.maxBackoff", maxBackoff));
        } else if (policy.backoff().compareTo(policy.maxBackoff()) > 0) {
            policy = policy.withMaxBackoff(policy.backoff());
        }
        if (jitter != null) {
            policy = policy.withJitter(jitter);
        }
        return policy;
    }

    /** Reads a policy's duration, naming {@code field} in the error. */
    static Duration duration(String field, String text) {
        return TaskDefinitions.parseDuration(field, text);
    }
}
