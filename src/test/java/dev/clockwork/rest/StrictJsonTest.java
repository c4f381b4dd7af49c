package dev.clockwork.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clockwork.api.SchedulerException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Test
    void a_string_for_a_number_should_be_refused_naming_the_field() {
        assertRefused("{\"name\":\"a\",\"priority\":\"5\"}", TaskRequest.class, "priority");
    }

    @Test
    void a_number_for_a_string_should_be_refused_naming_the_field() {
        assertRefused("{\"name\":5}", TaskRequest.class, "name");
        assertRefused("{\"trigger\":[\"every 1h\"]}", TaskRequest.class, "trigger");
        assertRefused("{\"username\":true}", UsersResource.UserRequest.class, "username");
    }

    @Test
    void a_string_for_a_boolean_should_be_refused_naming_the_field() {
        assertRefused("{\"enabled\":\"yes\"}", UsersResource.ChangeRequest.class, "enabled");
        assertRefused("{\"mustChangePassword\":0}", UsersResource.ChangeRequest.class, "mustChangePassword");
    }

    @Test
    void a_number_that_is_not_a_whole_int_should_be_refused_naming_the_field() {
        assertRefused("{\"priority\":1e10}", TaskRequest.class, "priority");
        assertRefused("{\"priority\":5.5}", TaskRequest.class, "priority");
        assertRefused("{\"priority\":2147483648}", TaskRequest.class, "priority");
        assertRefused("{\"priority\":1e2147483647}", TaskRequest.class, "priority");
        assertRefused("{\"retry\":{\"attempts\":0.5}}", TaskRequest.class, "retry.attempts");
    }

    @Test
    void a_whole_number_in_any_notation_should_be_read_as_the_int() {
        TaskRequest request = bind("{\"priority\":1e1,\"retry\":{\"attempts\":3.0}}", TaskRequest.class);

        assertThat(request.priority).isEqualTo(10);
        assertThat(request.retry.attempts).isEqualTo(3);
    }

    @Test
    void a_number_too_large_for_a_double_should_be_refused_naming_the_field() {
        assertRefused("{\"retry\":{\"attempts\":3,\"multiplier\":1e400}}", TaskRequest.class, "retry.multiplier");
        assertRefused("{\"retry\":{\"jitter\":\"0.1\"}}", TaskRequest.class, "retry.jitter");
    }

    @Test
    void a_nested_object_of_the_wrong_type_should_be_refused_naming_it() {
        assertRefused("{\"retry\":3}", TaskRequest.class, "retry");
        assertRefused("{\"retry\":{\"attempts\":\"3\"}}", TaskRequest.class, "retry.attempts");
    }

    @Test
    void a_key_given_twice_should_be_refused_naming_it() {
        assertRefused("{\"name\":\"a\",\"name\":\"b\"}", TaskRequest.class, "name");
        assertRefused("{\"args\":{\"to\":1,\"to\":2}}", TaskRequest.class, "args.to");
        assertRefused("{\"args\":[{\"a\":1},{\"a\":1,\"a\":1}]}", TaskRequest.class, "args[1].a");
    }

    @Test
    void bytes_that_are_not_utf8_should_be_refused() {
        byte[] body = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'};

        assertThatThrownBy(() -> StrictJson.read(body, TaskRequest.class)).isInstanceOf(SchedulerException.class)
                .hasMessageContaining("not valid UTF-8: byte 9");
    }

    @Test
    void utf8_text_and_a_byte_order_mark_should_be_read() {
        TaskRequest request = bind("\uFEFF{\"description\":\"caf\u00e9 \u2603 \uD83D\uDE00\"}", TaskRequest.class);

        assertThat(request.description).isEqualTo("caf\u00e9 \u2603 \uD83D\uDE00");
    }

    @Test
    void args_should_take_any_json_and_unknown_fields_should_be_ignored_as_before() {
        assertThat(bind("{\"args\":3,\"colour\":\"red\"}", TaskRequest.class).args.toString()).isEqualTo("3");
        assertThat(bind("{\"args\":{\"to\":[\"ops\",null,1.5]}}", TaskRequest.class).args.toString())
                .isEqualTo("{\"to\":[\"ops\",null,1.5]}");
    }

    @Test
    void null_fields_should_stay_absent_and_a_blank_or_null_body_should_pass_to_the_resource() {
        assertThat(bind("{\"priority\":null,\"retry\":null}", TaskRequest.class).priority).isNull();
        assertThat(StrictJson.read(new byte[0], TaskRequest.class)).isEmpty();
        assertThat(StrictJson.read("null".getBytes(StandardCharsets.UTF_8), TaskRequest.class)).isEqualTo("null");
    }

    @Test
    void a_body_that_is_not_one_json_object_should_be_refused() {
        assertRefused("[1]", TaskRequest.class, null);
        assertRefused("\"x\"", TaskRequest.class, null);
        assertRefused("{\"name\":\"a\"} {}", TaskRequest.class, null);
        assertRefused("{\"name\":", TaskRequest.class, null);
    }

    @Test
    void nesting_deeper_than_the_limit_should_be_refused_not_overflow_the_stack() {
        String deep = "{\"args\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertThatThrownBy(() -> StrictJson.read(deep.getBytes(StandardCharsets.UTF_8), TaskRequest.class))
                .isInstanceOf(SchedulerException.class).hasMessageContaining("deeper than " + StrictJson.MOST_DEPTH);
    }

    /** Whatever comes in: read and bound by JSON-B without error, or refused as INVALID; nothing else. */
    @Property(tries = 1000, seed = "20261203")
    void generated_bodies_should_bind_or_be_refused_as_invalid(@ForAll("bodies") byte[] body) {
        for (Class<?> type : new Class<?>[] {TaskRequest.class, UsersResource.UserRequest.class,
                UsersResource.ChangeRequest.class}) {
            String json;
            try {
                json = StrictJson.read(body, type);
            } catch (SchedulerException e) {
                assertThat(e.reason()).isEqualTo(SchedulerException.Reason.INVALID);
                assertThat(e.getMessage()).hasSizeLessThan(2000);
                continue;
            }
            if (!json.isBlank()) {
                JSONB.fromJson(json, type);
            }
        }
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return JsonBodies.bodies();
    }

    private static <T> T bind(String json, Class<T> type) {
        return JSONB.fromJson(StrictJson.read(json.getBytes(StandardCharsets.UTF_8), type), type);
    }

    private static void assertRefused(String json, Class<?> type, String field) {
        assertThatThrownBy(() -> StrictJson.read(json.getBytes(StandardCharsets.UTF_8), type))
                .isInstanceOfSatisfying(SchedulerException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SchedulerException.Reason.INVALID);
                    assertThat(e.field().orElse(null)).isEqualTo(field);
                });
    }
}
