package dev.clockwork.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.engine.rules.Failures.Cause;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.time.DateTimeException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailuresTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("unique key violated", wrapped(new SQLIntegrityConstraintViolationException("dup",
                        "23505")), Cause.TASK_DATA),
                Arguments.of("numeric value out of range", wrapped(new SQLException("range", "22003")),
                        Cause.TASK_DATA),
                Arguments.of("connection refused", wrapped(new SQLException("refused", "08001")), Cause.TRANSIENT),
                Arguments.of("deadlock", wrapped(new SQLTransactionRollbackException("deadlock", "40001")),
                        Cause.TRANSIENT),
                Arguments.of("pool timed out without a state", wrapped(new SQLTransientConnectionException("timeout")),
                        Cause.TRANSIENT),
                Arguments.of("a data state on a transient exception", new SQLTransientConnectionException("x", "22000"),
                        Cause.TRANSIENT),
                Arguments.of("state unknown", wrapped(new SQLException("what")), Cause.TRANSIENT),
                Arguments.of("overflow in fire-time math", new IllegalStateException(new ArithmeticException("long")),
                        Cause.TASK_DATA),
                Arguments.of("unknown zone", new DateTimeException("Mars/Olympus_Mons"), Cause.TASK_DATA),
                Arguments.of("illegal argument over a lost connection",
                        new IllegalArgumentException(new SQLException("gone", "08006")), Cause.TRANSIENT),
                Arguments.of("anything else", new RuntimeException("?"), Cause.TRANSIENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failure_should_be_owed_to_the_data_only_when_retrying_cannot_help(String what, Throwable failure,
                                                                            Cause cause) {
        assertThat(Failures.of(failure)).isEqualTo(cause);
        assertThat(Failures.blamesTaskData(failure)).isEqualTo(cause == Cause.TASK_DATA);
    }

    /** As the JPA provider or the store hands it on: a runtime exception around the driver's. */
    private static RuntimeException wrapped(SQLException e) {
        return new RuntimeException("Exception [EclipseLink-4002]", e);
    }
}
