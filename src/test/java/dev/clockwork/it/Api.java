package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * A small HTTP client for the REST API, as a script would use it: Basic credentials, JSON bodies, HTTP/1.1 (as curl
 * speaks to a plain-text port; no upgrade to HTTP/2 that every later request would ride on).
 */
public final class Api {

    private static final String JSON = "application/json";

    /** Keeps the session cookie of the first authenticated call, as a browser would; each Api has its own. */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager()).build();
    private final URI base;
    private final Optional<String> authorization;
    private final Checking checking;

    /** Whether each exchange is held against the server's OpenAPI document. */
    private enum Checking { AGAINST_DOCUMENT, NONE }

    /**
     * A client whose every request and response is checked against the OpenAPI document the server serves
     * ({@link OpenApiContract}): a test fails when the two disagree.
     *
     * @param base the application's root, e.g. {@code http://127.0.0.1:8080/clockwork/}
     */
    public Api(URI base, String username, String password) {
        this(base, username, password, Checking.AGAINST_DOCUMENT);
    }

    private Api(URI base, String username, String password, Checking checking) {
        this.base = base;
        this.authorization = username == null ? Optional.empty() : Optional.of("Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        this.checking = checking;
    }

    /** An anonymous client that checks nothing against the document: for waiting until a server has started. */
    public static Api unchecked(URI base) {
        return new Api(base, null, null, Checking.NONE);
    }

    /** A client with credentials that checks nothing against the document: for load, where checks cost the most. */
    public static Api uncheckedAs(URI base, String username, String password) {
        return new Api(base, username, password, Checking.NONE);
    }

    /** Creates a task, as a script would; fails the test unless the API answers 201. */
    /**
     * Creates a task whose runs may overlap (overlap ALLOW): the workloads that count every fire, whatever runs are
     * still going (a node killed mid-run, a database outage), expect each fire to run.
     */
    public void createTask(String name, String trigger, String action, String argsJson) {
        Reply reply = post("tasks", "{\"name\":\"" + name + "\",\"trigger\":\"" + trigger + "\",\"action\":\""
                + action + "\",\"args\":" + argsJson + ",\"overlap\":\"ALLOW\"}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    public Api as(String username, String password) {
        return new Api(base, username, password, checking);
    }

    public Api anonymous() {
        return new Api(base, null, null, checking);
    }

    public Reply get(String path) {
        return send(request(path).GET(), "");
    }

    public Reply post(String path, String json) {
        return send(request(path).header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofString(json)),
                json);
    }

    public Reply put(String path, String json) {
        return send(request(path).header("Content-Type", JSON).PUT(HttpRequest.BodyPublishers.ofString(json)),
                json);
    }

    public Reply delete(String path) {
        return send(request(path).DELETE(), "");
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve("api/" + path))
                .timeout(Duration.ofSeconds(30));
        authorization.ifPresent(a -> builder.header("Authorization", a));
        return builder;
    }

    private Reply send(HttpRequest.Builder builder, String body) {
        try {
            HttpRequest request = builder.build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Reply reply = new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(""), response.body(),
                    response.headers().firstValue("X-Clockwork-Read").orElse(""));
            if (checking == Checking.AGAINST_DOCUMENT) {
                OpenApiContract.of(base).check(request.method(), request.uri(),
                        request.headers().firstValue("Content-Type").orElse(""), body, reply);
            }
            return reply;
        } catch (IOException e) {
            throw new AssertionError("Request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** A response: status, content type, Location header, body, and X-Clockwork-Read (where a GET read). */
    public record Reply(int status, String contentType, String location, String body, String read) {

        public Reply(int status, String contentType, String location, String body) {
            this(status, contentType, location, body, "");
        }

        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        public JsonArray array() {
            return Json.createReader(new StringReader(body)).readArray();
        }

        public JsonValue value(String field) {
            return json().get(field);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
