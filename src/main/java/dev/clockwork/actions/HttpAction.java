package dev.clockwork.actions;

import dev.clockwork.api.Action;
import dev.clockwork.api.ActionContext;
import dev.clockwork.api.TaskAction;
import dev.clockwork.engine.BuiltInArgs;
import dev.clockwork.engine.Secrets;
import dev.clockwork.engine.rules.ActionsConfig;
import dev.clockwork.engine.rules.HttpCall;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Calls a URL: {@code {"method": "POST", "url": "https://billing.example.com/api/remind", "headers":
 * {"Authorization": {"secret": "billing-token"}}, "body": {"days": 30}, "timeout": "30s", "expect": [200, 202]}}.
 * The host must be on {@code clockwork.http.allow}, checked at every run; redirects are followed only on the same
 * scheme, host and port. The start of the response is the result; a status outside {@code expect} (any 2xx by
 * default) fails with the status and that excerpt. A header given as {@code {"secret": name}} is read from the
 * server's settings ({@link Secrets}) at the run, and its value is masked in whatever the run stores.
 */
@ApplicationScoped
@Action(BuiltInArgs.HTTP)
public class HttpAction implements TaskAction {

    /** Most characters of the response kept as the result or quoted in the error. */
    static final int EXCERPT = 2000;
    static final int MOST_REDIRECTS = 5;
    static final String MASK = "***";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    @Inject
    ActionsConfig config;
    @Inject
    Secrets secrets;

    private volatile HttpClient client;

    @Override
    public Object run(ActionContext context) throws IOException, InterruptedException {
        HttpCall call = BuiltInArgs.http(Optional.of(context.argsJson()));
        call.checkAllowed(config);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        List<String> secretValues = new ArrayList<>();
        call.headers().forEach((name, header) -> {
            String value = header.value().orElseGet(() -> {
                String secret = header.secret().orElseThrow();
                String found = secrets.value(secret).orElseThrow(() -> new IllegalStateException("Secret \"" + secret
                        + "\" of header " + name + " is not set on this server; an admin sets "
                        + Secrets.key(secret) + " (environment " + Secrets.key(secret).toUpperCase(Locale.ROOT)
                        .replace('.', '_').replace('-', '_') + ")."));
                secretValues.add(found);
                return found;
            });
            headers.put(name, value);
        });
        URI uri = call.uri();
        String method = call.method();
        Optional<HttpCall.Body> body = call.body();
        for (int hop = 0; ; hop++) {
            HttpResponse<InputStream> response = client().send(request(call, uri, method, body, headers),
                    HttpResponse.BodyHandlers.ofInputStream());
            String excerpt = mask(excerpt(response.body()), secretValues);
            int status = response.statusCode();
            context.report(method + " " + uri + " -> " + status);
            Optional<String> location = response.headers().firstValue("Location");
            if (REDIRECTS.contains(status) && location.isPresent() && !call.succeeds(status)) {
                URI next = uri.resolve(location.get());
                if (!call.sameOrigin(next)) {
                    throw new IllegalStateException(method + " " + uri + " answered " + status + ", a redirect to "
                            + next.getScheme() + "://" + next.getAuthority() + ", another host; redirects are followed"
                            + " only on the same scheme, host and port. Call the new URL directly (and add its host"
                            + " to clockwork.http.allow).");
                }
                if (hop == MOST_REDIRECTS) {
                    throw new IllegalStateException(method + " " + call.uri() + " redirected more than "
                            + MOST_REDIRECTS + " times; the last to " + next);
                }
                if (status == 303 || (status == 301 || status == 302) && !method.equals("GET")
                        && !method.equals("HEAD")) {
                    method = "GET";
                    body = Optional.empty();
                }
                uri = next;
                continue;
            }
            if (!call.succeeds(status)) {
                throw new IllegalStateException(method + " " + uri + " answered " + status + ", not "
                        + (call.expect().isEmpty() ? "2xx" : new java.util.TreeSet<>(call.expect()))
                        + (excerpt.isEmpty() ? "; the response was empty" : "; the response began: " + excerpt));
            }
            return excerpt.isEmpty() ? "HTTP " + status : excerpt;
        }
    }

    private static HttpRequest request(HttpCall call, URI uri, String method, Optional<HttpCall.Body> body,
                                       Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(call.timeout()).method(method,
                body.map(b -> HttpRequest.BodyPublishers.ofString(b.text(), StandardCharsets.UTF_8))
                        .orElse(HttpRequest.BodyPublishers.noBody()));
        headers.forEach(builder::header);
        if (body.isPresent() && headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Type"))) {
            builder.header("Content-Type", body.get().contentType());
        }
        return builder.build();
    }

    /** The response's first {@link #EXCERPT} characters; the rest is not read. */
    private static String excerpt(InputStream in) throws IOException {
        try (in) {
            String text = new String(in.readNBytes(EXCERPT * 4), StandardCharsets.UTF_8);
            return text.length() > EXCERPT ? text.substring(0, EXCERPT) + "..." : text;
        }
    }

    private static String mask(String text, List<String> secretValues) {
        String masked = text;
        for (String secret : secretValues) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    /** One client for every run; redirects are this action's to follow, so it can refuse other hosts. */
    private HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(CONNECT_TIMEOUT).build();
                }
                current = client;
            }
        }
        return current;
    }
}
