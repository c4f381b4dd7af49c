package dev.clockwork.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TriggerParserTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\n"})
    void parse_should_list_the_four_forms_when_text_is_blank(String text) {
        assertThatThrownBy(() -> Trigger.parse(text))
                .isInstanceOfSatisfying(TriggerFormatException.class, e -> {
                    assertThat(e.field()).isEqualTo("trigger");
                    assertThat(e.column()).isZero();
                    assertThat(e.getMessage()).contains("empty").contains("cron 0 30 8 * * MON-FRI")
                            .contains("at 2026-12-31T23:59").contains("every 1h30m").contains("in 90s");
                });
    }

    @ParameterizedTest(name = "{0}: column {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "evry 5m|1|'evry' is not a trigger keyword",
        "\"   daily\"|4|'daily' is not a trigger keyword",
        "@daily|1|'@daily' is not a trigger keyword",
    })
    void parse_should_name_token_column_and_keywords_when_keyword_is_unknown(String text, int column,
            String problem) {
        assertThatThrownBy(() -> Trigger.parse(text))
                .isInstanceOfSatisfying(TriggerFormatException.class, e -> {
                    assertThat(e.field()).isEqualTo("keyword");
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.token()).isEqualTo(text.strip().split(" ")[0]);
                    assertThat(e.getMessage()).contains(problem).contains("(column " + column + ")")
                            .contains("cron <fields>").contains("at <date-time>").contains("every <interval>")
                            .contains("in <delay>");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"every5m", "in90s", "cron*/5 * * * *", "at202612312359"})
    void parse_should_suggest_a_space_when_keyword_runs_into_its_value(String text) {
        assertThatThrownBy(() -> Trigger.parse(text))
                .isInstanceOf(TriggerFormatException.class)
                .hasMessageContaining("put a space after");
    }

    @ParameterizedTest
    @ValueSource(strings = {"in 90s", "IN 90s", "In 90s", "  in 90s  ", "\tin\t90s\n"})
    void parse_should_ignore_keyword_case_and_outer_whitespace_when_reading_the_keyword(String text) {
        assertThat(Trigger.parse(text)).isEqualTo(Trigger.parse("in 1m30s"));
    }

    @Test
    void parse_should_report_columns_of_the_text_as_typed_when_it_has_leading_spaces() {
        assertThatThrownBy(() -> Trigger.parse("   every 5x"))
                .isInstanceOfSatisfying(TriggerFormatException.class, e -> assertThat(e.column()).isEqualTo(11));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron", "CRON   "})
    void parse_should_ask_for_fields_when_cron_has_none(String text) {
        assertThatThrownBy(() -> Trigger.parse(text))
                .isInstanceOfSatisfying(TriggerFormatException.class, e -> {
                    assertThat(e.field()).isEqualTo("cron");
                    assertThat(e.getMessage()).contains("cron needs a value").contains("cron 0 30 8 * * MON-FRI");
                });
    }

    @Test
    void parse_should_treat_null_task_name_as_empty_when_form_is_not_cron() {
        assertThat(Trigger.parse("every 5m", null)).isEqualTo(Trigger.parse("every 5m", "report"));
    }
}
