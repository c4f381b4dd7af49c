package dev.clockwork.bench;

import java.util.Map;

/** One measured number: a contender on a database with some nodes, for one workload. */
record Result(String contender, String db, int nodes, String workload, double value, String unit,
              Map<String, String> settings) {

    /**
     * The settings key of a result whose value is only a lower bound: the bench stopped waiting (e.g. for a
     * failover its rule puts tens of minutes away) and records the time it waited.
     */
    static final String LOWER_BOUND = "lowerBound";

    boolean isLowerBound() {
        return settings.containsKey(LOWER_BOUND);
    }
}
