package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console in a real browser (the machine's Chromium, headless, through Selenium), against the WAR as built on
 * one server for the whole class: an operator creates, previews, steers, edits and deletes a task; a user changes
 * their password and logs out; a viewer sees no steering control and a forged steering request changes nothing.
 * Each page it passes is saved to {@code target/screenshots/}. On WildFly only the first test runs (see pom.xml).
 */
@ExtendWith(ArquillianExtension.class)
class BrowserIT {

    private static final String ADMIN_PASSWORD = System.getProperty("clockwork.it.admin.password");
    private static final Duration RUN_WAIT = Duration.ofSeconds(30);

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
    void operator_should_log_in_create_a_task_and_pause_it() throws Exception {
        String name = unique("browser.quick");
        try (Chromium browser = Chromium.open(root)) {
            browser.logIn("admin", ADMIN_PASSWORD);
            fillNewTask(browser, name);
            browser.waitForText(By.id("task:preview"), "every 1 hour");
            browser.click(By.id("task:save"));
            browser.waitFor(ExpectedConditions.titleContains("Task " + name));

            browser.click(By.id("steer:pause"));
            browser.waitForText(By.id("details"), "PAUSED");

            assertThat(admin.get("tasks/" + name).json().getString("state")).isEqualTo("PAUSED");
        }
        admin.delete("tasks/" + name);
    }

    @Test
    void operator_should_create_preview_steer_edit_and_delete_a_task() throws Exception {
        String name = unique("browser.full");
        // Scheduled fires for the dashboard's lateness, and a failure for its list of failures.
        String ticking = unique("browser.tick");
        String missing = unique("browser.missing");
        admin.createTask(ticking, "every 1s", "noop", "{}");
        admin.createTask(missing, "every 1h", "not.deployed", "{}");
        assertThat(admin.post("tasks/" + missing + "/run", "").status()).isEqualTo(202);
        try (Chromium browser = Chromium.open(root)) {
            browser.go("index.xhtml");
            browser.find(By.id("login:username"));
            browser.screenshot("login");
            browser.logIn("admin", ADMIN_PASSWORD);

            browser.go("tasks.xhtml");
            browser.click(By.id("new"));
            browser.waitFor(ExpectedConditions.titleContains("New task"));
            browser.type(By.id("task:name"), name);
            chooseZone(browser, "Europe/Par", "Europe/Paris");
            browser.type(By.id("task:trigger"), "cron 0 25 * * *");
            browser.waitForText(By.id("task:triggerMessage"), "column");
            String error = browser.find(By.id("task:triggerMessage")).getText();
            assertThat(error).as("the error names the cron field, the token and its column")
                    .contains("hour", "25", "column 8");
            assertThat(browser.all(By.id("fires"))).isEmpty();

            browser.type(By.id("task:trigger"), "cron 30 2 * * *");
            browser.waitForText(By.id("task:preview"), "cron 30 2 * * *");
            List<WebElement> fires = browser.all(By.cssSelector("#fires li"));
            assertThat(fires).hasSize(5);
            assertThat(fires.get(0).getText()).as("a fire time in the task's zone, with its UTC offset")
                    .matches("\\d{4}-\\d\\d-\\d\\d 02:30:00 \\+0[12]:00 \\w{3}|\\d{4}-\\d\\d-\\d\\d 03:00:00 \\+02:00 \\w{3}");
            assertThat(browser.all(By.cssSelector("#task\\:triggerMessage .ui-message-error"))).isEmpty();
            browser.type(By.id("task:action_input"), "noop");
            browser.pressEscape();
            browser.type(By.id("task:args"), "{\"to\": ");
            browser.find(By.id("task:description")).click();
            browser.waitForText(By.id("task:argsMessage"), "not valid JSON");
            browser.type(By.id("task:args"), "{\"to\": \"ops\"}");
            browser.type(By.id("task:description"), "Made by the browser test: <b>not bold</b>");
            browser.screenshot("task-form");
            browser.click(By.id("task:save"));

            browser.waitFor(ExpectedConditions.titleContains("Task " + name));
            assertThat(browser.find(By.id("details")).getText()).contains("Europe/Paris", "ACTIVE",
                    "<b>not bold</b>");
            browser.click(By.id("steer:pause"));
            browser.waitForText(By.id("details"), "PAUSED");
            browser.click(By.id("steer:resume"));
            browser.waitForText(By.id("details"), "ACTIVE");
            browser.click(By.id("steer:run"));
            browser.waitForText(By.id("growl_container"), "Started a run of " + name);
            Poll.until(RUN_WAIT, () -> {
                browser.click(By.id("history:refresh"));
                browser.waitForAjax();
                return browser.find(By.id("history:executions")).getText();
            }, text -> text.contains("SUCCEEDED"), "the manual run to show as SUCCEEDED");
            browser.screenshot("task");
            browser.click(By.cssSelector("[id$=':open']"));
            browser.waitForText(By.id("execution:body"), "MANUAL");
            assertThat(browser.find(By.id("execution:body")).getText()).contains("SUCCEEDED", name, "Report");
            browser.screenshot("execution");
            browser.pressEscape();
            browser.waitFor(ExpectedConditions.invisibilityOfElementLocated(By.id("executionDialog")));

            browser.click(By.id("steer:edit"));
            browser.waitFor(ExpectedConditions.titleContains("Edit task"));
            assertThat(browser.find(By.id("task:trigger")).getAttribute("value")).isEqualTo("cron 30 2 * * *");
            browser.type(By.id("task:trigger"), "every 2h");
            browser.waitForText(By.id("task:preview"), "every 2 hours");
            browser.click(By.id("task:save"));
            browser.waitFor(ExpectedConditions.titleContains("Task " + name));
            assertThat(admin.get("tasks/" + name).json().getString("trigger")).isEqualTo("every 2h");

            browser.go("executions.xhtml");
            browser.waitForText(By.id("retention"), "more than 30d ago are deleted, keeping the latest 10");
            browser.type(By.id("history:task"), name);
            browser.click(By.id("history:filter"));
            browser.waitForText(By.id("history:executions"), "SUCCEEDED");
            browser.screenshot("executions");
            browser.go("nodes.xhtml");
            browser.waitForText(By.id("cluster:nodes"), "LIVE");
            browser.waitForText(By.id("cluster:nodes"), "Workers busy / total");
            assertThat(browser.find(By.id("cluster:nodes")).getText()).as("every node's clock offset and workers")
                    .containsPattern("[+-]\\d+\\.\\d ms").containsPattern("\\d+ / \\d+");
            browser.screenshot("nodes");
            browser.go("index.xhtml");
            browser.find(By.id("dashboard:executionsChart"));
            browser.waitForText(By.id("dashboard:failures"), "ACTION_NOT_FOUND");
            browser.waitForText(By.id("dashboard:cards"), "Live nodes");
            browser.screenshot("dashboard");
            browser.click(By.linkText(missing));
            browser.waitFor(ExpectedConditions.titleContains("Task " + missing));
            browser.click(By.cssSelector("[id$=':open']"));
            browser.waitForText(By.id("execution:body"), "Deployed actions");
            assertThat(browser.find(By.id("execution:body")).getText()).as("the whole status and error")
                    .contains("ACTION_NOT_FOUND", "not.deployed");
            browser.pressEscape();

            browser.go("task.xhtml?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
            browser.clickAndConfirm(By.id("steer:delete"));
            browser.waitFor(ExpectedConditions.titleContains("Tasks"));
            browser.waitForText(By.id("growl_container"), "Deleted " + name);
            browser.screenshot("tasks");
        }
        assertThat(admin.get("tasks/" + name).status()).isEqualTo(404);
        admin.delete("tasks/" + ticking);
        admin.delete("tasks/" + missing);
    }

    @Test
    void bulk_pause_should_pause_the_active_task_and_show_why_the_done_one_was_refused() throws Exception {
        String prefix = unique("browser.bulk") + ".";
        admin.createTask(prefix + "active", "every 1h", "noop", "{}");
        admin.createTask(prefix + "done", "in 1s", "noop", "{}");
        Poll.until(RUN_WAIT, () -> admin.get("tasks/" + prefix + "done").json().getString("state"),
                "DONE"::equals, "the one-shot task to be done");
        try (Chromium browser = Chromium.open(root)) {
            browser.logIn("admin", ADMIN_PASSWORD);
            browser.go("tasks.xhtml");
            browser.type(By.id("tasks:prefix"), prefix);
            browser.click(By.id("tasks:filter"));
            browser.waitForText(By.id("tasks:table"), prefix + "done");
            for (String task : List.of("active", "done")) {
                browser.click(By.cssSelector("#tasks\\:table tr[data-rk='" + prefix + task + "'] .ui-chkbox-box"));
            }
            browser.click(By.id("tasks:pauseSelected"));

            browser.waitForText(By.id("growl_container"), "is DONE and cannot be paused");
            browser.waitForText(By.id("growl_container"), "Paused " + prefix + "active");
            browser.screenshot("tasks-bulk");

            browser.waitForAjax();
            browser.click(By.id("tasks:lastStatus"));
            browser.clickInOverlay(By.cssSelector("#tasks\\:lastStatus_items li[data-label='SUCCEEDED']"));
            // The menu shows the choice once it took it; only then does Filter send it.
            browser.waitForText(By.id("tasks:lastStatus_label"), "SUCCEEDED");
            browser.click(By.id("tasks:filter"));
            browser.waitForAjax();
            // Only the task whose last run succeeded, once the filtered table has replaced the one before.
            browser.waitFor(driver -> {
                String table = driver.findElement(By.id("tasks:table")).getText();
                return table.contains(prefix + "done") && !table.contains(prefix + "active");
            });
        }
        assertThat(admin.get("tasks/" + prefix + "active").json().getString("state")).isEqualTo("PAUSED");
        assertThat(admin.get("tasks/" + prefix + "done").json().getString("state")).isEqualTo("DONE");
        admin.delete("tasks/" + prefix + "active");
        admin.delete("tasks/" + prefix + "done");
    }

    @Test
    void duplicate_name_should_be_an_error_on_the_name_field() throws Exception {
        String name = unique("browser.dup");
        admin.createTask(name, "every 1h", "noop", "{}");
        try (Chromium browser = Chromium.open(root)) {
            browser.logIn("admin", ADMIN_PASSWORD);
            fillNewTask(browser, name);
            browser.click(By.id("task:save"));

            browser.waitForText(By.id("task:nameMessage"), "already exists");
            assertThat(browser.driver().getTitle()).contains("New task");
        }
        admin.delete("tasks/" + name);
    }

    @Test
    void user_should_change_password_and_log_out_and_back_should_not_show_a_page() throws Exception {
        String user = unique("browser-pw");
        assertThat(admin.post("users", "{\"username\":\"" + user + "\",\"password\":\"first-password\","
                + "\"role\":\"clockwork-operator\"}").status()).isEqualTo(201);
        try (Chromium browser = Chromium.open(root)) {
            browser.logIn(user, "first-password");
            browser.click(By.id("topbar:password"));
            browser.type(By.id("password:current"), "first-password");
            browser.type(By.id("password:replacement"), "second-password");
            browser.type(By.id("password:confirmation"), "second-password");
            browser.click(By.id("password:change"));
            browser.waitForText(By.id("password:messages"), "Your password was changed.");
            browser.screenshot("password");

            browser.go("tasks.xhtml");
            browser.click(By.id("topbar:logout"));
            browser.waitFor(ExpectedConditions.titleContains("log in"));
            browser.driver().navigate().back();
            browser.waitFor(ExpectedConditions.titleContains("log in"));
        }
        assertThat(admin.as(user, "second-password").get("tasks").status()).isEqualTo(200);
        assertThat(admin.as(user, "first-password").get("tasks").status()).isEqualTo(401);
    }

    @Test
    void console_should_be_usable_390_pixels_wide() throws Exception {
        try (Chromium browser = Chromium.open(root, 390, 844)) {
            browser.logIn("admin", ADMIN_PASSWORD);
            browser.go("tasks.xhtml");
            WebElement logout = browser.find(By.id("topbar:logout"));
            Rectangle at = logout.getRect();
            long viewport = (Long) browser.script("return document.documentElement.clientWidth;");
            assertThat(at.getX() + at.getWidth()).as("Log out is inside the %d px viewport", viewport)
                    .isLessThanOrEqualTo((int) viewport);
            browser.screenshot("tasks-390px");
        }
    }

    @Test
    void viewer_should_see_no_steering_control_and_a_forged_one_should_change_nothing() throws Exception {
        String viewer = unique("browser-viewer");
        String name = unique("browser.viewer");
        assertThat(admin.post("users", "{\"username\":\"" + viewer + "\",\"password\":\"viewer-password\","
                + "\"role\":\"clockwork-viewer\"}").status()).isEqualTo(201);
        admin.createTask(name, "every 1h", "noop", "{}");
        String taskPage = "task.xhtml?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        try (Chromium browser = Chromium.open(root)) {
            browser.logIn(viewer, "viewer-password");
            browser.go(taskPage);
            browser.waitForText(By.id("details"), "ACTIVE");
            for (String control : List.of("steer:pause", "steer:run", "steer:edit", "steer:cancel", "steer:delete")) {
                assertThat(browser.all(By.id(control))).as(control).isEmpty();
            }
            browser.screenshot("task-as-viewer");
            browser.go("tasks.xhtml");
            browser.waitForText(By.id("tasks:table"), name);
            assertThat(browser.all(By.id("new"))).isEmpty();
            assertThat(browser.all(By.id("tasks:pauseSelected"))).isEmpty();
            assertThat(browser.all(By.cssSelector("[id$=':pause'], [id$=':run'], [id$=':delete']"))).isEmpty();
        }

        Browser forger = new Browser(root);
        assertThat(forger.logIn(viewer, "viewer-password").statusCode()).isEqualTo(302);
        assertThat(forger.get("task-form.xhtml").statusCode()).as("the task form").isEqualTo(403);
        String state = Browser.viewState(forger.get(taskPage));
        for (String button : List.of("steer:pause", "steer:run", "steer:delete")) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("steer", "steer");
            form.put(button, button);
            form.put("jakarta.faces.ViewState", state);
            HttpResponse<String> forged = forger.post(taskPage, form);
            assertThat(forged.statusCode()).as(button).isLessThan(500);
        }
        JsonObject task = admin.get("tasks/" + name).json();
        assertThat(task.getString("state")).isEqualTo("ACTIVE");
        assertThat(admin.get("tasks/" + name + "/executions").json().getInt("total")).isZero();
        admin.delete("tasks/" + name);
    }

    /** Opens the new task form and fills in a task that runs noop every hour. */
    private static void fillNewTask(Chromium browser, String name) {
        browser.go("task-form.xhtml");
        browser.type(By.id("task:name"), name);
        browser.type(By.id("task:trigger"), "every 1h");
        browser.type(By.id("task:action_input"), "noop");
    }

    private static void chooseZone(Chromium browser, String typed, String zone) {
        browser.type(By.id("task:zone_input"), typed);
        browser.clickInOverlay(By.cssSelector("#task\\:zone_panel li[data-item-value='" + zone + "']"));
        browser.waitForAjax();
    }

    private static String unique(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }
}
