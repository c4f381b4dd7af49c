package dev.clockwork.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the audit log: when (by the database-corrected clock), who ({@code actor}: a username, or
 * {@code system}), from which address, what ({@code action}, e.g. {@code task.update}), on what ({@code target}) and a
 * short before-to-after {@code summary}. Never a password.
 */
public record AuditEntry(long id, Instant at, String actor, Optional<String> address, String action,
                         Optional<String> target, String summary) {

    /** The longest actor, address, target and summary stored; longer ones are cut (with an ellipsis). */
    public static final int ACTOR_MAX = 100;
    public static final int ADDRESS_MAX = 64;
    public static final int ACTION_MAX = 40;
    public static final int TARGET_MAX = 200;
    public static final int SUMMARY_MAX = 2000;

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        actor = cut(Objects.requireNonNull(actor, "actor"), ACTOR_MAX);
        address = Objects.requireNonNull(address, "address").map(a -> cut(a, ADDRESS_MAX));
        action = Objects.requireNonNull(action, "action");
        if (action.isEmpty() || action.length() > ACTION_MAX) {
            throw new IllegalArgumentException("An audit action has 1-" + ACTION_MAX + " characters, was \""
                    + action + "\"");
        }
        target = Objects.requireNonNull(target, "target").map(t -> cut(t, TARGET_MAX));
        summary = cut(Objects.requireNonNull(summary, "summary"), SUMMARY_MAX);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
