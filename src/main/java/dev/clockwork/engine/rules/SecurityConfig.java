package dev.clockwork.engine.rules;

import java.time.Duration;
import java.util.function.Function;

/**
 * Account and audit settings, read once at startup (docs/decisions/031-accounts-and-audit.md).
 *
 * @param auditRetention how long audit entries are kept ({@code clockwork.audit.retention}, default 90 days)
 * @param loginFreeFailures failed logins a username or an address may have before further attempts are slowed
 *     ({@code clockwork.login.free-failures}, default 5)
 * @param loginFirstDelay the wait after the first failure beyond the free ones; it doubles with each further one
 *     ({@code clockwork.login.first-delay}, default 1 s)
 * @param loginMostDelay the longest wait ({@code clockwork.login.most-delay}, default 60 s): nobody is locked out for
 *     longer than that after the last failure
 * @param loginForgetAfter failures older than this no longer count ({@code clockwork.login.forget-after}, 15 min)
 */
public record SecurityConfig(Duration auditRetention, int loginFreeFailures, Duration loginFirstDelay,
                             Duration loginMostDelay, Duration loginForgetAfter) {

    public SecurityConfig {
        if (auditRetention == null || auditRetention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("clockwork.audit.retention must be at least P1D, was "
                    + auditRetention);
        }
        if (loginFreeFailures < 1 || loginFreeFailures > 1000) {
            throw new IllegalArgumentException("clockwork.login.free-failures must be 1-1000, was "
                    + loginFreeFailures);
        }
        if (loginFirstDelay == null || loginFirstDelay.isNegative() || loginFirstDelay.isZero()) {
            throw new IllegalArgumentException("clockwork.login.first-delay must be positive, e.g. PT1S, was "
                    + loginFirstDelay);
        }
        if (loginMostDelay == null || loginMostDelay.compareTo(loginFirstDelay) < 0
                || loginMostDelay.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("clockwork.login.most-delay must be between first-delay ("
                    + loginFirstDelay + ") and PT1H, was " + loginMostDelay);
        }
        if (loginForgetAfter == null || loginForgetAfter.compareTo(loginMostDelay) < 0) {
            throw new IllegalArgumentException("clockwork.login.forget-after must be at least most-delay ("
                    + loginMostDelay + "), was " + loginForgetAfter);
        }
    }

    /** Reads the settings from a lookup of {@code clockwork.*} keys; absent keys take the defaults. */
    public static SecurityConfig from(Function<String, String> lookup) {
        Settings settings = new Settings(lookup);
        return new SecurityConfig(
                settings.duration("clockwork.audit.retention", Duration.ofDays(90)),
                settings.integer("clockwork.login.free-failures", 5),
                settings.duration("clockwork.login.first-delay", Duration.ofSeconds(1)),
                settings.duration("clockwork.login.most-delay", Duration.ofSeconds(60)),
                settings.duration("clockwork.login.forget-after", Duration.ofMinutes(15)));
    }

    /** The defaults. */
    public static SecurityConfig defaults() {
        return from(key -> null);
    }
}
