package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.rest.JsonBodies;
import jakarta.json.Json;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.engine.SourceOfRandomness;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RestChecks} on the WAR as built, deployed by Arquillian to Payara Micro or WildFly. */
@ExtendWith(ArquillianExtension.class)
class RestIT extends RestChecks {

    private static final String ADMIN_PASSWORD = System.getProperty("clockwork.it.admin.password");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestDeployments.builtWar();
    }

    @Override
    protected URI root() throws Exception {
        return TestDeployments.root(base);
    }

    /** Requests the fuzz check sends: enough to reach every generator, few enough for the CI budget. */
    private static final int FUZZ_REQUESTS = 1200;

    /**
     * Generated request bodies ({@link JsonBodies}: any JSON type in any field, any Unicode, odd numbers, keys given
     * twice, cut-off text, bytes that are not UTF-8, deep nesting), query parameters and path segments, thrown at
     * the endpoints that read them. Every answer must come within the client's timeout, never be a 5xx, and be
     * problem+json when it is a 4xx. The seed is fixed, so a failure repeats; the unit-level twin is
     * {@code StrictJsonTest}.
     */
    @Test
    void generated_bodies_parameters_and_segments_should_never_be_answered_5xx() throws Exception {
        Api admin = new Api(root(), "admin", ADMIN_PASSWORD);
        String target = "fuzz.target." + UUID.randomUUID().toString().substring(0, 8);
        String user = "fuzz.user." + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("tasks", "{\"name\":\"" + target + "\",\"trigger\":\"every 1h\",\"action\":\"noop\"}")
                .status()).isEqualTo(201);
        assertThat(admin.post("users", "{\"username\":\"" + user + "\",\"password\":\"fuzz-password-1\","
                + "\"role\":\"clockwork-viewer\"}").status()).isEqualTo(201);
        // jqwik's generators outside a property: its thread's randomness, seeded here, makes the run repeatable.
        SourceOfRandomness.create("20261203");
        Iterator<byte[]> bodies = JsonBodies.bodies().sampleStream().iterator();
        Iterator<String> texts = JsonBodies.urlTexts().sampleStream().iterator();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String authorization = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int parserRefusals = 0;
        long started = System.nanoTime();
        for (int i = 0; i < FUZZ_REQUESTS && problems.size() < 5; i++) {
            HttpRequest.Builder request = switch (i % 8) {
                case 0 -> body("POST", "api/tasks", bodies.next());
                case 1 -> body("PUT", "api/tasks/" + target, bodies.next());
                case 2 -> body("POST", "api/users", bodies.next());
                case 3 -> body("PUT", "api/users/" + user, bodies.next());
                case 4 -> get("api/tasks?" + query(texts, "offset", "limit", "state", "action", "prefix", "sort"));
                case 5 -> get("api/triggers/preview?" + query(texts, "trigger", "zone", "count", "from", "name"));
                case 6 -> get("api/audit?" + query(texts, "offset", "limit", "user", "target", "action", "from"));
                default -> get(List.of("api/tasks/", "api/executions/", "api/users/", "api/tasks/" + target + "/")
                        .get((i / 8) % 4) + URLEncoder.encode(texts.next(), StandardCharsets.UTF_8).replace("+", "%20"));
            };
            HttpRequest sent = request.header("Authorization", authorization).timeout(Duration.ofSeconds(20)).build();
            HttpResponse<String> reply = http.send(sent, HttpResponse.BodyHandlers.ofString());
            statuses.merge(reply.statusCode(), 1, Integer::sum);
            String contentType = reply.headers().firstValue("Content-Type").orElse("");
            if (reply.statusCode() == 400 && reply.body().isEmpty() && (sent.uri().getRawPath().contains("%00")
                    || sent.uri().toString().length() > 8000)) {
                // Payara's HTTP parser refuses an encoded NUL in the path, and a request line longer than its 8 KiB
                // header buffer, before any servlet sees the request: a bare 400 the application cannot shape.
                parserRefusals++;
                continue;
            }
            if (reply.statusCode() >= 500 || (reply.statusCode() >= 400
                    && !contentType.startsWith("application/problem+json"))) {
                problems.add(sent.method() + " " + sent.uri() + " -> " + reply.statusCode() + " " + contentType + " "
                        + reply.body().substring(0, Math.min(300, reply.body().length())));
            }
            if (sent.method().equals("POST") && reply.statusCode() == 201) {
                admin.delete(sent.uri().getPath().endsWith("/users")
                        ? "users/" + URLEncoder.encode(Json.createReader(new StringReader(reply.body())).readObject()
                                .getString("username"), StandardCharsets.UTF_8)
                        : "tasks/" + reply.headers().firstValue("Location").orElseThrow().replaceFirst(".*/tasks/", ""));
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("REST fuzz: %d requests in %d ms, statuses %s (%d bare 400s of the HTTP parser), %d"
                + " problems%n", FUZZ_REQUESTS, took.toMillis(), statuses, parserRefusals, problems.size());
        admin.delete("tasks/" + target);
        admin.delete("users/" + user);

        assertThat(problems).isEmpty();
        assertThat(took).isLessThan(Duration.ofSeconds(90));
    }

    private HttpRequest.Builder body(String method, String path, byte[] body) throws Exception {
        return HttpRequest.newBuilder(root().resolve(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpRequest.Builder get(String path) throws Exception {
        return HttpRequest.newBuilder(root().resolve(path)).GET();
    }

    private static String query(Iterator<String> texts, String... names) {
        StringBuilder query = new StringBuilder();
        for (String name : names) {
            if (texts.next().length() % 2 == 0) {
                query.append(name).append('=').append(URLEncoder.encode(texts.next(), StandardCharsets.UTF_8))
                        .append('&');
            }
        }
        return query.toString();
    }
}
