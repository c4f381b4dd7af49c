package dev.clockwork.engine.rules;

import java.util.function.Function;

/** Who may read {@code GET /api/metrics}: every user (the viewer role) by default, or anyone. */
public enum MetricsAccess {
    /** Needs the credentials of a Clockwork user, as every other read of the API. */
    VIEWERS,
    /** Open without login, for a Prometheus server that cannot send credentials. */
    PUBLIC;

    static final String KEY = "clockwork.metrics.public";

    /**
     * Reads {@code clockwork.metrics.public} (or {@code CLOCKWORK_METRICS_PUBLIC}): {@code true} opens the metrics to
     * anyone; absent or {@code false} keeps them to users.
     */
    public static MetricsAccess from(Function<String, String> lookup) {
        return new Settings(lookup).flag(KEY, false) ? PUBLIC : VIEWERS;
    }
}
