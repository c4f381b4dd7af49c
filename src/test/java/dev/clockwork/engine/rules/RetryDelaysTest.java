package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.api.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RetryDelaysTest {

    private static final RetryPolicy TEN_SECONDS_DOUBLING = new RetryPolicy(10, Duration.ofSeconds(10), 2.0,
            Duration.ofMinutes(10), 0.0);

    @ParameterizedTest(name = "after attempt {0}: {1} s")
    @CsvSource(delimiterString = "|", textBlock = """
            # ended attempt | delay (s), backoff 10 s, x2, at most 10 min, no jitter
              1             | 10
              2             | 20
              3             | 40
              4             | 80
              5             | 160
              6             | 320
              7             | 600
              9             | 600
            """)
    void delays_should_grow_by_the_multiplier_up_to_the_cap(int ended, long seconds) {
        assertThat(RetryDelays.delay(TEN_SECONDS_DOUBLING, ended, 0.5)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "attempt {0}, draw {1}: {2} ms")
    @CsvSource(delimiterString = "|", textBlock = """
            # ended | draw  | delay (ms), backoff 10 s, x2, at most 10 min, jitter 0.1
              1     | 0.0   | 9000
              1     | 0.5   | 10000
              1     | 0.999 | 10998
              3     | 0.0   | 36000
              3     | 0.75  | 42000
              8     | 0.0   | 540000
              8     | 0.999 | 659880
            """)
    void jitter_should_move_a_delay_by_at_most_its_share_either_way(int ended, double draw, long millis) {
        RetryPolicy policy = TEN_SECONDS_DOUBLING.withJitter(0.1);

        assertThat(RetryDelays.delay(policy, ended, draw)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "multiplier 1, attempt {0}: 30 s")
    @CsvSource({"1", "2", "5"})
    void a_multiplier_of_one_should_keep_the_delay(int ended) {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(30), 1.0, Duration.ofSeconds(30), 0.0);

        assertThat(RetryDelays.delay(policy, ended, 0.3)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void the_last_allowed_attempt_should_have_no_next_one() {
        RetryPolicy three = TEN_SECONDS_DOUBLING.withJitter(0).withMultiplier(3);
        Instant ended = Instant.parse("2030-01-01T09:00:00Z");

        assertThat(RetryDelays.nextAttemptAt(three.withMaxBackoff(Duration.ofHours(1)), 1, ended, 0.5))
                .contains(ended.plusSeconds(10));
        assertThat(RetryDelays.nextAttemptAt(new RetryPolicy(3, Duration.ofSeconds(10), 3, Duration.ofHours(1), 0),
                2, ended, 0.5)).contains(ended.plusSeconds(30));
        assertThat(RetryDelays.nextAttemptAt(new RetryPolicy(3, Duration.ofSeconds(10), 3, Duration.ofHours(1), 0),
                3, ended, 0.5)).isEmpty();
        assertThat(RetryDelays.nextAttemptAt(RetryPolicy.NONE, 1, ended, 0.5)).isEqualTo(Optional.empty());
    }
}
