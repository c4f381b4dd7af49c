package dev.clockwork.security;

import dev.clockwork.engine.rules.SecurityConfig;
import dev.clockwork.engine.rules.Ticker;
import dev.clockwork.store.UserRow;
import dev.clockwork.store.UserStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks a username and password for the console's form and the API's Basic header alike: throttles repeated
 * failures ({@link LoginThrottle}), never hashes for a throttled attempt or an unknown user (which waits as long as
 * a hash takes instead, so both failures look the same), skips the hash for credentials verified in the last hour
 * ({@link VerifiedCredentials}), and records the outcome ({@link LoginRecords}).
 */
@ApplicationScoped
public class Logins {

    /** API calls count as a login (last login, audit entry) at most this often per user, not on every request. */
    public static final Duration API_LOGIN_EVERY = Duration.ofMinutes(15);
    /** Longer passwords are refused without a hash: no password that long can have been set. */
    static final int LONGEST_PASSWORD = 4096;

    /** Which door the attempt came through. */
    public enum Channel {
        CONSOLE("console"), API("api");

        private final String label;

        Channel(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** Waits without burning CPU: the stand-in for a hash of an unknown user. */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration duration);
    }

    @Inject
    UserStore users;
    @Inject
    PasswordHashing passwords;
    @Inject
    LoginRecords records;
    @Inject
    Clock clock;
    @Inject
    Ticker ticker;
    @Inject
    SecurityConfig config;

    Pause pause = Logins::sleep;
    LoginThrottle throttle;
    VerifiedCredentials verified;
    HashTime hashTime;

    @PostConstruct
    void start() {
        throttle = new LoginThrottle(config, clock);
        verified = new VerifiedCredentials(clock);
        long before = ticker.read();
        passwords.matches("not-a-password".toCharArray(), PasswordHashing.DUMMY_HASH);
        hashTime = new HashTime(Duration.ofNanos(ticker.read() - before));
    }

    /**
     * Checks one attempt from {@code address}.
     *
     * @return valid with the user (who may have to change the password first), invalid, or throttled
     */
    public LoginResult attempt(String username, char[] password, String address, Channel channel) {
        Optional<UserRow> user = users.findByUsername(username);
        if (user.isPresent() && user.get().enabled()
                && verified.known(username, password, user.get().passwordHash())) {
            return succeeded(user.get(), address, channel);
        }
        Optional<Duration> wait = throttle.waitFor(username, address);
        if (wait.isPresent()) {
            if (throttle.firstRefusal(username, address)) {
                records.throttled(username, address, channel, wait.get());
            }
            return LoginResult.throttled(wait.get());
        }
        boolean matches;
        if (user.isEmpty() || password.length > LONGEST_PASSWORD) {
            pause.sleep(hashTime.typical());
            matches = false;
        } else {
            long before = ticker.read();
            matches = passwords.matches(password, user.get().passwordHash());
            hashTime.measured(ticker.read() - before);
        }
        if (!matches || !user.get().enabled()) {
            throttle.failed(username, address);
            records.failed(username, address, channel);
            return LoginResult.invalid();
        }
        verified.remember(username, password, user.get().passwordHash());
        return succeeded(user.get(), address, channel);
    }

    private LoginResult succeeded(UserRow user, String address, Channel channel) {
        throttle.succeeded(user.username());
        boolean due = user.lastLoginAt().map(last -> !clock.instant().isBefore(last.plus(API_LOGIN_EVERY)))
                .orElse(true);
        if (channel == Channel.CONSOLE || due) {
            records.succeeded(user.username(), address, channel);
        }
        return LoginResult.valid(user);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
