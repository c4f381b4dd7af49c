package dev.clockwork.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CredentialStampTest {

    private static final String HASH = "PBKDF2WithHmacSHA256:100000:c2FsdA==:aGFzaA==";
    private static final String NEW_HASH = "PBKDF2WithHmacSHA256:100000:c2FsdDI=:aGFzaDI=";

    @Test
    void stamp_should_match_the_hash_it_was_taken_from() {
        assertThat(CredentialStamp.of(HASH).matches(HASH)).isTrue();
        assertThat(CredentialStamp.of(HASH)).isEqualTo(CredentialStamp.of(HASH));
    }

    @Test
    void stamp_should_not_match_when_the_password_hash_changed() {
        assertThat(CredentialStamp.of(HASH).matches(NEW_HASH)).isFalse();
    }

    @Test
    void stamp_should_not_reveal_the_hash() {
        CredentialStamp stamp = CredentialStamp.of(HASH);

        assertThat(stamp.value()).doesNotContain("c2FsdA", "aGFzaA").hasSize(43);
        assertThat(stamp.toString()).doesNotContain(stamp.value());
    }

    @Test
    void stamp_should_refuse_a_blank_value() {
        assertThatThrownBy(() -> new CredentialStamp(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
