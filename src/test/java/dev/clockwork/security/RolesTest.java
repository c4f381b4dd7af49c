package dev.clockwork.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RolesTest {

    @Test
    void up_to_should_include_every_lower_role() {
        assertThat(Roles.upTo(Roles.VIEWER)).containsExactly(Roles.VIEWER);
        assertThat(Roles.upTo(Roles.OPERATOR)).containsExactlyInAnyOrder(Roles.VIEWER, Roles.OPERATOR);
        assertThat(Roles.upTo(Roles.ADMIN)).isEqualTo(Roles.ALL);
    }

    @Test
    void up_to_should_reject_an_unknown_role_listing_the_valid_ones() {
        assertThatThrownBy(() -> Roles.upTo("root")).hasMessageContaining("root").hasMessageContaining(Roles.ADMIN);
    }
}
