package dev.clockwork.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SafeRedirectTest {

    @ParameterizedTest
    @ValueSource(strings = {"/task.xhtml?name=a", "/index.xhtml", "/password.xhtml"})
    void target_should_keep_a_path_inside_the_console(String next) {
        assertThat(SafeRedirect.target(next)).isEqualTo(next);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "https://evil.example", "//evil.example/x", "/\\evil.example", "javascript:alert(1)",
            "/login.xhtml", "/index.xhtml\r\nSet-Cookie: x=1"})
    void target_should_fall_back_home_for_anything_else(String next) {
        assertThat(SafeRedirect.target(next)).isEqualTo(SafeRedirect.HOME);
    }
}
