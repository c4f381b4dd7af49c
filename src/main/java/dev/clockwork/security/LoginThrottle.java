package dev.clockwork.security;

import dev.clockwork.engine.rules.SecurityConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows repeated failed logins, per username and per address, on this node (docs/decisions/031-accounts-and-audit.md).
 * A key (a username, or an address) may fail {@code free-failures} times; after that each further failure makes it
 * wait {@code first-delay}, doubled with every failure, at most {@code most-delay}, from its last failure. Failures
 * older than {@code forget-after} no longer count; a successful login clears its username's.
 *
 * <p>So that nobody can lock a user out by guessing their password, a username's wait holds only for addresses that
 * failed themselves within {@code forget-after}: a user at an address with no recent failure is always checked. The
 * address's own wait still holds for it.
 */
final class LoginThrottle {

    /** Most keys remembered; beyond it, the ones whose failures are forgotten are dropped first, then the oldest. */
    static final int MOST_KEYS = 100_000;

    private final SecurityConfig config;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(SecurityConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** How long an attempt for {@code username} from {@code address} must still wait; empty when it may go ahead. */
    Optional<Duration> waitFor(String username, String address) {
        Instant now = clock.instant();
        Duration addressWait = waitOf(addressKey(address), now);
        Duration usernameWait = recent(addressKey(address), now) ? waitOf(usernameKey(username), now) : Duration.ZERO;
        Duration wait = addressWait.compareTo(usernameWait) >= 0 ? addressWait : usernameWait;
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Counts a failed attempt (one that was checked) against the username and the address. */
    void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() >= MOST_KEYS) {
            makeRoom(now);
        }
        for (String key : new String[] {usernameKey(username), addressKey(address)}) {
            failures.compute(key, (k, before) -> before == null || forgotten(before, now)
                    ? new Failures(1, now, false) : new Failures(before.count() + 1, now, false));
        }
    }

    /**
     * Whether a refused attempt for {@code username} is the first since the last checked failure of its username or address: only that one is
     * logged and audited, so a flood of refused attempts writes one line, not one per request.
     */
    boolean firstRefusal(String username, String address) {
        boolean[] first = {false};
        for (String key : new String[] {usernameKey(username), addressKey(address)}) {
            failures.computeIfPresent(key, (k, f) -> {
                first[0] |= !f.refusalReported();
                return new Failures(f.count(), f.last(), true);
            });
        }
        return first[0];
    }

    /**
     * Clears the username's failures after a successful login. Not the address's: behind one NAT address an
     * attacker would otherwise get fresh free failures each time a real user there logs in.
     */
    void succeeded(String username) {
        failures.remove(usernameKey(username));
    }

    /** How many keys are remembered now (for tests of the bound). */
    int size() {
        return failures.size();
    }

    private Duration waitOf(String key, Instant now) {
        Failures f = failures.get(key);
        if (f == null || forgotten(f, now) || f.count() < config.loginFreeFailures()) {
            return Duration.ZERO;
        }
        Instant until = f.last().plus(delay(f.count() - config.loginFreeFailures()));
        return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
    }

    /** The wait after the {@code beyond + 1}-th failure past the free ones: doubling, capped. */
    Duration delay(int beyond) {
        Duration most = config.loginMostDelay();
        Duration delay = config.loginFirstDelay();
        for (int i = 0; i < beyond && delay.compareTo(most) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(most) < 0 ? delay : most;
    }

    private boolean recent(String key, Instant now) {
        Failures f = failures.get(key);
        return f != null && !forgotten(f, now);
    }

    private boolean forgotten(Failures f, Instant now) {
        return !f.last().plus(config.loginForgetAfter()).isAfter(now);
    }

    private void makeRoom(Instant now) {
        failures.values().removeIf(f -> forgotten(f, now));
        if (failures.size() >= MOST_KEYS) {
            failures.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.comparing(Failures::last)))
                    .limit(MOST_KEYS / 10).map(Map.Entry::getKey).toList().forEach(failures::remove);
        }
    }

    private static String usernameKey(String username) {
        return "user:" + username;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private record Failures(int count, Instant last, boolean refusalReported) {
    }
}
