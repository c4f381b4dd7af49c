package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Users, roles, the audit log and login throttling over HTTP, against the WAR as built. Requests that fail a login
 * on purpose come from a loopback address of their own ({@link LoopbackClient}), so the throttle they trigger
 * touches no other test.
 */
@ExtendWith(ArquillianExtension.class)
class AccountsIT {

    private static final String ADMIN_PASSWORD = System.getProperty("clockwork.it.admin.password");

    @ArquillianResource
    URL base;

    private URI root;
    private Api admin;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestDeployments.builtWar();
    }

    @BeforeEach
    void connect() throws Exception {
        root = TestDeployments.root(base);
        admin = new Api(root, "admin", ADMIN_PASSWORD);
    }

    @Test
    void an_admin_should_list_change_disable_and_delete_users_and_their_credentials_should_follow_at_once() {
        String name = unique("ops");
        create(name, "ops-password-1", "clockwork-viewer");
        Api user = admin.as(name, "ops-password-1");
        LoopbackClient elsewhere = new LoopbackClient(root);

        JsonObject listed = findIn(admin.get("users").body(), name);
        assertThat(listed).isNotNull();
        assertThat(listed.getString("role")).isEqualTo("clockwork-viewer");
        assertThat(listed.getBoolean("enabled")).isTrue();
        assertThat(listed.containsKey("password")).isFalse();
        assertThat(user.get("tasks").status()).isEqualTo(200);
        assertThat(admin.get("users/" + name).json().getString("lastLoginAt")).isNotBlank();

        Api.Reply promoted = admin.put("users/" + name, "{\"role\":\"clockwork-operator\"}");
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        assertThat(user.post("tasks", "{\"name\":\"" + name + "\",\"trigger\":\"every 1h\",\"action\":\"noop\"}")
                .status()).as("the new role counts at the next request").isEqualTo(201);
        assertThat(user.delete("tasks/" + name).status()).isEqualTo(204);

        assertThat(admin.put("users/" + name, "{\"enabled\":false}").json().getBoolean("enabled")).isFalse();
        assertThat(elsewhere.get("tasks", name, "ops-password-1").status()).as("disabled").isEqualTo(401);
        assertThat(user.get("tasks").status()).as("disabled, also for credentials verified before").isEqualTo(401);

        assertThat(admin.put("users/" + name, "{\"enabled\":true}").status()).isEqualTo(200);
        assertThat(user.get("tasks").status()).isEqualTo(200);

        assertThat(admin.delete("users/" + name).status()).isEqualTo(204);
        assertThat(user.get("tasks").status()).as("deleted").isEqualTo(401);
        Api.Reply gone = admin.get("users/" + name);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat(admin.delete("users/" + name).status()).isEqualTo(404);
    }

    @Test
    void a_reset_password_should_have_to_be_changed_before_the_user_may_do_anything() throws Exception {
        String name = unique("reset");
        create(name, "first-password-1", "clockwork-operator");

        assertThat(admin.put("users/" + name, "{\"password\":\"second-password-2\"}").json()
                .getBoolean("mustChangePassword")).isTrue();
        Api.Reply refused = admin.as(name, "second-password-2").get("tasks");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().getString("detail")).contains("must change the password");

        Browser browser = new Browser(root);
        assertThat(browser.logIn(name, "second-password-2").statusCode()).isEqualTo(302);
        HttpResponse<String> elsewhere = browser.get("index.xhtml");
        assertThat(Browser.location(elsewhere).toString()).as("kept to the password page")
                .contains("/password.xhtml?required=true");
        assertThat(browser.follow(elsewhere).body()).contains("Choose a new password before you go on");

        String boss = unique("boss");
        create(boss, "boss-password-1", "clockwork-admin");
        admin.put("users/" + boss, "{\"password\":\"boss-password-2\"}");
        Api asBoss = admin.as(boss, "boss-password-2");
        assertThat(asBoss.get("tasks").status()).isEqualTo(403);
        Api.Reply own = asBoss.put("users/" + boss, "{\"password\":\"boss-password-3\"}");
        assertThat(own.status()).as("an admin may set their own new password through the API").isEqualTo(200);
        assertThat(own.json().getBoolean("mustChangePassword")).isFalse();
        assertThat(admin.as(boss, "boss-password-3").get("tasks").status()).isEqualTo(200);
        admin.delete("users/" + boss);

        assertThat(admin.put("users/" + name, "{\"mustChangePassword\":false}").status()).isEqualTo(200);
        assertThat(admin.as(name, "second-password-2").get("tasks").status()).isEqualTo(200);
        assertThat(browser.get("index.xhtml").statusCode()).isEqualTo(200);
    }

    @Test
    void bad_user_input_should_be_400_naming_the_field_and_a_viewer_should_get_403() {
        String name = unique("bad");
        create(name, "good-password-1", "clockwork-viewer");

        for (String[] bad : List.of(new String[] {"{\"role\":\"clockwork-root\"}", "role"},
                new String[] {"{\"password\":\"password123\"}", "password"},
                new String[] {"{\"password\":\"short\"}", "password"},
                new String[] {"{\"password\":\"" + "x".repeat(1_000_000) + "\"}", "password"})) {
            Api.Reply reply = admin.put("users/" + name, bad[0]);
            assertThat(reply.status()).as(bad[0].length() > 100 ? "1 MB password" : bad[0]).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().getString("field")).isEqualTo(bad[1]);
            assertThat(reply.body().length()).as("no echo of the value").isLessThan(1000);
        }
        Api.Reply common = admin.post("users", "{\"username\":\"" + unique("c") + "\",\"password\":\"Password123\","
                + "\"role\":\"clockwork-viewer\"}");
        assertThat(common.status()).isEqualTo(400);
        assertThat(common.json().getString("field")).isEqualTo("password");

        Api viewer = admin.as(name, "good-password-1");
        assertThat(viewer.get("users").status()).isEqualTo(403);
        assertThat(viewer.get("audit").status()).isEqualTo(403);
        assertThat(viewer.put("users/" + name, "{\"role\":\"clockwork-admin\"}").status()).isEqualTo(403);
        admin.delete("users/" + name);
    }

    @Test
    void the_audit_log_should_record_task_and_user_changes_and_logins_newest_first() {
        String operator = unique("auditor");
        create(operator, "auditor-password", "clockwork-operator");
        Api asOperator = admin.as(operator, "auditor-password");
        String task = unique("audited");
        assertThat(asOperator.post("tasks", "{\"name\":\"" + task + "\",\"trigger\":\"every 1h\","
                + "\"action\":\"noop\"}").status()).isEqualTo(201);
        asOperator.post("tasks/" + task + "/pause", "");
        asOperator.post("tasks/" + task + "/resume", "");
        asOperator.put("tasks/" + task, "{\"trigger\":\"every 2h\",\"action\":\"noop\"}");
        asOperator.post("tasks/" + task + "/run", "");
        asOperator.post("tasks/" + task + "/cancel", "");
        assertThat(asOperator.delete("tasks/" + task).status()).isEqualTo(204);
        LoopbackClient elsewhere = new LoopbackClient(root);
        assertThat(elsewhere.get("tasks", operator, "not-the-password").status()).isEqualTo(401);

        Api.Reply forTask = admin.get("audit?target=" + task);
        Api.Reply forUser = admin.get("audit?user=" + operator + "&action=login.failed");
        Api.Reply created = admin.get("audit?target=" + operator + "&action=user.create");

        assertThat(forTask.status()).as(forTask.toString()).isEqualTo(200);
        List<JsonObject> entries = forTask.json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(entries).extracting(e -> e.getString("action")).containsExactly("task.delete", "task.cancel",
                "task.run", "task.update", "task.resume", "task.pause", "task.create");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.getString("user")).isEqualTo(operator);
            assertThat(e.getString("address")).isNotBlank();
        });
        assertThat(entries.get(3).getString("summary")).contains("trigger every 1h → every 2h");
        assertThat(entries.get(5).getString("summary")).isEqualTo("state ACTIVE → PAUSED");
        assertThat(forUser.json().getJsonArray("items")).singleElement()
                .satisfies(e -> assertThat(e.asJsonObject().getString("address")).isEqualTo(elsewhere.address()));
        assertThat(created.json().getJsonArray("items").getJsonObject(0).getString("user")).isEqualTo("admin");
        assertThat(created.body()).doesNotContain("auditor-password");

        Api.Reply badTime = admin.get("audit?from=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().getString("field")).isEqualTo("from");
        assertThat(admin.get("audit?limit=5000").json().getString("field")).isEqualTo("limit");
        admin.delete("users/" + operator);
    }

    @Test
    void repeated_failed_logins_should_be_throttled_with_retry_after_and_audited_without_locking_out_others() {
        String name = unique("target");
        create(name, "target-password", "clockwork-viewer");
        LoopbackClient attacker = new LoopbackClient(root);

        for (int i = 0; i < 5; i++) {
            assertThat(attacker.get("tasks", name, "guess-" + i).status()).isEqualTo(401);
        }
        LoopbackClient.Reply throttled = attacker.get("tasks", name, "guess-5");
        LoopbackClient.Reply evenRight = attacker.get("tasks", name, "target-password");

        assertThat(throttled.status()).as(throttled.head()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(throttled.header("Content-Type")).startsWith("application/problem+json");
        assertThat(evenRight.status()).as("the attacker's address waits, whatever it sends").isEqualTo(429);
        assertThat(new LoopbackClient(root).get("tasks", name, "target-password").status())
                .as("the user from another address is not locked out").isEqualTo(200);
        Api.Reply audited = admin.get("audit?target=" + name + "&action=login.throttled");
        assertThat(audited.json().getJsonArray("items")).hasSize(1);
        admin.delete("users/" + name);
    }

    @Test
    void errors_the_server_raises_under_the_api_should_be_problem_json_and_never_echo_a_large_value()
            throws Exception {
        String viewerName = unique("v");
        create(viewerName, "viewer-password-1", "clockwork-viewer");
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> options = http.send(HttpRequest.newBuilder(root.resolve("api/tasks"))
                .header("Authorization", auth).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        Api.Reply forbidden = admin.as(viewerName, "viewer-password-1").post("tasks", "{}");
        HttpResponse<String> huge = http.send(HttpRequest.newBuilder(root.resolve("api/tasks"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + "n".repeat(1_100_000)
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        Api.Reply longName = admin.post("tasks", "{\"name\":\"" + "n".repeat(900_000)
                + "\",\"trigger\":\"every 1h\",\"action\":\"noop\"}");

        assertThat(options.statusCode()).as(options.body()).isBetween(400, 499);
        assertThat(options.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
        assertThat(forbidden.json().getInt("status")).isEqualTo(403);
        assertThat(huge.statusCode()).as(huge.body()).isEqualTo(413);
        assertThat(huge.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(longName.status()).isEqualTo(400);
        assertThat(longName.body().length()).as("a short excerpt, not the name").isLessThan(2000);
        admin.delete("users/" + viewerName);
    }

    @Test
    void console_pages_and_api_answers_should_carry_the_browser_hardening_headers() throws Exception {
        Browser browser = new Browser(root);
        assertThat(browser.logIn("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(302);
        HttpResponse<String> page = browser.get("users.xhtml");
        HttpResponse<String> login = new Browser(root).get("login.xhtml");

        for (HttpResponse<String> answer : List.of(page, login)) {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(answer.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(answer.headers().firstValue("Referrer-Policy")).contains("same-origin");
            assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(answer.headers().allValues("Content-Security-Policy")).hasSize(1);
            String policy = answer.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(policy).contains("frame-ancestors 'none'", "object-src 'none'", "form-action 'self'")
                    .doesNotContain("unsafe-eval");
            Matcher scripts = Pattern.compile("script-src 'self' 'nonce-([^']+)';").matcher(policy);
            assertThat(scripts.find()).as(policy).isTrue();
            // Every script of the page carries the nonce, and no element has an inline handler (onclick=...).
            assertThat(answer.body()).contains("<script").doesNotContainPattern("<script(?![^>]*nonce=\""
                    + Pattern.quote(scripts.group(1)) + "\")").doesNotContainPattern("<[^>]+\\son[a-z]+=\"");
        }
        assertThat(page.body()).contains("<title>Clockwork: Users</title>", "Create user");
    }

    private void create(String username, String password, String role) {
        Api.Reply created = admin.post("users", "{\"username\":\"" + username + "\",\"password\":\"" + password
                + "\",\"role\":\"" + role + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private static JsonObject findIn(String usersJson, String name) {
        return Json.createReader(new StringReader(usersJson)).readArray()
                .getValuesAs(JsonValue::asJsonObject).stream().filter(u -> u.getString("username").equals(name))
                .findFirst().orElse(null);
    }

    private static String unique(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }
}
