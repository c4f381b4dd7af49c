package dev.clockwork.engine;

/** An execution that someone asked to run now; delivered to the workers once its row is committed. */
public record ManualRun(ClaimedFire fire) {
}
