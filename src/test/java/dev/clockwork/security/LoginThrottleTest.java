package dev.clockwork.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.engine.rules.SecurityConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final SecurityConfig config = SecurityConfig.defaults();

    @Test
    void delay_should_double_from_the_first_and_stop_at_the_most() {
        LoginThrottle throttle = new LoginThrottle(config, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        assertThat(throttle.delay(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.delay(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.delay(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(throttle.delay(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(throttle.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void remembered_keys_should_stay_bounded_when_an_attacker_uses_ever_new_addresses() {
        LoginThrottle throttle = new LoginThrottle(config, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        for (int i = 0; i < LoginThrottle.MOST_KEYS + 20_000; i++) {
            throttle.failed("admin", "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }

        assertThat(throttle.size()).isLessThanOrEqualTo(LoginThrottle.MOST_KEYS + 1);
        assertThat(throttle.waitFor("admin", "10.0.0.1")).as("the username's failures are kept").isNotEmpty()
                .isEqualTo(throttle.waitFor("admin", "10.0.0.1"));
    }
}
