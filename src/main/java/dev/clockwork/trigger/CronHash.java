package dev.clockwork.trigger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The value {@code H} stands for: a number picked by the task's name, so that tasks sharing a schedule spread out,
 * while each task keeps the same value on every node, in every JVM and after every restart.
 *
 * <p>The hash, exactly: take the SHA-256 digest of the task name's UTF-8 bytes; for the field at position i (second
 * 0, minute 1, hour 2, day-of-month 3, month 4, day-of-week 5, year 6) read bytes 4i to 4i+3 as a big-endian
 * unsigned 32-bit number u. Then {@code H} is {@code low + u mod n} over the field's range (day-of-month uses 1-28,
 * so it exists in every month), {@code H(a-b)} is {@code a + u mod (b-a+1)}, and {@code H/s} or {@code H(a-b)/s}
 * starts at {@code low + u mod s} and steps by s. Each field reads different bytes, so a task's minute and hour
 * are not tied to each other.
 */
final class CronHash {

    private CronHash() {
    }

    /** A number in {@code [0, bound)} for {@code field} of the task called {@code taskName}. */
    static int pick(String taskName, CronField field, int bound) {
        byte[] digest = sha256(taskName.getBytes(StandardCharsets.UTF_8));
        int at = 4 * field.ordinal();
        long u = ((digest[at] & 0xFFL) << 24) | ((digest[at + 1] & 0xFFL) << 16) | ((digest[at + 2] & 0xFFL) << 8)
                | (digest[at + 3] & 0xFFL);
        return (int) (u % bound);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime must provide SHA-256, this one does not", e);
        }
    }
}
