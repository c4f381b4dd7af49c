package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DispatchStateTest {

    private static final Instant T = Instant.parse("2026-12-03T09:00:00Z");
    private static final Duration POLL = Duration.ofSeconds(5);
    private final DispatchState state = new DispatchState(POLL);

    private static DispatchState.Step claim() {
        return new DispatchState.ClaimNow();
    }

    private static DispatchState.Step sleep(Instant until) {
        return new DispatchState.Sleep(Optional.ofNullable(until));
    }

    @Test
    void with_nothing_asked_the_loop_should_sleep_until_asked() {
        assertThat(state.next(T, Duration.ZERO)).isEqualTo(sleep(null));
    }

    @Test
    void a_poll_should_claim_once() {
        state.askPoll();

        assertThat(state.next(T, Duration.ofMillis(10))).as("a poll does not wait for the busy back-off")
                .isEqualTo(claim());
        assertThat(state.next(T, Duration.ZERO)).isEqualTo(sleep(null));
    }

    @ParameterizedTest(name = "wake-up at +{0} ms, now +{1} ms, back-off {2} ms -> {3}")
    @CsvSource(delimiterString = "|", textBlock = """
            # wake-up | now | back-off | step (claim, or sleep until +ms)
              100      | 0   | 0        | 100
              100      | 100 | 0        | claim
              100      | 150 | 0        | claim
              100      | 0   | 10       | 110
              100      | 105 | 10       | 110
              100      | 110 | 10       | claim
            """)
    void a_wake_up_should_claim_at_its_time_plus_the_busy_back_off(long wakeUpMs, long nowMs, long backoffMs,
            String expected) {
        state.askWakeUp(T.plusMillis(wakeUpMs), T);

        DispatchState.Step step = state.next(T.plusMillis(nowMs), Duration.ofMillis(backoffMs));

        assertThat(step).isEqualTo(expected.equals("claim") ? claim() : sleep(T.plusMillis(Long.parseLong(expected))));
    }

    @Test
    void a_claimed_wake_up_should_be_consumed() {
        state.askWakeUp(T, T);
        assertThat(state.next(T, Duration.ZERO)).isEqualTo(claim());

        assertThat(state.next(T.plusSeconds(1), Duration.ZERO)).isEqualTo(sleep(null));
    }

    @ParameterizedTest(name = "wake-ups at {0} ms -> signals {1}, then sleeps until +{2} ms")
    @CsvSource(delimiterString = "|", textBlock = """
            # wake-ups asked, in order | signal each | sleep until
              300                      | true        | 300
              300 200                  | true true   | 200
              200 300                  | true false  | 200
              200 200                  | true false  | 200
              5000                     | false       | none
              4999                     | true        | 4999
              6000 300                 | false true  | 300
            """)
    void the_earliest_wake_up_before_the_next_poll_should_win(String asked, String signals, String until) {
        List<Boolean> signalled = new ArrayList<>();
        for (String at : asked.split(" ")) {
            signalled.add(state.askWakeUp(T.plusMillis(Long.parseLong(at)), T));
        }

        assertThat(signalled).containsExactlyElementsOf(Arrays.stream(signals.split(" ")).map(Boolean::valueOf).toList());
        assertThat(state.next(T, Duration.ZERO))
                .isEqualTo(sleep(until.equals("none") ? null : T.plusMillis(Long.parseLong(until))));
    }

    @Test
    void stop_should_end_the_loop_even_with_a_claim_asked() {
        state.askPoll();
        state.stop();

        assertThat(state.next(T, Duration.ZERO)).isEqualTo(new DispatchState.Stop());
    }

    /** Workers whose room is scripted round by round, and a store that has {@code due} fires. */
    private static final class ScriptedClaimer implements DispatchState.Claimer {
        private final Deque<Integer> rooms;
        private int due;
        private int claims;
        private final Optional<Instant> earliestNextFire;

        ScriptedClaimer(int due, Optional<Instant> earliestNextFire, Integer... rooms) {
            this.due = due;
            this.earliestNextFire = earliestNextFire;
            this.rooms = new ArrayDeque<>(List.of(rooms));
        }

        @Override
        public int claimable() {
            return rooms.size() > 1 ? rooms.poll() : rooms.getFirst();
        }

        @Override
        public int startable() {
            return 0;
        }

        @Override
        public DispatchState.Round claim(int room, int startNow) {
            claims++;
            int taken = Math.min(room, due);
            due -= taken;
            return new DispatchState.Round(T, taken, earliestNextFire);
        }
    }

    @ParameterizedTest(name = "{0} due, rooms {1} -> {2} claims, backlog {3}")
    @CsvSource(delimiterString = "|", textBlock = """
            # due   | room per look (the last repeats) | claims | backlog
              3     | 10                               | 1      | false
              10    | 10                               | 2      | false
              25    | 10                               | 3      | false
              100000| 10                               | 50     | true
              5     | 0                                | 0      | true
              5     | 0 0                              | 0      | true
              5     | 0 8                              | 1      | false
              30    | 10 10 0 0                        | 2      | true
            """)
    void claims_should_go_on_until_nothing_is_due_or_the_workers_are_full(int due, String rooms, int claims,
            boolean backlog) {
        ScriptedClaimer claimer = new ScriptedClaimer(due, Optional.empty(),
                Arrays.stream(rooms.split(" ")).map(Integer::valueOf).toArray(Integer[]::new));

        Optional<DispatchState.Round> last = state.claimRounds(claimer);

        assertThat(claimer.claims).as("claims").isEqualTo(claims);
        assertThat(state.hasBacklog()).as("backlog").isEqualTo(backlog);
        assertThat(last.isPresent()).isEqualTo(claims > 0);
    }

    @Test
    void room_freed_with_a_backlog_should_claim_at_once_and_without_one_should_not() {
        assertThat(state.capacityFreed()).isFalse();
        assertThat(state.next(T, Duration.ZERO)).isEqualTo(sleep(null));

        state.claimRounds(new ScriptedClaimer(5, Optional.empty(), 0));

        assertThat(state.capacityFreed()).isTrue();
        assertThat(state.next(T, Duration.ZERO)).isEqualTo(claim());
    }

    @ParameterizedTest(name = "next fire at +{0} ms, backlog {1} -> look again at {2}")
    @CsvSource(delimiterString = "|", textBlock = """
            # next fire (ms after the claim, or none) | backlog | look again (ms after now, or none)
              2000                                    | false   | 2000
              2000                                    | true    | 2000
              0                                       | false   | 100
              -500                                    | false   | 100
              0                                       | true    | none
              none                                    | false   | none
            """)
    void the_loop_should_look_again_at_the_next_fire_or_soon_for_rows_held_elsewhere(String nextFire,
            boolean backlog, String expected) {
        Optional<Instant> next = nextFire.equals("none") ? Optional.empty()
                : Optional.of(T.plusMillis(Long.parseLong(nextFire)));
        ScriptedClaimer claimer = backlog ? new ScriptedClaimer(1_000_000, next, 10)
                : new ScriptedClaimer(1, next, 10);
        Optional<DispatchState.Round> last = state.claimRounds(claimer);

        assertThat(state.lookAgainAt(last, T))
                .isEqualTo(expected.equals("none") ? Optional.empty() : Optional.of(T.plusMillis(Long.parseLong(expected))));
    }

    @Test
    void no_claim_should_set_no_wake_up() {
        assertThat(state.lookAgainAt(Optional.empty(), T)).isEmpty();
    }
}
