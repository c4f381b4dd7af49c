package dev.clockwork.security;

import java.time.Instant;
import java.util.Optional;

/**
 * A user as the API and the console show it: never the password or its hash.
 *
 * @param role the highest role held
 * @param lastLoginAt the last console login, or API use (recorded at most every {@link Logins#API_LOGIN_EVERY})
 */
public record UserAccount(String username, String role, boolean enabled, boolean mustChangePassword,
                          Instant createdAt, Instant updatedAt, Optional<Instant> lastLoginAt) {
}
