package dev.clockwork.engine.rules;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Server settings of the built-in actions that reach outside the server, read once at startup; both are closed by
 * default (docs/decisions/039-shell-and-http-actions.md).
 *
 * @param shellEnabled whether {@code shell} tasks may be created and run ({@code clockwork.shell.enabled})
 * @param shellAllow the programs a {@code shell} task may run, each as its argv[0] is written
 *     ({@code clockwork.shell.allow}, comma-separated)
 * @param httpAllow the hosts an {@code http} task may call: a host name, or {@code *.example.com} for its subdomains
 *     ({@code clockwork.http.allow}, comma-separated)
 */
public record ActionsConfig(boolean shellEnabled, Set<String> shellAllow, Set<String> httpAllow) {

    public ActionsConfig {
        shellAllow = Set.copyOf(shellAllow);
        httpAllow = httpAllow.stream().map(host -> host.toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Reads the settings from a lookup of {@code clockwork.*} keys; absent keys close both actions. */
    public static ActionsConfig from(Function<String, String> lookup) {
        Settings settings = new Settings(lookup);
        return new ActionsConfig(settings.flag("clockwork.shell.enabled", false),
                list(settings.text("clockwork.shell.allow")), list(settings.text("clockwork.http.allow")));
    }

    /** Both actions closed, as on a server with no settings. */
    public static ActionsConfig closed() {
        return from(key -> null);
    }

    /** Whether {@code host} is on {@code clockwork.http.allow}, exactly or under a {@code *.} entry. */
    public boolean httpAllows(String host) {
        String lower = host.toLowerCase(java.util.Locale.ROOT);
        return httpAllow.stream().anyMatch(entry -> entry.equals(lower)
                || entry.startsWith("*.") && lower.endsWith(entry.substring(1)));
    }

    private static Set<String> list(String text) {
        if (text == null) {
            return Set.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(entry -> !entry.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
