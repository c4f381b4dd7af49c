package dev.clockwork.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BasicCredentialsTest {

    @Test
    void parse_should_read_user_and_password_with_colons_in_the_password() {
        String header = "Basic " + Base64.getEncoder().encodeToString("ops:pa:ss wörd".getBytes(StandardCharsets.UTF_8));

        assertThat(BasicCredentials.parse(header)).hasValueSatisfying(c -> {
            assertThat(c.getCaller()).isEqualTo("ops");
            assertThat(c.getPasswordAsString()).isEqualTo("pa:ss wörd");
        });
    }

    @Test
    void parse_should_accept_the_scheme_in_any_case() {
        assertThat(BasicCredentials.parse("basic " + Base64.getEncoder().encodeToString("a:b".getBytes()))).isPresent();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Bearer abc", "Basic !!!not-base64", "Basic " + "bm9jb2xvbg==", "Basic OnBhc3M="})
    void parse_should_find_no_credentials_in_a_missing_or_malformed_header(String header) {
        assertThat(BasicCredentials.parse(header)).isEmpty();
    }
}
