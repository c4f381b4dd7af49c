package dev.clockwork.engine;

import java.time.Instant;

/** Asks the dispatcher to look for due tasks at {@code at} (fired when a task's next fire time changes). */
public record WakeUp(Instant at) {
}
