package dev.clockwork.engine.rules;

import dev.clockwork.api.Recurring;
import dev.clockwork.api.FirePolicy;
import dev.clockwork.api.RetryPolicy;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.api.TaskSpec;
import dev.clockwork.trigger.Durations;
import dev.clockwork.trigger.TriggerFormatException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task declared in code by {@link Recurring} on an action.
 *
 * @param source where it is declared, for messages: a class or {@code Class#method}
 * @param fingerprint the SHA-256 of the annotation's values and the action's name, in hex: it changes exactly when
 *     the declaration changes in the code, whatever a node's default zone or an operator's edits
 */
public record DeclaredTask(String name, String action, Recurring declaration, String source, String fingerprint) {

    public DeclaredTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(declaration, "declaration");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** The task that {@code declaration} on the action named {@code action}, in {@code source}, declares. */
    public static DeclaredTask of(Recurring declaration, String action, String source) {
        return new DeclaredTask(declaration.name(), action, declaration, source, fingerprint(declaration, action));
    }

    /**
     * The declaration as a spec; its values are checked when the spec is.
     *
     * @throws SchedulerException INVALID when a duration does not parse, naming the attribute
     */
    public TaskSpec spec() {
        TaskSpec.Builder spec = TaskSpec.builder(name).trigger(declaration.trigger()).action(action)
                .priority(declaration.priority());
        nonEmpty(declaration.zone()).ifPresent(spec::zone);
        nonEmpty(declaration.args()).ifPresent(spec::argsJson);
        nonEmpty(declaration.description()).ifPresent(spec::description);
        nonEmpty(declaration.timeout()).ifPresent(timeout -> spec.timeout(duration("timeout", timeout)));
        RetryPolicy retry = declaration.retryAttempts() == 1 ? RetryPolicy.NONE
                : RetryPolicy.attempts(declaration.retryAttempts());
        if (!declaration.retryBackoff().isBlank()) {
            retry = retry.withBackoff(duration("retryBackoff", declaration.retryBackoff()));
        }
        spec.misfire(declaration.misfire()).overlap(declaration.overlap());
        nonEmpty(declaration.grace()).ifPresent(grace -> spec.grace(duration("grace", grace)));
        return spec.retry(retry).build();
    }

    private static Optional<String> nonEmpty(String value) {
        return Optional.of(value).filter(v -> !v.isBlank());
    }

    private static Duration duration(String attribute, String text) {
        try {
            return Durations.parse(text, attribute);
        } catch (TriggerFormatException e) {
            throw SchedulerException.invalid(attribute, e.getMessage());
        }
    }

    private static String fingerprint(Recurring declaration, String action) {
        List<String> values = new ArrayList<>(List.of(declaration.name(), declaration.trigger(), declaration.zone(),
                action, declaration.args(), Integer.toString(declaration.priority()), declaration.description(),
                declaration.timeout(), Integer.toString(declaration.retryAttempts()), declaration.retryBackoff()));
        // The fire policy counts only where it differs from the default, so that declarations fingerprinted before
        // it existed keep their fingerprint and an operator's edit of them survives the upgrade.
        if (declaration.misfire() != FirePolicy.DEFAULT.misfire() || !declaration.grace().isEmpty()
                || declaration.overlap() != FirePolicy.DEFAULT.overlap()) {
            values.addAll(List.of(declaration.misfire().name(), declaration.grace(), declaration.overlap().name()));
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // Each value with its length, so that no two lists of values give the same text.
            values.forEach(value -> sha.update((value.length() + ":" + value + ";").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
