package dev.clockwork.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Credentials this node verified with the full PBKDF2 hash in the last hour, remembered as an HMAC under a random key
 * of this node's (never the password itself), so that an API script's every request costs a cheap HMAC instead of a
 * PBKDF2 hash, and a throttled address still lets a known-good login through. An entry is good only while the user's
 * stored hash is the one it was verified against: a new password or a reset ends it at once.
 */
final class VerifiedCredentials {

    static final Duration KEEP = Duration.ofHours(1);
    static final int MOST = 10_000;

    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedCredentials(Clock clock) {
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Whether this node verified exactly these credentials against {@code storedHash} within the last hour. */
    boolean known(String username, char[] password, String storedHash) {
        Verified entry = verified.get(mac(username, password));
        return entry != null && entry.username().equals(username) && entry.stamp().matches(storedHash)
                && clock.instant().isBefore(entry.at().plus(KEEP));
    }

    void remember(String username, char[] password, String storedHash) {
        Instant now = clock.instant();
        if (verified.size() >= MOST) {
            verified.values().removeIf(v -> !now.isBefore(v.at().plus(KEEP)));
            if (verified.size() >= MOST) {
                verified.clear();
            }
        }
        verified.put(mac(username, password), new Verified(username, CredentialStamp.of(storedHash), now));
    }

    private String mac(String username, char[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(new String(password)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256, this one has not", e);
        }
    }

    private record Verified(String username, CredentialStamp stamp, Instant at) {
    }
}
