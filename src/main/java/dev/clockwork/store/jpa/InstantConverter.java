package dev.clockwork.store.jpa;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Stores instants as microseconds since the epoch in a {@code BIGINT}. JPA 3.1 has no basic mapping for
 * {@link Instant}; and a date-time column is shifted by the JVM's and the session's zones on some drivers (MySQL
 * Connector/J) and loses its fraction with others (EclipseLink sees MariaDB as MySQL 5.5). A number reads the same
 * on every node, whatever its zone. Sub-microsecond digits are dropped.
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, Long> {

    @Override
    public Long convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : toMicros(instant);
    }

    @Override
    public Instant convertToEntityAttribute(Long micros) {
        return micros == null ? null : fromMicros(micros);
    }

    /** The instant of microseconds since the epoch, as native SQL reads them. */
    static Instant fromMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /**
     * Microseconds since the epoch, for native SQL parameters.
     *
     * Exact for every instant {@link #fromMicros} gives, so whatever was read can be written back.
     *
     * @throws IllegalArgumentException when the instant is beyond what 64 bits of microseconds hold (about 292,000
     *     years either side of 1970); the engine keeps fire times before the trigger horizon, far inside
     */
    static long toMicros(Instant instant) {
        try {
            // Not ChronoUnit.MICROS.between: it counts in nanoseconds first, which overflow after 2262-04-11.
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Instant " + instant + " cannot be stored: Clockwork stores instants"
                    + " as 64-bit microseconds since 1970", e);
        }
    }
}
