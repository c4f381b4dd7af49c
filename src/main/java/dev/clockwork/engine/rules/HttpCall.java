package dev.clockwork.engine.rules;

import dev.clockwork.api.SchedulerException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an {@code http} task sends, checked: method, URL, headers (each a literal value or the name of a server-side
 * secret), body, timeout and the statuses that count as success.
 *
 * @param body the body as sent, with its content type ({@code application/json} for a JSON body, else
 *     {@code text/plain}), unless a {@code Content-Type} header says otherwise
 * @param expect the statuses that succeed; empty means any 2xx
 */
public record HttpCall(String method, URI uri, Map<String, Header> headers, Optional<Body> body, Duration timeout,
                       Set<Integer> expect) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration MOST_TIMEOUT = Duration.ofHours(1);
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** Headers the JDK's client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /** A header's value: written in the task, or named and read from the server's settings when the task runs. */
    public record Header(Optional<String> value, Optional<String> secret) {
        public static Header literal(String value) {
            return new Header(Optional.of(value), Optional.empty());
        }

        public static Header secret(String name) {
            return new Header(Optional.empty(), Optional.of(name));
        }
    }

    /** A request body and its content type. */
    public record Body(String text, String contentType) {
    }

    public HttpCall {
        method = method == null ? "GET" : method.strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw SchedulerException.invalid("args.method", "Method \"" + method + "\" is not one of "
                    + new java.util.TreeSet<>(METHODS) + ".");
        }
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null
                || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw SchedulerException.invalid("args.url", "An http task needs \"url\", an absolute http or https URL"
                    + " with a host, e.g. {\"url\": \"https://billing.example.com/api/remind\"}; was " + uri + ".");
        }
        headers = Map.copyOf(headers);
        for (Map.Entry<String, Header> header : headers.entrySet()) {
            if (!TOKEN.matcher(header.getKey()).matches()
                    || RESTRICTED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                throw SchedulerException.invalid("args.headers", "Header \"" + header.getKey() + "\" cannot be set:"
                        + " use a header name of letters, digits and dashes other than " + RESTRICTED + ".");
            }
            header.getValue().secret().filter(name -> !SECRET_NAME.matcher(name).matches()).ifPresent(name -> {
                throw SchedulerException.invalid("args.headers", "Secret name \"" + name + "\" of header "
                        + header.getKey() + " must be letters, digits, '.', '_' or '-', e.g. billing-token.");
            });
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(MOST_TIMEOUT) > 0) {
            throw SchedulerException.invalid("args.timeout", "timeout must be from 1ms to 1h, e.g. \"30s\"; was "
                    + timeout + ".");
        }
        expect = Set.copyOf(expect);
        expect.stream().filter(status -> status < 100 || status > 599).findFirst().ifPresent(status -> {
            throw SchedulerException.invalid("args.expect", "Status " + status + " is not an HTTP status (100-599);"
                    + " e.g. \"expect\": [200, 204].");
        });
    }

    /** Whether {@code status} counts as success. */
    public boolean succeeds(int status) {
        return expect.isEmpty() ? status >= 200 && status <= 299 : expect.contains(status);
    }

    /**
     * Checks that this server lets the task call its host.
     *
     * @throws SchedulerException INVALID {@code args.url}, saying which setting to change
     */
    public void checkAllowed(ActionsConfig config) {
        if (!config.httpAllows(uri.getHost())) {
            throw SchedulerException.invalid("args.url", "Host \"" + uri.getHost() + "\" is not in"
                    + " clockwork.http.allow (" + (config.httpAllow().isEmpty() ? "empty: no host may be called"
                    : String.join(",", new java.util.TreeSet<>(config.httpAllow()))) + "). An admin adds it there"
                    + " (environment CLOCKWORK_HTTP_ALLOW), e.g. billing.example.com or *.example.com, and restarts"
                    + " the server.");
        }
    }

    /** Whether a redirect to {@code target} stays on this call's scheme, host and port, the only ones followed. */
    public boolean sameOrigin(URI target) {
        return target.getScheme() != null && target.getHost() != null
                && target.getScheme().equalsIgnoreCase(uri.getScheme()) && target.getHost().equalsIgnoreCase(uri.getHost())
                && port(target) == port(uri);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }
}
