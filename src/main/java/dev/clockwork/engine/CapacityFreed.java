package dev.clockwork.engine;

/** Workers ran out of queued fires: if due work was left unclaimed for lack of room, the dispatcher claims it now. */
public record CapacityFreed() {
}
