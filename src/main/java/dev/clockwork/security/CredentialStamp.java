package dev.clockwork.security;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * A fingerprint of a user's stored password hash. A console session keeps the stamp of its login and ends as soon
 * as the stored hash has another one: the password was changed. Every new hash has a fresh salt, so even setting
 * the same password again changes the stamp. A digest and not the hash itself, so a session written to disk holds
 * nothing to crack.
 */
public record CredentialStamp(String value) implements Serializable {

    public CredentialStamp {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("A credential stamp must not be blank");
        }
    }

    /** The stamp of a stored password hash. */
    public static CredentialStamp of(String passwordHash) {
        Objects.requireNonNull(passwordHash, "passwordHash");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(passwordHash.getBytes(StandardCharsets.UTF_8));
            return new CredentialStamp(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256, this one has not", e);
        }
    }

    /** Whether {@code passwordHash} is still the hash this stamp was taken from (compared in constant time). */
    public boolean matches(String passwordHash) {
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                of(passwordHash).value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "CredentialStamp[" + value.substring(0, Math.min(6, value.length())) + "...]";
    }
}
