package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console as a browser sees it, over HTTP: the login page, logging in through its form, the task list and a
 * task's page with what users typed escaped; its session cookie, which the API ignores (no cross-site requests
 * with a browser's login); sessions that end when the password changes; forms whose page cannot be restored. Run
 * on Payara and on WildFly, so both serve the same pages.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleIT {

    private static final String ADMIN_PASSWORD = System.getProperty("clockwork.it.admin.password");
    private static final String EXPIRED = "Your page had expired; it was reloaded, please try again.";
    private static final String ENDED = "Your session had ended; please log in again.";

    @ArquillianResource
    URL base;

    private URI root;
    private Browser browser;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestDeployments.builtWar();
    }

    @BeforeEach
    void open() throws Exception {
        root = TestDeployments.root(base);
        browser = new Browser(root);
    }

    @Test
    void console_should_send_a_visitor_to_the_login_page() throws Exception {
        HttpResponse<String> home = browser.get("");

        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains("/login.xhtml?next="));
        HttpResponse<String> login = browser.get("login.xhtml");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<title>Clockwork: log in</title>", "login:username", "login:password");
    }

    @Test
    void console_should_speak_french_to_a_browser_that_prefers_it_and_english_otherwise() throws Exception {
        String prefersFrench = "fr-CH, fr;q=0.9, en;q=0.8";
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(root.resolve("login.xhtml"))
                .header("Accept-Language", prefersFrench).GET());
        assertThat(login.body()).contains("lang=\"fr\"", "<title>Clockwork : connexion</title>",
                "Nom d’utilisateur", "Se connecter");
        assertThat(browser.logIn("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(302);

        HttpResponse<String> tasks = browser.send(HttpRequest.newBuilder(root.resolve("tasks.xhtml"))
                .header("Accept-Language", prefersFrench).GET());
        assertThat(tasks.body()).contains("lang=\"fr\"", "Tâches", "Dernier statut", "Le nom commence par",
                "Se déconnecter");
        HttpResponse<String> nodes = browser.send(HttpRequest.newBuilder(root.resolve("nodes.xhtml"))
                .header("Accept-Language", prefersFrench).GET());
        assertThat(nodes.body()).contains("Écart d’horloge", "Threads occupés / total", "il y a ");
        HttpResponse<String> users = browser.send(HttpRequest.newBuilder(root.resolve("users.xhtml"))
                .header("Accept-Language", prefersFrench).GET());
        assertThat(users.body()).contains("Nouvel utilisateur", "Créer l’utilisateur", "Journal d’audit");
        HttpResponse<String> english = browser.send(HttpRequest.newBuilder(root.resolve("tasks.xhtml"))
                .header("Accept-Language", "de-DE, en;q=0.5").GET());
        assertThat(english.body()).as("German is not offered: English").contains("lang=\"en\"", "Last status")
                .doesNotContain("Dernier statut");
    }

    @Test
    void wrong_password_should_stay_on_the_login_page_with_a_message() throws Exception {
        HttpResponse<String> answer = browser.logIn("admin", "not-the-password");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("<title>Clockwork: log in</title>");
        assertThat(browser.get("index.xhtml").statusCode()).isEqualTo(302);
    }

    @Test
    void logged_in_operator_should_see_the_tasks_with_what_users_typed_escaped() throws Exception {
        String name = newTaskName();
        Api api = new Api(root, "admin", ADMIN_PASSWORD);
        assertThat(api.post("tasks", "{\"name\":\"" + name + "\",\"trigger\":\"every 1h\",\"action\":\"noop\","
                + "\"description\":\"<script>alert('x')</script> & more\"}").status()).isEqualTo(201);

        assertThat(api.post("tasks/" + name + "/run", "").status()).isEqualTo(202);
        Poll.until(Duration.ofSeconds(30), () -> api.get("tasks/" + name + "/executions").json(),
                page -> page.getJsonArray("items").stream().map(JsonObject.class::cast)
                        .anyMatch(run -> run.getString("status").equals("SUCCEEDED")), "the manual run to succeed");

        HttpResponse<String> loggedIn = browser.logIn("admin", ADMIN_PASSWORD);
        assertThat(loggedIn.statusCode()).isEqualTo(302);

        HttpResponse<String> list = browser.get("tasks.xhtml");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(name);
        assertThat(list.headers().firstValue("Cache-Control")).as("a page behind login").hasValue("no-store");
        HttpResponse<String> task = browser.get("task.xhtml?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        assertThat(task.statusCode()).isEqualTo(200);
        assertThat(task.body()).contains("every 1 hour", "&lt;script&gt;alert(", "SUCCEEDED", "MANUAL")
                .doesNotContain("<script>alert(");
        api.delete("tasks/" + name);
    }

    /** The task form shows what the chosen action does and takes: here the jms action's arguments and setting. */
    @Test
    void task_form_should_show_the_chosen_actions_argument_help() throws Exception {
        String name = newTaskName();
        Api api = new Api(root, "admin", ADMIN_PASSWORD);
        assertThat(api.post("tasks", "{\"name\":\"" + name + "\",\"trigger\":\"every 1h\",\"action\":\"jms\","
                + "\"args\":{\"queue\":\"reports\"}}").status()).isEqualTo(201);
        assertThat(browser.logIn("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(302);

        HttpResponse<String> form = browser.get("task-form.xhtml?name=" + URLEncoder.encode(name,
                StandardCharsets.UTF_8));

        assertThat(form.statusCode()).isEqualTo(200);
        Matcher help = Pattern.compile("id=\"[^\"]*actionHelp\"[^>]*>([^<]*)<").matcher(form.body());
        assertThat(help.find()).as("the action's help under the picker").isTrue();
        assertThat(help.group(1)).contains("Sends a JMS message", "{\"queue\": \"reports\"}", "clockwork.jms.allow");
        api.delete("tasks/" + name);
    }

    @Test
    void api_should_refuse_a_cross_site_post_that_carries_only_the_console_session_cookie() throws Exception {
        String name = newTaskName();
        Api api = new Api(root, "admin", ADMIN_PASSWORD);
        api.createTask(name, "every 1h", "noop", "{}");
        assertThat(browser.logIn("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(browser.get("index.xhtml").statusCode()).as("the console session works").isEqualTo(200);

        for (String steer : List.of("cancel", "pause", "run")) {
            HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(root.resolve("api/tasks/" + name + "/"
                    + steer)).header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(forged.statusCode()).as(steer + " with the session cookie alone").isEqualTo(401);
        }
        assertThat(browser.get("api/tasks/" + name).statusCode()).as("reading with the cookie alone").isEqualTo(401);
        Api.Reply task = api.get("tasks/" + name);
        assertThat(task.json().getString("state")).isEqualTo("ACTIVE");
        assertThat(task.json().getInt("fireCount")).isZero();
        api.delete("tasks/" + name);
    }

    @Test
    void api_should_answer_basic_calls_without_a_session_cookie() throws Exception {
        String name = newTaskName();
        HttpClient script = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> list = script.send(HttpRequest.newBuilder(root.resolve("api/tasks"))
                .header("Authorization", basic).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> created = script.send(HttpRequest.newBuilder(root.resolve("api/tasks"))
                .header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"trigger\":\"every 1h\","
                        + "\"action\":\"noop\"}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> paused = script.send(HttpRequest.newBuilder(root.resolve("api/tasks/" + name + "/pause"))
                .header("Authorization", basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(List.of(list.statusCode(), created.statusCode(), paused.statusCode()))
                .as(created.body() + " / " + paused.body()).allMatch(status -> status / 100 == 2);
        for (HttpResponse<String> response : List.of(list, created, paused)) {
            assertThat(response.headers().allValues("Set-Cookie")).as(response.request().method() + " "
                    + response.uri()).isEmpty();
        }
        new Api(root, "admin", ADMIN_PASSWORD).delete("tasks/" + name);
    }

    @Test
    void console_login_should_set_a_new_http_only_same_site_session_cookie() throws Exception {
        browser.get("login.xhtml");
        Optional<String> before = browser.sessionId();

        HttpResponse<String> loggedIn = browser.logIn("admin", ADMIN_PASSWORD);

        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(Browser.lastSessionCookie(loggedIn)).containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax").doesNotContainIgnoringCase("Secure");
        assertThat(browser.sessionId()).as("the session id changes at login").isPresent().isNotEqualTo(before);
    }

    @Test
    void console_login_over_https_should_set_a_secure_session_cookie() throws Exception {
        // Payara Micro runs these tests without an HTTPS port; it marks the cookie Secure on HTTPS by itself.
        assumeTrue("wildfly".equals(System.getProperty("arquillian.launch")), "HTTPS is tested on WildFly only");
        // WildFly's HTTPS listener: 8443 shifted by the same port offset as its HTTP one (8080).
        URI https = URI.create("https://" + root.getHost() + ":" + (root.getPort() - 8080 + 8443) + root.getPath());
        Browser secure = Browser.overHttps(https);

        HttpResponse<String> loggedIn = secure.logIn("admin", ADMIN_PASSWORD);

        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(Browser.lastSessionCookie(loggedIn)).containsIgnoringCase("; Secure")
                .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        assertThat(secure.get("index.xhtml").statusCode()).as("the session works with that cookie").isEqualTo(200);
    }

    @Test
    void password_change_should_end_the_users_other_sessions_and_keep_its_own() throws Exception {
        String user = "pw." + UUID.randomUUID().toString().substring(0, 8);
        Api admin = new Api(root, "admin", ADMIN_PASSWORD);
        assertThat(admin.post("users", "{\"username\":\"" + user + "\",\"password\":\"first-password\","
                + "\"role\":\"clockwork-operator\"}").status()).isEqualTo(201);
        Browser other = new Browser(root);
        assertThat(browser.logIn(user, "first-password").statusCode()).isEqualTo(302);
        assertThat(other.logIn(user, "first-password").statusCode()).isEqualTo(302);
        assertThat(other.get("index.xhtml").statusCode()).isEqualTo(200);

        Map<String, String> form = new LinkedHashMap<>();
        form.put("password", "password");
        form.put("password:current", "first-password");
        form.put("password:replacement", "second-password");
        form.put("password:confirmation", "second-password");
        form.put("password:change", "");
        form.put("jakarta.faces.ViewState", Browser.viewState(browser.get("password.xhtml")));
        HttpResponse<String> changed = browser.post("password.xhtml", form);

        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("Your password was changed.");
        assertThat(browser.get("index.xhtml").statusCode()).as("the session that changed it").isEqualTo(200);
        HttpResponse<String> ended = other.get("index.xhtml");
        assertThat(Browser.location(ended).toString()).contains("/login.xhtml?next=", "ended=true");
        HttpResponse<String> loginPage = other.follow(ended);
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.body()).contains(ENDED);
        assertThat(other.get("index.xhtml").statusCode()).as("the ended session stays ended").isEqualTo(302);
        assertThat(admin.as(user, "second-password").get("tasks").status()).isEqualTo(200);
    }

    @Test
    void health_should_answer_the_same_whatever_credentials_are_sent() {
        Api anonymous = new Api(root, null, null);
        int status = anonymous.get("health").status();

        assertThat(status).isIn(200, 503);
        assertThat(new Api(root, "admin", "not-the-password").get("health").status()).isEqualTo(status);
        assertThat(new Api(root, "nobody", "whatever").get("health").status()).isEqualTo(status);
        assertThat(new Api(root, "admin", ADMIN_PASSWORD).get("health").status()).isEqualTo(status);
    }

    @Test
    void forged_view_state_should_reload_the_page_with_a_message() throws Exception {
        assertThat(browser.logIn("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(302);

        HttpResponse<String> forged = browser.post("tasks.xhtml",
                Map.of("tasks", "tasks", "jakarta.faces.ViewState", "-4242:-4242"));

        assertThat(Browser.location(forged).getPath()).endsWith("/tasks.xhtml");
        HttpResponse<String> reloaded = browser.follow(forged);
        assertThat(reloaded.statusCode()).isEqualTo(200);
        assertThat(reloaded.body()).contains(EXPIRED, "<title>Clockwork: Tasks</title>");
    }

    @Test
    void form_without_its_page_nonce_should_reload_the_page_with_a_message() throws Exception {
        assertThat(browser.logIn("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(302);
        String state = Browser.viewState(browser.get("tasks.xhtml"));

        HttpResponse<String> unsigned = browser.post("tasks.xhtml", Map.of("tasks", "tasks",
                "jakarta.faces.ViewState", state, Browser.NONCE_FIELD, "not-the-page-nonce"));

        assertThat(Browser.location(unsigned).getPath()).endsWith("/tasks.xhtml");
        HttpResponse<String> reloaded = browser.follow(unsigned);
        assertThat(reloaded.statusCode()).isEqualTo(200);
        assertThat(reloaded.body()).contains(EXPIRED, "<title>Clockwork: Tasks</title>");
    }

    @Test
    void forged_view_state_on_the_login_page_should_reload_it_and_keep_where_the_user_was_going() throws Exception {
        for (String state : List.of("-4242:-4242", "stateless")) {
            HttpResponse<String> forged = browser.post("login.xhtml?next=%2Ftask.xhtml%3Fname%3Da",
                    Map.of("login", "login", "login:username", "admin", "login:password", "x",
                            "jakarta.faces.ViewState", state));

            assertThat(Browser.location(forged).toString()).as(state)
                    .contains("/login.xhtml?next=%2Ftask.xhtml%3Fname%3Da");
            HttpResponse<String> reloaded = browser.follow(forged);
            assertThat(reloaded.statusCode()).isEqualTo(200);
            assertThat(reloaded.body()).contains(EXPIRED, "<title>Clockwork: log in</title>");
        }
    }

    @Test
    void form_sent_after_the_session_ended_should_go_to_the_login_page_with_a_message() throws Exception {
        assertThat(browser.logIn("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(302);
        String state = Browser.viewState(browser.get("tasks.xhtml"));
        String session = browser.sessionId().orElseThrow();
        Map<String, String> logout = new LinkedHashMap<>();
        logout.put("topbar", "topbar");
        logout.put("topbar:logout", "topbar:logout");
        logout.put("jakarta.faces.ViewState", Browser.viewState(browser.get("index.xhtml")));
        assertThat(Browser.location(browser.post("index.xhtml", logout)).getPath()).endsWith("/login.xhtml");
        Browser stale = new Browser(root);
        stale.holdSession(session);

        HttpResponse<String> late = stale.post("tasks.xhtml", Map.of("tasks", "tasks",
                "jakarta.faces.ViewState", state));

        assertThat(Browser.location(late).toString()).contains("/login.xhtml?next=", "ended=true");
        HttpResponse<String> loginPage = stale.follow(late);
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.body()).contains(ENDED);
    }

    @Test
    void ajax_request_after_the_session_ended_should_get_a_faces_redirect_to_the_login_page() throws Exception {
        assertThat(browser.logIn("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(302);
        String state = Browser.viewState(browser.get("tasks.xhtml"));
        Browser stale = new Browser(root);
        stale.holdSession("gone" + UUID.randomUUID().toString().replace("-", ""));

        HttpResponse<String> late = stale.send(HttpRequest.newBuilder(root.resolve("tasks.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Faces-Request", "partial/ajax")
                .POST(HttpRequest.BodyPublishers.ofString("tasks=tasks&jakarta.faces.partial.ajax=true"
                        + "&jakarta.faces.source=tasks%3Afilter&jakarta.faces.ViewState="
                        + URLEncoder.encode(state, StandardCharsets.UTF_8))));

        assertThat(late.statusCode()).as("PrimeFaces follows a redirect in the partial response, not a 302")
                .isEqualTo(200);
        assertThat(late.body()).contains("<partial-response><redirect url=\"", "/login.xhtml?next=",
                "&amp;ended=true");
    }

    private static String newTaskName() {
        return "console." + UUID.randomUUID().toString().substring(0, 8);
    }
}
