package dev.clockwork.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.clockwork.engine.Secrets;
import dev.clockwork.engine.SecretsForTests;
import dev.clockwork.engine.rules.ActionsConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The http action against a server of the test's own on 127.0.0.1. */
class HttpActionTest {

    private static final String TOKEN = "Bearer s3cr3t-t0ken";

    private final HttpServer server;
    private final String base;
    private final HttpAction action = new HttpAction();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    HttpActionTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
            answer(exchange, 200, "got " + body + " with " + exchange.getRequestHeaders().getFirst("Authorization"));
        });
        server.createContext("/broken", exchange -> answer(exchange, 503, "database down; try later"));
        server.createContext("/missing", exchange -> answer(exchange, 404, ""));
        server.createContext("/big", exchange -> answer(exchange, 200, "x".repeat(100_000)));
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/echo");
            answer(exchange, 303, "");
        });
        server.createContext("/away", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://localhost:" + server.getAddress().getPort()
                    + "/echo");
            answer(exchange, 302, "");
        });
        server.createContext("/slow", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "late");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        action.config = new ActionsConfig(false, Set.of(), Set.of("127.0.0.1"));
        action.secrets = SecretsForTests.of(Map.of("clockwork.secret.billing-token", TOKEN));
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void a_call_should_send_its_method_headers_and_body_and_keep_the_response_as_result() throws Exception {
        TestContext context = new TestContext("{\"method\": \"POST\", \"url\": \"" + base + "/echo\", \"headers\":"
                + " {\"Authorization\": {\"secret\": \"billing-token\"}}, \"body\": {\"days\": 30}}");

        Object result = action.run(context);

        assertThat(seen).containsExactly("POST " + TOKEN + " application/json {\"days\":30}");
        assertThat(result).isEqualTo("got {\"days\":30} with " + HttpAction.MASK);
        assertThat(context.lines()).containsExactly("POST " + base + "/echo -> 200");
        assertThat(String.join("", context.lines()) + result + context.argsJson()).doesNotContain("s3cr3t");
    }

    @Test
    void a_status_outside_the_expected_ones_should_fail_with_the_status_and_an_excerpt() throws Exception {
        assertThatThrownBy(() -> action.run(new TestContext("{\"url\": \"" + base + "/broken\"}")))
                .hasMessageContaining("answered 503, not 2xx").hasMessageContaining("database down");
        assertThat(action.run(new TestContext("{\"url\": \"" + base + "/missing\", \"expect\": [404]}")))
                .isEqualTo("HTTP 404");
        assertThat(action.run(new TestContext("{\"url\": \"" + base + "/big\"}"))).asString()
                .hasSize(HttpAction.EXCERPT + 3);
    }

    @Test
    void a_redirect_should_be_followed_on_the_same_host_only() throws Exception {
        assertThat(action.run(new TestContext("{\"method\": \"POST\", \"url\": \"" + base + "/moved\", \"body\":"
                + " \"x\"}"))).isEqualTo("got  with null");
        assertThat(seen).containsExactly("GET null null ");

        assertThatThrownBy(() -> action.run(new TestContext("{\"url\": \"" + base + "/away\"}")))
                .hasMessageContaining("answered 302").hasMessageContaining("another host");
        assertThat(seen).hasSize(1);
    }

    @Test
    void a_host_off_the_allow_list_or_a_missing_secret_should_not_be_called() {
        action.config = new ActionsConfig(false, Set.of(), Set.of("billing.example.com"));
        assertThatThrownBy(() -> action.run(new TestContext("{\"url\": \"" + base + "/echo\"}")))
                .hasMessageContaining("clockwork.http.allow");

        action.config = new ActionsConfig(false, Set.of(), Set.of("127.0.0.1"));
        assertThatThrownBy(() -> action.run(new TestContext("{\"url\": \"" + base + "/echo\", \"headers\":"
                + " {\"Authorization\": {\"secret\": \"unknown\"}}}")))
                .hasMessageContaining("clockwork.secret.unknown").hasMessageContaining("CLOCKWORK_SECRET_UNKNOWN");
        assertThat(seen).isEmpty();
    }

    @Test
    void a_call_slower_than_its_timeout_should_fail() {
        assertThatThrownBy(() -> action.run(new TestContext("{\"url\": \"" + base + "/slow\", \"timeout\":"
                + " \"300ms\"}"))).isInstanceOf(HttpTimeoutException.class);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
