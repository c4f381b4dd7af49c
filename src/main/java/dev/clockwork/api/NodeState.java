package dev.clockwork.api;

/** The life of a node (one server process) as the cluster sees it. */
public enum NodeState {
    /** Heartbeating. */
    LIVE,
    /** Stopped heartbeating for longer than the dead-after threshold; its executions were taken over. */
    DEAD,
    /** Shut down cleanly; its unfinished executions were handed over. */
    STOPPED
}
