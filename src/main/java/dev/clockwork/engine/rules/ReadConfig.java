package dev.clockwork.engine.rules;

import java.time.Duration;
import java.util.function.Function;

/**
 * Settings of the reads from a replica (docs/decisions/043-reads-from-a-replica.md), read once at startup.
 *
 * @param maxLag the most the replica may be behind the primary for reads to go to it ({@code clockwork.read.max-lag})
 * @param timeout how long the replica has to answer a lag measurement ({@code clockwork.read.timeout})
 * @param sticky how long after a change of theirs a user's reads go to the primary ({@code clockwork.read.sticky})
 */
public record ReadConfig(Duration maxLag, Duration timeout, Duration sticky) {

    public ReadConfig {
        requirePositive("clockwork.read.max-lag", maxLag);
        requirePositive("clockwork.read.timeout", timeout);
        if (sticky == null || sticky.isNegative()) {
            throw new IllegalArgumentException("clockwork.read.sticky must be PT0S or more, e.g. PT5S, was " + sticky);
        }
    }

    /** Reads {@code clockwork.read.*} from a lookup; absent keys take the defaults (5 s, 2 s, 5 s). */
    public static ReadConfig from(Function<String, String> lookup) {
        Settings settings = new Settings(lookup);
        return new ReadConfig(settings.duration("clockwork.read.max-lag", Duration.ofSeconds(5)),
                settings.duration("clockwork.read.timeout", Duration.ofSeconds(2)),
                settings.duration("clockwork.read.sticky", Duration.ofSeconds(5)));
    }

    /** The defaults, for tests. */
    public static ReadConfig defaults() {
        return from(key -> null);
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration such as PT5S, was " + value);
        }
    }
}
