package dev.clockwork.trigger;

/** How a recurring trigger counts its next fire. */
public enum Timing {
    /** Fire times are anchored and do not drift: the next fire is counted from the previous fire time. */
    FIXED_RATE,
    /** The next fire is counted from the end of the previous run. */
    FIXED_DELAY
}
