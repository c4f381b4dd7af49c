package dev.clockwork.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.SettableClock;
import dev.clockwork.engine.rules.ReplicaGuard.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadRouterTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final SettableClock clock = new SettableClock(T0);
    private final TestReadRouters.PlayedReplica replica = new TestReadRouters.PlayedReplica();
    private final ReadRouter router = TestReadRouters.router(replica, clock);

    @Test
    void router_should_report_no_replica_when_none_is_configured() {
        replica.configured = false;
        router.measure(T0);
        assertThat(router.status()).isEmpty();
        assertThat(router.endReads()).isEqualTo("primary");
    }

    @Test
    void router_should_put_the_replica_in_use_once_it_shows_the_heartbeat_just_written() {
        assertThat(router.status().orElseThrow().state()).isEqualTo(State.DOWN);
        replica.seen = () -> Optional.of(T0);
        router.measure(T0);
        assertThat(router.status().orElseThrow().state()).isEqualTo(State.IN_USE);
        assertThat(router.status().orElseThrow().lag()).contains(Duration.ZERO);
    }

    @Test
    void router_should_find_the_replica_lagging_when_it_stopped_replaying_more_than_max_lag_ago() {
        replica.seen = () -> Optional.of(T0);
        for (int beat = 0; beat <= 3; beat++) {
            clock.set(T0.plusSeconds(2L * beat));
            router.measure(clock.instant());
        }
        assertThat(router.status().orElseThrow().state()).as("4 s since the first heartbeat it misses")
                .isEqualTo(State.IN_USE);
        clock.set(T0.plusSeconds(8));
        router.measure(clock.instant());
        assertThat(router.status().orElseThrow().state()).isEqualTo(State.LAGGING);
        assertThat(router.status().orElseThrow().lag()).contains(Duration.ofSeconds(6));
    }

    @Test
    void router_should_find_the_replica_down_when_it_does_not_answer() {
        replica.seen = () -> {
            throw new IllegalStateException("The replica jdbc/clockwork-read did not answer: Connection refused");
        };
        router.measure(T0);
        assertThat(router.status().orElseThrow().state()).isEqualTo(State.DOWN);
        assertThat(router.status().orElseThrow().detail()).contains("Connection refused");
    }
}
