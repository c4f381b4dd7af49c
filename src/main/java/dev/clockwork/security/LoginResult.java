package dev.clockwork.security;

import dev.clockwork.store.UserRow;
import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of a login attempt: the user for valid credentials of an enabled user; else invalid (the same for an
 * unknown user, a wrong password and a disabled user), or throttled with how long to wait.
 */
record LoginResult(Status status, Optional<UserRow> user, Duration retryAfter) {

    enum Status { VALID, INVALID, THROTTLED }

    static LoginResult valid(UserRow user) {
        return new LoginResult(Status.VALID, Optional.of(user), Duration.ZERO);
    }

    static LoginResult invalid() {
        return new LoginResult(Status.INVALID, Optional.empty(), Duration.ZERO);
    }

    static LoginResult throttled(Duration wait) {
        return new LoginResult(Status.THROTTLED, Optional.empty(), wait);
    }

    boolean isValid() {
        return status == Status.VALID;
    }

    /** Whole seconds to wait, rounded up, for a {@code Retry-After} header or a message. */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
