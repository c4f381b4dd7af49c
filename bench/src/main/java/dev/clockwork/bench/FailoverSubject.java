package dev.clockwork.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A contender whose failover {@link JvmFailover} measures with one JVM per instance: what a {@link FailoverInstance}
 * starts in its JVM, and what the bench writes beside the result.
 */
interface FailoverSubject {

    /** Which of the contender's settings a run uses. */
    enum Setting {
        /** The library's defaults for everything that decides how soon a dead instance's runs start again. */
        DEFAULT,
        /** The fastest values the library documents (or enforces) as safe. */
        FASTEST;

        String workload() {
            return "failover." + name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How soon, by the library's own rule, a killed instance's runs start again on another instance.
     *
     * @param earliest the least time from the kill the rule allows
     * @param latest the most
     * @param text the rule in words, with the values it was computed from
     */
    record Rule(Duration earliest, Duration latest, String text) {
    }

    /** The name its results carry, the same as its throughput results'. */
    String contender();

    /** The name a {@link FailoverInstance} is given on its command line. */
    String key();

    /** Its tables, in the empty benchmark database. */
    void createTables(Database db) throws Exception;

    /**
     * In a {@link FailoverInstance}'s JVM: starts one scheduler named {@code instance} and schedules the runs named
     * {@code share}, due now, through the library's own API. Each run records its start
     * ({@link FailoverInstance#recordStartThenSleep}) and sleeps for {@link FailoverInstance#RUN}.
     */
    void startInstance(Database db, Setting setting, String instance, List<String> share) throws Exception;

    /** Every setting of an instance, with the reason for the failover values. */
    Map<String, String> settings(Database db, Setting setting);

    Rule rule(Setting setting);

    static FailoverSubject named(String key) {
        return switch (key) {
            case DbSchedulerFailover.KEY -> new DbSchedulerFailover();
            case QuartzFailover.KEY -> new QuartzFailover();
            default -> throw new IllegalArgumentException("A failover instance runs " + DbSchedulerFailover.KEY
                    + " or " + QuartzFailover.KEY + ", not " + key);
        };
    }

    /** Minutes or seconds, whichever reads better. */
    static String humane(Duration duration) {
        return duration.toSeconds() >= 120 ? duration.toMinutes() + " min"
                : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
