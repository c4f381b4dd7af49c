package dev.clockwork.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Table-driven tests of {@code cron}: fire times (with daylight-saving changes, month ends and leap days), canonical
 * text, descriptions, {@code H} and errors. Every fire-time row also checks that each fire is strictly after the
 * instant asked about.
 */
class CronTriggerTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
    private static final ZoneId APIA = ZoneId.of("Pacific/Apia");

    /** The next fires of {@code text} after {@code after}, in {@code zone}, checking each is after the last. */
    private static List<Instant> fires(String text, ZoneId zone, String after, int count) {
        Trigger trigger = Trigger.parse(text, "task");
        List<Instant> fires = trigger.nextFiresAfter(Instant.parse(after), zone, Instant.EPOCH, count);
        Instant previous = Instant.parse(after);
        for (Instant fire : fires) {
            assertThat(fire).as("each fire is strictly after the one before").isAfter(previous);
            previous = fire;
        }
        return fires;
    }

    private static List<Instant> instants(String... texts) {
        return Arrays.stream(texts).map(Instant::parse).toList();
    }

    @Test
    void five_fields_should_fire_on_weekdays_at_the_given_time() {
        assertThat(fires("cron 0 9 * * MON-FRI", UTC, "2026-11-20T09:00:00Z", 3))
                .isEqualTo(instants("2026-11-23T09:00:00Z", "2026-11-24T09:00:00Z", "2026-11-25T09:00:00Z"));
    }

    @Test
    void six_fields_should_read_seconds_first() {
        assertThat(fires("cron */20 * * * * *", UTC, "2026-01-01T00:00:00.500Z", 3))
                .isEqualTo(instants("2026-01-01T00:00:20Z", "2026-01-01T00:00:40Z", "2026-01-01T00:01:00Z"));
    }

    @Test
    void seven_fields_should_read_the_year_last_and_stop_after_it() {
        assertThat(fires("cron 0 0 12 1 1 * 2027-2028", UTC, "2026-06-01T00:00:00Z", 5))
                .isEqualTo(instants("2027-01-01T12:00:00Z", "2028-01-01T12:00:00Z"));
    }

    @Test
    void next_fire_should_be_never_again_when_the_year_field_is_in_the_past() {
        Trigger trigger = Trigger.parse("cron 0 0 0 1 1 * 2020");
        assertThat(trigger.nextFireAfter(Instant.parse("2026-01-01T00:00:00Z"), UTC, Instant.EPOCH)).isEmpty();
    }

    @Test
    void next_fire_should_be_strictly_after_an_instant_that_is_itself_a_fire_time() {
        assertThat(fires("cron 0 9 * * *", UTC, "2026-01-01T09:00:00Z", 1)).containsExactly(
                Instant.parse("2026-01-02T09:00:00Z"));
    }

    @Test
    void day_of_week_seven_should_be_sunday_like_zero() {
        assertThat(Trigger.parse("cron 0 0 * * 7")).isEqualTo(Trigger.parse("cron 0 0 * * 0"))
                .isEqualTo(Trigger.parse("cron 0 0 * * sun"));
    }

    @Test
    void restricted_day_of_month_and_day_of_week_should_fire_on_a_day_matching_either() {
        // February 2026: the 13th is a Friday; the Mondays are 2, 9, 16 and 23.
        assertThat(fires("cron 0 0 13 * 1", UTC, "2026-02-01T00:00:00Z", 5)).isEqualTo(instants(
                "2026-02-02T00:00:00Z", "2026-02-09T00:00:00Z", "2026-02-13T00:00:00Z", "2026-02-16T00:00:00Z",
                "2026-02-23T00:00:00Z"));
    }

    @Test
    void star_or_question_mark_in_day_of_month_should_leave_the_days_to_day_of_week() {
        List<Instant> mondays = instants("2026-02-02T00:00:00Z", "2026-02-09T00:00:00Z");
        assertThat(fires("cron 0 0 * * 1", UTC, "2026-02-01T00:00:00Z", 2)).isEqualTo(mondays);
        assertThat(fires("cron 0 0 ? * 1", UTC, "2026-02-01T00:00:00Z", 2)).isEqualTo(mondays);
    }

    @Test
    void feb_29_should_fire_in_leap_years_only() {
        assertThat(fires("cron 0 0 29 2 *", UTC, "2026-01-01T00:00:00Z", 2))
                .isEqualTo(instants("2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"));
    }

    @Test
    void the_31st_should_skip_months_that_have_30_days_or_fewer() {
        assertThat(fires("cron 0 0 31 * *", UTC, "2026-01-01T00:00:00Z", 5)).isEqualTo(instants(
                "2026-01-31T00:00:00Z", "2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z", "2026-07-31T00:00:00Z",
                "2026-08-31T00:00:00Z"));
    }

    @Test
    void last_day_should_follow_february_in_common_and_leap_years() {
        assertThat(fires("cron 0 0 L 2 *", UTC, "2026-01-01T00:00:00Z", 3)).isEqualTo(instants(
                "2026-02-28T00:00:00Z", "2027-02-28T00:00:00Z", "2028-02-29T00:00:00Z"));
        assertThat(fires("cron 0 0 L-3 2 *", UTC, "2027-01-01T00:00:00Z", 2)).isEqualTo(instants(
                "2027-02-25T00:00:00Z", "2028-02-26T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0} in {1} fires on {2}")
    @CsvSource({
        // 2026-08-15 is a Saturday, 2026-11-15 a Sunday, 2026-08-01 a Saturday, 2026-05-31 a Sunday.
        "15W, 2026-08, 2026-08-14",
        "15W, 2026-11, 2026-11-16",
        "1W, 2026-08, 2026-08-03",
        "31W, 2026-05, 2026-05-29",
        "LW, 2026-05, 2026-05-29",
        "LW, 2026-02, 2026-02-27",
    })
    void nearest_weekday_should_stay_inside_the_month(String field, String month, String day) {
        Instant start = Instant.parse(month + "-01T00:00:00Z").minusSeconds(1);
        assertThat(fires("cron 0 0 " + field + " * *", UTC, start.toString(), 1))
                .containsExactly(Instant.parse(day + "T00:00:00Z"));
    }

    @Test
    void fifth_friday_should_skip_months_without_one() {
        assertThat(fires("cron 0 0 * * 5#5", UTC, "2026-01-01T00:00:00Z", 4)).isEqualTo(instants(
                "2026-01-30T00:00:00Z", "2026-05-29T00:00:00Z", "2026-07-31T00:00:00Z", "2026-10-30T00:00:00Z"));
    }

    @Test
    void third_friday_and_last_friday_should_fire_in_every_month() {
        assertThat(fires("cron 0 0 * * 5#3", UTC, "2026-01-01T00:00:00Z", 2))
                .isEqualTo(instants("2026-01-16T00:00:00Z", "2026-02-20T00:00:00Z"));
        assertThat(fires("cron 0 0 * * 5L", UTC, "2026-01-01T00:00:00Z", 2))
                .isEqualTo(instants("2026-01-30T00:00:00Z", "2026-02-27T00:00:00Z"));
    }

    @Test
    void a_range_that_goes_backwards_should_wrap_around() {
        assertThat(fires("cron 0 22-1 * * *", UTC, "2026-01-01T12:00:00Z", 4)).isEqualTo(instants(
                "2026-01-01T22:00:00Z", "2026-01-01T23:00:00Z", "2026-01-02T00:00:00Z", "2026-01-02T01:00:00Z"));
        assertThat(Trigger.parse("cron 0 0 * * FRI-MON")).isEqualTo(Trigger.parse("cron 0 0 * * 0,1,5,6"));
    }

    @Test
    void macros_should_mean_their_five_field_forms() {
        assertThat(Trigger.parse("cron @yearly")).isEqualTo(Trigger.parse("cron 0 0 1 1 *"))
                .isEqualTo(Trigger.parse("cron @ANNUALLY"));
        assertThat(Trigger.parse("cron @monthly")).isEqualTo(Trigger.parse("cron 0 0 1 * *"));
        assertThat(Trigger.parse("cron @weekly")).isEqualTo(Trigger.parse("cron 0 0 * * 0"));
        assertThat(Trigger.parse("cron @daily")).isEqualTo(Trigger.parse("cron 0 0 * * *"))
                .isEqualTo(Trigger.parse("cron @midnight"));
        assertThat(Trigger.parse("cron @hourly")).isEqualTo(Trigger.parse("cron 0 * * * *"));
    }

    // Daylight saving, Vixie style. Paris: 2026-03-29 02:00 CET -> 03:00 CEST, 2026-10-25 03:00 CEST -> 02:00 CET.

    @Test
    void next_fire_should_move_to_the_end_of_the_jump_when_clocks_spring_forward_over_a_fixed_time() {
        assertThat(fires("cron 0 30 2 * * *", PARIS, "2026-03-28T12:00:00Z", 2)).isEqualTo(instants(
                "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"));
    }

    @Test
    void next_fire_should_fire_once_in_the_first_pass_when_clocks_fall_back_over_a_fixed_time() {
        assertThat(fires("cron 0 30 2 * * *", PARIS, "2026-10-24T12:00:00Z", 2)).isEqualTo(instants(
                "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"));
    }

    @Test
    void next_fire_should_not_repeat_a_fixed_time_when_asked_from_the_second_pass() {
        // 2026-10-25T01:10Z is 02:10 CET, in the repeated hour after 02:30 CEST already fired.
        assertThat(fires("cron 0 30 2 * * *", PARIS, "2026-10-25T01:10:00Z", 1)).containsExactly(
                Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void wildcard_hour_should_keep_firing_by_elapsed_time_when_clocks_change_in_paris() {
        assertThat(fires("cron 0 */30 * * * *", PARIS, "2026-03-29T00:00:00Z", 3)).isEqualTo(instants(
                "2026-03-29T00:30:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z"));
        assertThat(fires("cron 0 */30 * * * *", PARIS, "2026-10-24T23:45:00Z", 5)).isEqualTo(instants(
                "2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z",
                "2026-10-25T02:00:00Z"));
    }

    // New York: 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z), 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z).

    @Test
    void new_york_spring_forward_should_fire_a_skipped_fixed_time_at_three() {
        assertThat(fires("cron 0 2 * * *", NEW_YORK, "2026-03-07T12:00:00Z", 2)).isEqualTo(instants(
                "2026-03-08T07:00:00Z", "2026-03-09T06:00:00Z"));
    }

    @Test
    void new_york_fall_back_should_fire_a_repeated_fixed_time_once() {
        assertThat(fires("cron 30 1 * * *", NEW_YORK, "2026-10-31T12:00:00Z", 2)).isEqualTo(instants(
                "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"));
    }

    @Test
    void new_york_wildcard_hour_should_fire_in_both_passes_of_the_repeated_hour() {
        assertThat(fires("cron */15 * * * *", NEW_YORK, "2026-11-01T05:50:00Z", 3)).isEqualTo(instants(
                "2026-11-01T06:00:00Z", "2026-11-01T06:15:00Z", "2026-11-01T06:30:00Z"));
        assertThat(fires("cron */15 * * * *", NEW_YORK, "2026-03-08T06:50:00Z", 2)).isEqualTo(instants(
                "2026-03-08T07:00:00Z", "2026-03-08T07:15:00Z"));
    }

    @Test
    void lord_howe_half_hour_shift_should_follow_the_same_rules() {
        // 2026-10-04 02:00 +10:30 -> 02:30 +11:00; 2026-04-05 02:00 +11:00 -> 01:30 +10:30.
        assertThat(fires("cron 0 15 2 * * *", LORD_HOWE, "2026-10-03T00:00:00Z", 2)).isEqualTo(instants(
                "2026-10-03T15:30:00Z", "2026-10-04T15:15:00Z"));
        assertThat(fires("cron 0 45 1 * * *", LORD_HOWE, "2026-04-04T00:00:00Z", 2)).isEqualTo(instants(
                "2026-04-04T14:45:00Z", "2026-04-05T15:15:00Z"));
        assertThat(fires("cron 0 */30 * * * *", LORD_HOWE, "2026-04-04T14:20:00Z", 4)).isEqualTo(instants(
                "2026-04-04T14:30:00Z", "2026-04-04T15:00:00Z", "2026-04-04T15:30:00Z", "2026-04-04T16:00:00Z"));
    }

    @Test
    void apia_skipped_day_should_fire_a_fixed_time_once_at_the_jump_and_go_on() {
        // Samoa skipped 2011-12-30: 2011-12-29 23:59:59 -10:00 was followed by 2011-12-31 00:00 +14:00.
        assertThat(fires("cron 0 0 12 * * *", APIA, "2011-12-29T00:00:00Z", 3)).isEqualTo(instants(
                "2011-12-29T22:00:00Z", "2011-12-30T10:00:00Z", "2011-12-30T22:00:00Z"));
        assertThat(fires("cron 0 0 * * * *", APIA, "2011-12-30T08:30:00Z", 2)).isEqualTo(instants(
                "2011-12-30T09:00:00Z", "2011-12-30T10:00:00Z"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "cron 0 9 * * mon-fri | cron 0 9 * * MON-FRI",
        "CRON 0 0 9 * * MON-FRI | cron 0 9 * * MON-FRI",
        "cron 0/15 * * * * | cron */15 * * * *",
        "cron 0,15,30,45 * * * * | cron */15 * * * *",
        "cron 5/20 * * * * | cron 5/20 * * * *",
        "cron @daily | cron 0 0 * * *",
        "cron 0 0 ? * 7 | cron 0 0 * * SUN",
        "cron 0 0 1-31 * MON | cron 0 0 1-31 * MON",
        "cron 0 22-2 * * * | cron 0 0-2,22-23 * * *",
        "cron 0 0 l,15w * * | cron 0 0 L,15W * *",
        "cron 0 0 * jan,feb,mar 5l,1#2 | cron 0 0 * JAN-MAR 5L,1#2",
        "cron 30 0 9 * * * 2027 | cron 30 0 9 * * * 2027",
        "cron 0 0 0 1 1 ? * | cron 0 0 1 JAN *",
    })
    void canonical_text_should_be_stable_and_parse_back_to_an_equal_trigger(String typed, String canonical) {
        Trigger trigger = Trigger.parse(typed);
        assertThat(trigger).hasToString(canonical);
        assertThat(Trigger.parse(canonical)).isEqualTo(trigger).hasSameHashCodeAs(trigger).hasToString(canonical);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "cron 0 9 * * MON-FRI | at 09:00, Monday through Friday",
        "cron */15 * * * * | every 15 minutes",
        "cron */5 * * * * * | every 5 seconds",
        "cron 30 0 12 * * * | at 12:00:30",
        "cron 0 0 L 2 * | at 00:00, on the last day of the month, in February",
        "cron 0 0 * * 5#3 | at 00:00, on the third Friday of the month",
        "cron 0 0 13 * 5 | at 00:00, on day 13 of the month or on Friday",
        "cron 0 8,12,18 * * * | at 08:00, 12:00 and 18:00",
        "cron 0 0 0 1 1 * 2027 | at 00:00, on day 1 of the month, in January, in 2027",
    })
    void describe_should_say_in_plain_english_when_it_fires(String text, String description) {
        assertThat(Trigger.parse(text).describe(PARIS)).isEqualTo(description);
    }

    @Test
    void hash_should_follow_the_documented_sha256_recipe() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("report.send".getBytes(StandardCharsets.UTF_8));
        long minuteBytes = ((digest[4] & 0xFFL) << 24) | ((digest[5] & 0xFFL) << 16) | ((digest[6] & 0xFFL) << 8)
                | (digest[7] & 0xFFL);
        long hourBytes = ((digest[8] & 0xFFL) << 24) | ((digest[9] & 0xFFL) << 16) | ((digest[10] & 0xFFL) << 8)
                | (digest[11] & 0xFFL);
        Trigger trigger = Trigger.parse("cron H H(8-17) * * *", "report.send");
        assertThat(trigger).hasToString("cron " + minuteBytes % 60 + " " + (8 + hourBytes % 10) + " * * *");
    }

    @Test
    void hash_should_be_stable_for_a_name_and_spread_across_names() {
        assertThat(Trigger.parse("cron H * * * *", "a")).isEqualTo(Trigger.parse("cron H * * * *", "a"));
        Set<String> minutes = new HashSet<>();
        IntStream.range(0, 100).forEach(i -> minutes.add(Trigger.parse("cron H * * * *", "task-" + i).toString()));
        assertThat(minutes).as("100 names spread over many minutes").hasSizeGreaterThan(40);
    }

    @Test
    void hash_with_a_step_should_keep_the_step_from_a_hashed_offset() {
        for (int i = 0; i < 20; i++) {
            String text = Trigger.parse("cron H/15 * * * *", "task-" + i).toString();
            int offset = Integer.parseInt(text.split(" ")[1].split("[,/]")[0]);
            assertThat(offset).isBetween(0, 14);
            assertThat(Trigger.parse(text)).isEqualTo(Trigger.parse(
                    "cron " + offset + "," + (offset + 15) + "," + (offset + 30) + "," + (offset + 45) + " * * * *"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cron 0 25 * * * | hour | 8 | hour: 25 is out of range 0-23 (column 8) in \"cron 0 25 * * *\"",
        "cron 60 * * * * | minute | 6 | 60 is out of range 0-59",
        "cron * * 32 * * | day-of-month | 10 | 32 is out of range 1-31",
        "cron * * * 13 * | month | 12 | 13 is out of range 1-12",
        "cron * * * * 8 | day-of-week | 14 | 8 is out of range 0-7",
        "cron * * * FOO * | month | 12 | 'FOO' is not a valid value",
        "cron */0 * * * * | minute | 8 | must be at least 1",
        "cron */90 * * * * | minute | 8 | every 90m",
        "cron 1,,2 * * * * | minute | 8 | a list item is empty",
        "cron * * * * | cron | 12 | expected 5, 6 or 7 fields",
        "cron ? * * * * | minute | 6 | '?' is only allowed in day-of-month and day-of-week",
        "cron 0 0 L-31 * * | day-of-month | 12 | 31 is out of range 0-30",
        "cron 0 0 * * 5#6 | day-of-week | 16 | 6 is out of range 1-5",
        "cron @reboot | cron | 6 | '@reboot' is not a cron macro",
        "cron 99999999999999999999 * * * * | minute | 6 | out of range 0-59",
        "cron 0 0 0 1 1 * 1969 | year | 18 | 1969 is out of range 1970-2199",
        "cron 0 0 0 1 1 * 2030-2027 | year | 18 | goes backwards",
        "cron 0 0 30 2 * | day-of-month | 10 | can never fire",
        "cron 0 0 31 4,6,9,11 * | day-of-month | 10 | can never fire",
        "cron 0 0 0 29 2 * 2027 | day-of-month | 12 | can never fire",
        "cron H(5-2) * * * * | minute | 6 | goes backwards",
        "cron 0 0 * * 5#x | day-of-week | 16 | 'x' is not a number",
    })
    void parse_should_name_field_token_and_column_when_input_is_bad(String text, String field, int column,
            String message) {
        assertThatThrownBy(() -> Trigger.parse(text)).isInstanceOfSatisfying(TriggerFormatException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.column()).isEqualTo(column);
            assertThat(e.getMessage()).contains(message).contains("(column " + column + ")")
                    .contains("in \"" + text + "\"");
        });
    }

    @Test
    void fires_should_come_from_jumps_not_scans_when_the_next_one_is_years_away() {
        // The first Feb 29 in 2030-2199 is in 2032; the search jumps over the years without matching days.
        Trigger trigger = Trigger.parse("cron 0 0 0 29 2 ? 2030-2199");
        assertThat(trigger.nextFireAfter(Instant.parse("2026-01-01T00:00:00Z"), UTC, Instant.EPOCH))
                .contains(Instant.parse("2032-02-29T00:00:00Z"));
    }
}
