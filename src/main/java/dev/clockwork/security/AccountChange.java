package dev.clockwork.security;

import java.util.Optional;

/**
 * What an admin changes about a user; an empty field stays as it is. A new password makes the user change it at the
 * next login unless {@code mustChangePassword} says otherwise.
 */
public record AccountChange(Optional<String> role, Optional<Boolean> enabled, Optional<char[]> password,
                            Optional<Boolean> mustChangePassword) {
}
