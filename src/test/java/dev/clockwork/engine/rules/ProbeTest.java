package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clockwork.engine.rules.Probe.Check;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeTest {

    @Test
    void probe_should_pass_when_every_check_passes() {
        assertThat(new Probe(List.of(Check.up("database", "answers"), Check.up("clock", "measured"))).up()).isTrue();
    }

    @Test
    void probe_should_fail_when_one_check_fails() {
        assertThat(new Probe(List.of(Check.up("database", "answers"), Check.down("clock", "not measured"))).up())
                .isFalse();
    }

    @Test
    void probe_should_refuse_to_have_no_checks() {
        assertThatThrownBy(() -> new Probe(List.of())).hasMessageContaining("at least one check");
    }
}
