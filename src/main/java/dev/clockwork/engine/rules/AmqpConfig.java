package dev.clockwork.engine.rules;

import dev.clockwork.api.SchedulerException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Server settings of the {@code amqp} and {@code celery} actions, read once at startup
 * (docs/decisions/041-amqp-and-celery-actions.md). Without a URI the actions are deployed but every run fails with
 * {@link #missingUri()}, and their tasks carry that message as a warning; without an allow-list no task may publish.
 *
 * @param uri the broker, {@code clockwork.amqp.uri}, e.g. {@code amqp://clockwork@rabbit1:5672/}; empty when unset
 * @param passwordSecret the name of a secret ({@code clockwork.secret.<name>}) that holds the password, so that the
 *     URI itself need not ({@code clockwork.amqp.password-secret}); empty when unset
 * @param allow the exchanges and queues tasks may publish to ({@code clockwork.amqp.allow}, comma-separated);
 *     {@code *} allows every one
 */
public record AmqpConfig(Optional<String> uri, Optional<String> passwordSecret, Set<String> allow) {

    public static final String URI_KEY = "clockwork.amqp.uri";
    public static final String ALLOW_KEY = "clockwork.amqp.allow";
    public static final String PASSWORD_SECRET_KEY = "clockwork.amqp.password-secret";
    private static final Set<String> SCHEMES = Set.of("amqp", "amqps");
    private static final java.util.regex.Pattern USERINFO = java.util.regex.Pattern.compile(
            "((?i:amqps?)://[^:/@\\s]*:)[^@\\s]*@");

    public AmqpConfig {
        allow = Set.copyOf(allow);
    }

    /** Reads the settings from a lookup of {@code clockwork.*} keys. */
    public static AmqpConfig from(Function<String, String> lookup) {
        Settings settings = new Settings(lookup);
        String allowText = settings.text(ALLOW_KEY);
        Set<String> allow = allowText == null ? Set.of() : Arrays.stream(allowText.split(","))
                .map(String::strip).filter(entry -> !entry.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new AmqpConfig(Optional.ofNullable(settings.text(URI_KEY)),
                Optional.ofNullable(settings.text(PASSWORD_SECRET_KEY)), allow);
    }

    /** No broker, nothing allowed: a server without settings. */
    public static AmqpConfig unset() {
        return from(key -> null);
    }

    /** Fails with {@link #configurationProblem} when there is one: a run cannot publish without a usable broker. */
    public void requireUsable() {
        configurationProblem().ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
    }

    /**
     * Why a run cannot reach the broker before it even tries: no URI, or one that is not an {@code amqp://} URI. The
     * same text is a task's warning and a run's error; it never shows the URI's password.
     */
    public Optional<String> configurationProblem() {
        if (uri.isEmpty()) {
            return Optional.of(missingUri());
        }
        try {
            URI parsed = new URI(uri.get());
            if (parsed.getScheme() == null || !SCHEMES.contains(parsed.getScheme().toLowerCase(Locale.ROOT))
                    || parsed.getHost() == null) {
                return Optional.of(URI_KEY + " (" + masked() + ") is not an amqp:// or amqps:// URI with a host; an"
                        + " admin sets it to e.g. amqp://guest:guest@127.0.0.1:5672/ and restarts the server.");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of(URI_KEY + " is not a URI (" + e.getReason() + " at index " + e.getIndex() + "); an"
                    + " admin sets it to e.g. amqp://guest:guest@127.0.0.1:5672/ and restarts the server.");
        }
    }

    /** The message of a server without {@code clockwork.amqp.uri}. */
    public static String missingUri() {
        return "This server has no RabbitMQ broker: " + URI_KEY + " is not set. An admin sets it (environment"
                + " CLOCKWORK_AMQP_URI), e.g. amqp://guest:guest@127.0.0.1:5672/, and restarts the server; until"
                + " then every run of this task ends FAILED.";
    }

    /** The URI with any password in it replaced by {@code ***}, for messages. */
    public String masked() {
        return uri.map(AmqpConfig::mask).orElse("unset");
    }

    /** {@code text} with the password of every {@code amqp://} or {@code amqps://} URI in it replaced by ***. */
    public static String maskUris(String text) {
        return USERINFO.matcher(text).replaceAll("$1***@");
    }

    static String mask(String text) {
        int scheme = text.indexOf("://");
        int at = text.lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            return text;
        }
        int colon = text.indexOf(':', scheme + 3);
        return colon < 0 || colon > at ? text : text.substring(0, colon + 1) + "***" + text.substring(at);
    }

    /** Whether tasks may publish to exchange or queue {@code name}. */
    public boolean allows(String name) {
        return allow.contains("*") || allow.contains(name);
    }

    /**
     * Checks that tasks may publish to {@code name}.
     *
     * @param field the argument that names it, e.g. {@code args.exchange}
     * @param what "exchange" or "queue", for the message
     * @throws SchedulerException INVALID naming {@code field} and the setting to change
     */
    public void checkAllowed(String field, String what, String name) {
        if (!allows(name)) {
            throw SchedulerException.invalid(field, "The " + what + " \"" + name + "\" is not in " + ALLOW_KEY + " ("
                    + (allow.isEmpty() ? "empty: nothing may be published" : String.join(",", new TreeSet<>(allow)))
                    + "). An admin adds it there (environment CLOCKWORK_AMQP_ALLOW), comma-separated, or * for every"
                    + " exchange and queue, and restarts the server.");
        }
    }
}
