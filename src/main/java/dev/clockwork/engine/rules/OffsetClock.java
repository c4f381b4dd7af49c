package dev.clockwork.engine.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A clock that reads another clock and adds an offset, kept up to date with the database's clock so that every node
 * of a cluster tells the same time: due times and liveness then agree even when a node's system clock is
 * wrong.
 */
public final class OffsetClock extends Clock {

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;
    /** Whether {@link #synchronize} ran: until then the offset is a guess of zero, not a measurement. */
    private volatile boolean measured;

    public OffsetClock(Clock base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /**
     * Sets the offset from one round trip: the database said {@code databaseTime} between {@code sentAt} and
     * {@code receivedAt} (both read from the base clock); its reading is taken as the midpoint of the two.
     *
     * @return the new offset
     */
    public Duration synchronize(Instant sentAt, Instant databaseTime, Instant receivedAt) {
        Instant midpoint = sentAt.plus(Duration.between(sentAt, receivedAt).dividedBy(2));
        offset = Duration.between(midpoint, databaseTime);
        measured = true;
        return offset;
    }

    public Duration offset() {
        return offset;
    }

    /** Whether the offset was measured against the database at least once. */
    public boolean measured() {
        return measured;
    }

    /** The uncorrected clock, for measuring round trips. */
    public Clock base() {
        return base;
    }

    /** The corrected time, to the microsecond: the precision the database stores. */
    @Override
    public Instant instant() {
        return base.instant().plus(offset).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Clockwork's clock is UTC; convert instants to a zone instead");
    }
}
