package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clockwork.api.FirePolicy;
import dev.clockwork.api.Misfire;
import dev.clockwork.api.Overlap;
import dev.clockwork.api.RetryPolicy;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.api.TaskSpec;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskDefinitionsTest {

    private static final ZoneId DEFAULT = ZoneId.of("Europe/Paris");

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/name", "ünïcode", "semi;colon"})
    void check_should_reject_a_bad_name_naming_the_field(String name) {
        TaskSpec spec = TaskSpec.builder(name).trigger("every 5m").action("noop").build();

        assertThatThrownBy(() -> TaskDefinitions.check(spec, DEFAULT))
                .isInstanceOf(SchedulerException.class)
                .satisfies(e -> assertThat(((SchedulerException) e).field()).contains("name"))
                .hasMessageContaining("letters, digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", " .. "})
    void check_should_reject_a_name_that_urls_read_as_a_path_step(String name) {
        TaskSpec spec = TaskSpec.builder(name).trigger("every 5m").action("noop").build();

        assertThatThrownBy(() -> TaskDefinitions.check(spec, DEFAULT))
                .isInstanceOfSatisfying(SchedulerException.class, e -> assertThat(e.field()).contains("name"))
                .hasMessageContaining("steps up the path");
    }

    @Test
    void check_should_keep_names_with_dots_that_are_not_path_steps() {
        for (String name : new String[] {"...", ".hidden", "a..b", "report.daily"}) {
            TaskSpec spec = TaskSpec.builder(name).trigger("every 5m").action("noop").build();

            assertThat(TaskDefinitions.check(spec, DEFAULT).name()).isEqualTo(name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"every 1ms", "every 999ms", "every 0.5s", "every PT0.1S", "every 500ms after each run",
            "every 10ms from 2027-01-01T00:00 times 3"})
    void check_should_reject_an_every_interval_under_the_shortest_naming_trigger_and_the_minimum(String trigger) {
        TaskSpec spec = TaskSpec.builder("t").trigger(trigger).action("noop").build();

        assertThatThrownBy(() -> TaskDefinitions.check(spec, DEFAULT))
                .isInstanceOfSatisfying(SchedulerException.class, e -> assertThat(e.field()).contains("trigger"))
                .hasMessageContaining("the shortest interval is 1s");
        assertThatThrownBy(() -> TriggerPreview.of(trigger, "t", "UTC", java.time.Instant.EPOCH, 1))
                .isInstanceOfSatisfying(SchedulerException.class, e -> assertThat(e.field()).contains("trigger"));
    }

    @Test
    void check_should_accept_an_every_of_the_shortest_interval_and_stored_triggers_should_still_parse() {
        TaskSpec spec = TaskSpec.builder("t").trigger("every 1s").action("noop").build();

        assertThat(TaskDefinitions.check(spec, DEFAULT).trigger().toString()).isEqualTo("every 1s");
        assertThat(TaskDefinitions.parseTrigger("every 1ms", "t").toString()).isEqualTo("every 1ms");
    }

    @ParameterizedTest(name = "{0} -> field {1}")
    @CsvSource(delimiterString = "|", textBlock = """
            # attempts | backoff ms | multiplier | max backoff ms | jitter | field
              0        | 10000      | 2          | 60000          | 0.1    | retry.attempts
              101      | 10000      | 2          | 60000          | 0.1    | retry.attempts
              -1       | 10000      | 2          | 60000          | 0.1    | retry.attempts
              3        | -5         | 2          | 60000          | 0.1    | retry.backoff
              3        | 0          | 2          | 60000          | 0.1    | retry.backoff
              3        | 10000      | 0.5        | 60000          | 0.1    | retry.multiplier
              3        | 10000      | 101        | 60000          | 0.1    | retry.multiplier
              3        | 10000      | NaN        | 60000          | 0.1    | retry.multiplier
              3        | 10000      | 2          | 5000           | 0.1    | retry.maxBackoff
              3        | 10000      | 2          | 60000          | 1.5    | retry.jitter
              3        | 10000      | 2          | 60000          | -0.1   | retry.jitter
            """)
    void check_should_reject_a_bad_retry_policy_naming_the_field(int attempts, long backoffMs, double multiplier,
            long maxBackoffMs, double jitter, String field) {
        TaskSpec spec = TaskSpec.builder("t").trigger("every 5m").action("noop").retry(new RetryPolicy(attempts,
                Duration.ofMillis(backoffMs), multiplier, Duration.ofMillis(maxBackoffMs), jitter)).build();

        assertThatThrownBy(() -> TaskDefinitions.check(spec, DEFAULT))
                .isInstanceOf(SchedulerException.class)
                .satisfies(e -> assertThat(((SchedulerException) e).field()).contains(field))
                .hasMessageContaining(field);
    }

    @ParameterizedTest
    @ValueSource(ints = {-101, 101, 1410065408, Integer.MIN_VALUE})
    void check_should_reject_a_priority_outside_minus_100_to_100(int priority) {
        TaskSpec spec = TaskSpec.builder("t").trigger("every 5m").action("noop").priority(priority).build();

        assertThatThrownBy(() -> TaskDefinitions.check(spec, DEFAULT))
                .isInstanceOf(SchedulerException.class)
                .satisfies(e -> assertThat(((SchedulerException) e).field()).contains("priority"))
                .hasMessageContaining("-100 to 100");
    }

    @ParameterizedTest
    @ValueSource(ints = {-100, 0, 100})
    void check_should_keep_a_priority_within_its_range(int priority) {
        TaskSpec spec = TaskSpec.builder("t").trigger("every 5m").action("noop").priority(priority).build();

        assertThat(TaskDefinitions.check(spec, DEFAULT).priority()).isEqualTo(priority);
    }

    @Test
    void check_should_refuse_a_timeout_above_the_node_ceiling_and_keep_one_within_it() {
        TaskSpec twoHours = TaskSpec.builder("t").trigger("every 5m").action("noop").timeout(Duration.ofHours(2))
                .build();
        Optional<Duration> oneHour = Optional.of(Duration.ofHours(1));

        assertThatThrownBy(() -> TaskDefinitions.check(twoHours, DEFAULT, oneHour))
                .isInstanceOf(SchedulerException.class)
                .satisfies(e -> assertThat(((SchedulerException) e).field()).contains("timeout"))
                .hasMessageContaining("at most 1h (clockwork.max-timeout)");
        assertThat(TaskDefinitions.check(twoHours, DEFAULT, Optional.of(Duration.ofHours(3))).timeout())
                .contains(Duration.ofHours(2));
    }

    @Test
    void check_should_reject_a_grace_that_is_not_positive() {
        TaskSpec spec = TaskSpec.builder("t").trigger("every 5m").action("noop").grace(Duration.ZERO).build();

        assertThatThrownBy(() -> TaskDefinitions.check(spec, DEFAULT))
                .satisfies(e -> assertThat(((SchedulerException) e).field()).contains("grace"));
    }

    @Test
    void parse_enum_should_read_any_case_and_name_the_field_and_choices_when_unknown() {
        assertThat(TaskDefinitions.parseEnum("misfire", " catch_up ", Misfire.class)).isEqualTo(Misfire.CATCH_UP);
        assertThatThrownBy(() -> TaskDefinitions.parseEnum("overlap", "SOMETIMES", Overlap.class))
                .isInstanceOf(SchedulerException.class)
                .satisfies(e -> assertThat(((SchedulerException) e).field()).contains("overlap"))
                .hasMessage("overlap is \"SOMETIMES\"; use one of ALLOW, FORBID, REPLACE.");
    }

    @Test
    void new_specs_should_forbid_overlap_and_fire_once_after_a_misfire() {
        TaskSpec spec = TaskSpec.builder("t").trigger("every 5m").action("noop").build();

        assertThat(TaskDefinitions.check(spec, DEFAULT).fires()).isEqualTo(FirePolicy.DEFAULT);
        assertThat(FirePolicy.DEFAULT.overlap()).isEqualTo(Overlap.FORBID);
        assertThat(FirePolicy.DEFAULT.misfire()).isEqualTo(Misfire.FIRE_ONCE);
    }

    @Test
    void check_should_keep_a_good_retry_policy_and_read_one_attempt_as_none() {
        RetryPolicy three = RetryPolicy.attempts(3);
        TaskSpec retried = TaskSpec.builder("t").trigger("every 5m").action("noop").retry(three).build();
        TaskSpec once = TaskSpec.builder("t").trigger("every 5m").action("noop").retry(RetryPolicy.attempts(1))
                .build();

        assertThat(TaskDefinitions.check(retried, DEFAULT).retry()).isEqualTo(three);
        assertThat(TaskDefinitions.check(once, DEFAULT).retry()).isEqualTo(RetryPolicy.NONE);
    }

    @Test
    void check_should_reject_a_name_longer_than_200_characters() {
        TaskSpec spec = TaskSpec.builder("a".repeat(201)).trigger("every 5m").action("noop").build();

        assertThatThrownBy(() -> TaskDefinitions.check(spec, DEFAULT)).isInstanceOf(SchedulerException.class);
    }

    @Test
    void check_should_reject_an_unknown_zone_with_examples() {
        TaskSpec spec = TaskSpec.builder("t").trigger("every 5m").action("noop").zone("Europe/Atlantis").build();

        assertThatThrownBy(() -> TaskDefinitions.check(spec, DEFAULT))
                .isInstanceOf(SchedulerException.class)
                .satisfies(e -> assertThat(((SchedulerException) e).field()).contains("zone"))
                .hasMessageContaining("Europe/Atlantis").hasMessageContaining("IANA");
    }

    @Test
    void check_should_reject_an_empty_trigger_with_examples() {
        TaskSpec spec = TaskSpec.builder("t").trigger("  ").action("noop").build();

        assertThatThrownBy(() -> TaskDefinitions.check(spec, DEFAULT))
                .isInstanceOf(SchedulerException.class)
                .satisfies(e -> assertThat(((SchedulerException) e).field()).contains("trigger"))
                .hasMessageContaining("every 15m");
    }

    @Test
    void builder_should_require_trigger_and_action() {
        assertThatThrownBy(() -> TaskSpec.builder("t").action("noop").build())
                .isInstanceOf(SchedulerException.class).hasMessageContaining("needs a trigger");
        assertThatThrownBy(() -> TaskSpec.builder("t").trigger("every 1m").build())
                .isInstanceOf(SchedulerException.class).hasMessageContaining("needs an action");
    }
}
