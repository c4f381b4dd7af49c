package dev.clockwork.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void policy_should_refuse_short_long_common_and_username_passwords_and_accept_others() {
        assertThat(PasswordPolicy.problem("alice", "short12".toCharArray())).get().asString().contains("8 to 128");
        assertThat(PasswordPolicy.problem("alice", "x".repeat(129).toCharArray())).get().asString()
                .contains("it has 129");
        assertThat(PasswordPolicy.problem("alice", "Password123".toCharArray())).get().asString()
                .contains("most common");
        assertThat(PasswordPolicy.problem("alice.smith", "ALICE.SMITH".toCharArray())).get().asString()
                .contains("username");
        assertThat(PasswordPolicy.problem("alice", "x".repeat(128).toCharArray())).isEmpty();
        assertThat(PasswordPolicy.problem("alice", "viewer-password".toCharArray())).isEmpty();
    }
}
