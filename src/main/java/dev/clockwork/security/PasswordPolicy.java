package dev.clockwork.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a new password must be: 8 to 128 characters, not the username, and not one of the common passwords in
 * {@code common-passwords.txt} (compared ignoring case). The maximum keeps a megabyte "password" from being hashed.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    /** Why {@code password} may not be {@code username}'s new password, as a sentence; empty when it may. */
    public static Optional<String> problem(String username, char[] password) {
        if (password.length < MIN_LENGTH || password.length > MAX_LENGTH) {
            return Optional.of("The password must have " + MIN_LENGTH + " to " + MAX_LENGTH + " characters; it has "
                    + password.length + ".");
        }
        String lower = new String(password).toLowerCase(Locale.ROOT);
        if (lower.equals(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("The password must not be the username.");
        }
        if (COMMON.contains(lower)) {
            return Optional.of("That password is one of the most common ones, which attackers try first; choose"
                    + " another, e.g. a few unrelated words.");
        }
        return Optional.empty();
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing beside " + PasswordPolicy.class);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
