package dev.clockwork.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.SettableClock;
import dev.clockwork.engine.rules.SecurityConfig;
import dev.clockwork.store.UserRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Login checks, throttling and their cost, on a settable clock and a ticker that a fake hash advances. */
class LoginsTest {

    private static final Duration HASH = Duration.ofMillis(70);
    private static final String ATTACKER = "203.0.113.9";
    private static final String OFFICE = "198.51.100.4";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final long[] nanos = {0};
    private final FakeHashing hashing = new FakeHashing();
    private final InMemoryUserStore store = new InMemoryUserStore();
    private final RecordedLogins records = new RecordedLogins();
    private final List<Duration> pauses = new ArrayList<>();
    private Logins logins;

    @BeforeEach
    void wire() {
        logins = new Logins();
        logins.users = store;
        logins.passwords = hashing;
        logins.records = records;
        logins.clock = clock;
        logins.ticker = () -> nanos[0];
        logins.config = SecurityConfig.defaults();
        logins.pause = pauses::add;
        logins.start();
        hashing.checks = 0;
        store.put(new UserRow(1, "alice", "hash:right-password", Set.of(Roles.VIEWER), clock.instant(),
                clock.instant()));
    }

    @Test
    void unknown_user_should_cost_no_hash_and_wait_as_long_as_a_wrong_password_takes() {
        LoginResult unknown = attempt("mallory", "whatever", ATTACKER);
        long before = nanos[0];
        LoginResult wrong = attempt("alice", "wrong-password", OFFICE);
        Duration wrongTook = Duration.ofNanos(nanos[0] - before);

        assertThat(unknown.status()).isEqualTo(LoginResult.Status.INVALID);
        assertThat(wrong.status()).isEqualTo(LoginResult.Status.INVALID);
        assertThat(hashing.checks).as("only the wrong password was hashed").isEqualTo(1);
        assertThat(pauses).containsExactly(HASH);
        assertThat(wrongTook).isEqualTo(HASH);
        assertThat(records.lines).containsExactly("failed mallory " + ATTACKER, "failed alice " + OFFICE);
    }

    @Test
    void failures_beyond_the_free_ones_should_be_refused_without_a_hash_for_a_doubling_wait() {
        for (int i = 0; i < 5; i++) {
            assertThat(attempt("alice", "guess-" + i, ATTACKER).status()).isEqualTo(LoginResult.Status.INVALID);
        }
        hashing.checks = 0;

        LoginResult refused = attempt("alice", "guess-5", ATTACKER);
        LoginResult refusedAgain = attempt("alice", "right-password", ATTACKER);

        assertThat(refused.status()).isEqualTo(LoginResult.Status.THROTTLED);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(refusedAgain.status()).as("even the right password waits").isEqualTo(LoginResult.Status.THROTTLED);
        assertThat(hashing.checks).isZero();
        assertThat(records.lines).filteredOn(l -> l.startsWith("throttled")).as("audited once, not per refusal")
                .containsExactly("throttled alice " + ATTACKER + " PT1S");

        clock.advance(Duration.ofSeconds(1));
        assertThat(attempt("alice", "guess-6", ATTACKER).status()).isEqualTo(LoginResult.Status.INVALID);
        assertThat(attempt("alice", "guess-7", ATTACKER).retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(hashing.checks).isEqualTo(1);
    }

    @Test
    void the_wait_should_never_exceed_the_most_delay_and_failures_should_be_forgotten() {
        for (int i = 0; i < 40; i++) {
            attempt("alice", "guess-" + i, ATTACKER);
            clock.advance(Duration.ofSeconds(61));
        }
        clock.advance(Duration.ofSeconds(-61));

        assertThat(attempt("alice", "again", ATTACKER).retryAfter()).isEqualTo(Duration.ofSeconds(60));

        clock.advance(Duration.ofMinutes(16));
        assertThat(attempt("alice", "right-password", ATTACKER).status()).isEqualTo(LoginResult.Status.VALID);
    }

    @Test
    void a_user_at_a_clean_address_should_be_checked_while_an_attacker_guesses_their_password() {
        for (int i = 0; i < 20; i++) {
            attempt("alice", "guess-" + i, ATTACKER);
        }

        assertThat(attempt("alice", "right-password", OFFICE).status()).isEqualTo(LoginResult.Status.VALID);
        assertThat(attempt("alice", "guess-x", ATTACKER).status()).isEqualTo(LoginResult.Status.THROTTLED);
    }

    @Test
    void credentials_verified_before_should_pass_a_throttled_address_without_a_hash_until_the_password_changes() {
        assertThat(attempt("alice", "right-password", OFFICE).status()).isEqualTo(LoginResult.Status.VALID);
        for (int i = 0; i < 10; i++) {
            attempt("bob" + i, "guess", OFFICE);
        }
        hashing.checks = 0;

        assertThat(attempt("bob", "guess", OFFICE).status()).isEqualTo(LoginResult.Status.THROTTLED);
        assertThat(attempt("alice", "right-password", OFFICE).status()).isEqualTo(LoginResult.Status.VALID);
        assertThat(hashing.checks).isZero();

        store.put(store.users.get("alice").withAccount(Set.of(Roles.VIEWER), true, "hash:new-password", false,
                clock.instant()));
        assertThat(attempt("alice", "right-password", OFFICE).status()).isEqualTo(LoginResult.Status.THROTTLED);
    }

    @Test
    void a_disabled_user_should_be_refused_like_a_wrong_password_even_with_verified_credentials() {
        assertThat(attempt("alice", "right-password", OFFICE).status()).isEqualTo(LoginResult.Status.VALID);
        UserRow alice = store.users.get("alice");
        store.put(alice.withAccount(alice.roles(), false, alice.passwordHash(), false, clock.instant()));

        assertThat(attempt("alice", "right-password", OFFICE).status()).isEqualTo(LoginResult.Status.INVALID);
        assertThat(records.lines).last().isEqualTo("failed alice " + OFFICE);
    }

    @Test
    void api_use_should_count_as_a_login_at_most_every_fifteen_minutes_and_a_console_login_always() {
        attempt("alice", "right-password", OFFICE);
        store.put(store.users.get("alice"), clock.instant());
        clock.advance(Duration.ofMinutes(14));
        attempt("alice", "right-password", OFFICE);
        logins.attempt("alice", "right-password".toCharArray(), OFFICE, Logins.Channel.CONSOLE);
        clock.advance(Duration.ofMinutes(1));
        attempt("alice", "right-password", OFFICE);

        assertThat(records.lines).containsExactly("login alice api", "login alice console", "login alice api");
    }

    @Test
    void a_password_too_long_to_have_been_set_should_cost_no_hash() {
        LoginResult result = attempt("alice", "x".repeat(Logins.LONGEST_PASSWORD + 1), OFFICE);

        assertThat(result.status()).isEqualTo(LoginResult.Status.INVALID);
        assertThat(hashing.checks).isZero();
    }

    private LoginResult attempt(String username, String password, String address) {
        return logins.attempt(username, password.toCharArray(), address, Logins.Channel.API);
    }

    /** "Hashes" as {@code hash:<password>}; each check advances the ticker by {@link #HASH}. */
    private final class FakeHashing extends PasswordHashing {
        int checks;

        @Override
        public String hash(char[] password) {
            return "hash:" + new String(password);
        }

        @Override
        public boolean matches(char[] password, String storedHash) {
            checks++;
            nanos[0] += HASH.toNanos();
            return storedHash.equals(hash(password));
        }
    }

    private static final class RecordedLogins extends LoginRecords {
        final List<String> lines = new ArrayList<>();

        @Override
        void succeeded(String username, String address, Logins.Channel channel) {
            lines.add("login " + username + " " + channel.label());
        }

        @Override
        void failed(String username, String address, Logins.Channel channel) {
            lines.add("failed " + username + " " + address);
        }

        @Override
        void throttled(String username, String address, Logins.Channel channel, Duration wait) {
            lines.add("throttled " + username + " " + address + " " + wait);
        }
    }
}
