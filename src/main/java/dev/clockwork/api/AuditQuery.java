package dev.clockwork.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which audit entries to read, newest first: every filter that is present must match ({@code actor}, {@code target}
 * and {@code action} exactly; {@code from} inclusive, {@code to} exclusive).
 */
public record AuditQuery(Optional<String> actor, Optional<String> target, Optional<String> action,
                         Optional<Instant> from, Optional<Instant> to, int offset, int limit) {

    public AuditQuery {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be 0 or more and limit 1 or more; got offset " + offset
                    + ", limit " + limit);
        }
    }

    /** The newest entries, unfiltered. */
    public static AuditQuery newest(int offset, int limit) {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), offset, limit);
    }
}
