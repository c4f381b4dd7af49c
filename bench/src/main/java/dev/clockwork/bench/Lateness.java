package dev.clockwork.bench;

import java.util.List;
import java.util.Map;

/** Started-minus-scheduled times of one lateness run, as the results it reports: p50, p99 and max. */
final class Lateness {

    private Lateness() {
    }

    /**
     * One result per statistic ({@code lateness.p50}, {@code lateness.p99}, {@code lateness.max}), in ms.
     *
     * @param sortedMs the lateness of every execution, in ms, sorted
     */
    static List<Result> results(String contender, String db, List<Long> sortedMs, Map<String, String> settings) {
        if (sortedMs.isEmpty()) {
            throw new IllegalStateException(contender + " on " + db + " recorded no execution for the lateness run");
        }
        return List.of(
                new Result(contender, db, 1, "lateness.p50", percentile(sortedMs, 0.50), "ms", settings),
                new Result(contender, db, 1, "lateness.p99", percentile(sortedMs, 0.99), "ms", settings),
                new Result(contender, db, 1, "lateness.max", sortedMs.get(sortedMs.size() - 1), "ms", settings));
    }

    static double percentile(List<Long> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }
}
