package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clockwork.rest.OpenApiDocument;
import io.swagger.v3.core.util.Json31;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The contract the ITs' traffic is held to catches what it is there to catch (no server needed). */
class OpenApiContractTest {

    private static final String TASK = """
            {"name":"a","trigger":"every 1h","triggerDescription":"every hour","zone":"UTC","action":"noop",
             "priority":0,"active":true,"state":"ACTIVE","nextFireAt":"2026-12-03T15:00:00Z","fireCount":0,
             "createdAt":"2026-12-03T14:00:00Z","updatedAt":"2026-12-03T14:00:00Z","warnings":[],
             "misfire":"FIRE_ONCE","overlap":"FORBID"}""";

    private final OpenApiContract contract = OpenApiContract.of(new ObjectMapper().readTree(
            Json31.pretty(OpenApiDocument.build("/clockwork/api", "test"))));
    private final URI task = URI.create("http://127.0.0.1:8080/clockwork/api/tasks/a");

    OpenApiContractTest() throws Exception {
    }

    @Test
    void a_documented_answer_should_pass() {
        assertThatCode(() -> contract.check("GET", task, "", "", reply(200, "application/json", TASK)))
                .doesNotThrowAnyException();
    }

    @Test
    void a_body_with_a_field_missing_a_wrong_type_or_an_undocumented_field_should_fail() {
        for (String body : new String[] {TASK.replace("\"zone\":\"UTC\",", ""), TASK.replace("\"fireCount\":0",
                "\"fireCount\":\"0\""), TASK.replace("\"warnings\":[]", "\"warnings\":[],\"secret\":1"),
                TASK.replace("ACTIVE", "SLEEPING")}) {
            assertThatThrownBy(() -> contract.check("GET", task, "", "", reply(200, "application/json", body)))
                    .as(body).isInstanceOf(AssertionError.class).hasMessageContaining("does not match");
        }
    }

    @Test
    void an_undocumented_status_content_type_or_path_should_fail() {
        assertThatThrownBy(() -> contract.check("GET", task, "", "", reply(418, "application/json", "{}")))
                .hasMessageContaining("418 is not documented");
        assertThatThrownBy(() -> contract.check("GET", task, "", "", reply(404, "text/html", "<html/>")))
                .hasMessageContaining("text/html is not documented");
        assertThatThrownBy(() -> contract.check("GET", URI.create("http://h/clockwork/api/jobs"), "", "",
                reply(200, "application/json", "{}"))).hasMessageContaining("no path /jobs");
        assertThatThrownBy(() -> contract.check("PATCH", task, "", "", reply(405, "application/json", "{}")))
                .hasMessageContaining("no PATCH");
    }

    @Test
    void a_request_the_document_calls_invalid_should_be_refused_by_the_server() {
        URI lots = URI.create("http://h/clockwork/api/tasks?limit=lots");
        String problem = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"x\"}";
        assertThatCode(() -> contract.check("GET", lots, "", "", reply(400, "application/problem+json", problem)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.check("GET", lots, "", "", reply(200, "application/json",
                "{\"items\":[],\"total\":0,\"offset\":0,\"limit\":50}")))
                .hasMessageContaining("calls the request invalid");
        assertThatThrownBy(() -> contract.check("POST", URI.create("http://h/clockwork/api/users"),
                "application/json", "{\"username\":\"a b\",\"password\":\"x\",\"role\":\"boss\"}",
                reply(201, "application/json", "{\"username\":\"a b\",\"roles\":[]}")))
                .hasMessageContaining("calls the request invalid");
    }

    private static Api.Reply reply(int status, String type, String body) {
        return new Api.Reply(status, type, "", body);
    }
}
