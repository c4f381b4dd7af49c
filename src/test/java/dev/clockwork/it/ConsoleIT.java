package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console as a browser sees it, over HTTP: the login page, logging in through its form, the task list and a
 * task's page with what users typed escaped. Run on Payara and on WildFly, so both serve the same pages.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleIT {

    private static final String ADMIN_PASSWORD = System.getProperty("clockwork.it.admin.password");
    private static final Pattern VIEW_STATE = Pattern.compile(
            "name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]+)\"");

    @ArquillianResource
    URL base;

    private URI root;
    private HttpClient browser;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestDeployments.builtWar();
    }

    @BeforeEach
    void open() throws Exception {
        root = TestDeployments.root(base);
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Test
    void console_should_send_a_visitor_to_the_login_page() throws Exception {
        HttpResponse<String> home = get("");

        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains("/login.xhtml?next="));
        HttpResponse<String> login = get("login.xhtml");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<title>Clockwork: log in</title>", "login:username", "login:password");
    }

    @Test
    void wrong_password_should_stay_on_the_login_page_with_a_message() throws Exception {
        HttpResponse<String> answer = logIn("admin", "not-the-password");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("<title>Clockwork: log in</title>");
        assertThat(get("index.xhtml").statusCode()).isEqualTo(302);
    }

    @Test
    void logged_in_operator_should_see_the_tasks_with_what_users_typed_escaped() throws Exception {
        String name = "console." + UUID.randomUUID().toString().substring(0, 8);
        Api api = new Api(root, "admin", ADMIN_PASSWORD);
        assertThat(api.post("tasks", "{\"name\":\"" + name + "\",\"trigger\":\"every 1h\",\"action\":\"noop\","
                + "\"description\":\"<script>alert('x')</script> & more\"}").status()).isEqualTo(201);

        assertThat(api.post("tasks/" + name + "/run", "").status()).isEqualTo(202);
        Poll.until(Duration.ofSeconds(30), () -> api.get("tasks/" + name + "/executions").json(),
                page -> page.getJsonArray("items").stream().map(JsonObject.class::cast)
                        .anyMatch(run -> run.getString("status").equals("SUCCEEDED")), "the manual run to succeed");

        HttpResponse<String> loggedIn = logIn("admin", ADMIN_PASSWORD);
        assertThat(loggedIn.statusCode()).isEqualTo(302);

        HttpResponse<String> list = get("index.xhtml");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(name);
        HttpResponse<String> task = get("task.xhtml?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        assertThat(task.statusCode()).isEqualTo(200);
        assertThat(task.body()).contains("every 1 hour", "&lt;script&gt;alert(", "SUCCEEDED", "MANUAL")
                .doesNotContain("<script>alert(");
        api.delete("tasks/" + name);
    }

    private HttpResponse<String> logIn(String username, String password) throws Exception {
        HttpResponse<String> page = get("login.xhtml");
        Matcher viewState = VIEW_STATE.matcher(page.body());
        assertThat(viewState.find()).as("the login form's view state").isTrue();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:username", username);
        form.put("login:password", password);
        form.put("login:submit", "");
        form.put("jakarta.faces.ViewState", viewState.group(1).replace("&#58;", ":"));
        String body = form.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return browser.send(HttpRequest.newBuilder(root.resolve("login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(root.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
