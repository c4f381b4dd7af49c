package dev.clockwork.engine.rules;

/**
 * A monotonic source of nanoseconds for measuring elapsed time (run times, deadlines), which wall clocks cannot do:
 * they jump. Only differences between two readings mean anything. Injected like the clock, so tests can drive it.
 */
@FunctionalInterface
public interface Ticker {

    /** The current reading, in nanoseconds from an arbitrary origin. */
    long read();
}
