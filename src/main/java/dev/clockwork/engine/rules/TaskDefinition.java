package dev.clockwork.engine.rules;

import dev.clockwork.api.FirePolicy;
import dev.clockwork.api.RetryPolicy;
import dev.clockwork.trigger.Trigger;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A checked task definition: the trigger parsed for this task's name and its zone resolved.
 *
 * @param trigger the parsed trigger; its {@code toString()} is the canonical text that is stored
 */
public record TaskDefinition(String name, Trigger trigger, ZoneId zone, String action, Optional<String> argsJson,
                             int priority, Optional<String> description, Optional<Duration> timeout,
                             RetryPolicy retry, FirePolicy fires) {

    public TaskDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(argsJson, "argsJson");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(fires, "fires");
    }
}
