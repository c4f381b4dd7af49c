package dev.clockwork.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The OpenAPI document against the code it describes, without a server (the ITs check real traffic against it). */
class OpenApiDocumentTest {

    private final OpenAPI document = OpenApiDocument.build("/clockwork/api", "test");

    @Test
    void document_should_list_exactly_the_operations_the_resources_serve() {
        Set<String> served = new TreeSet<>();
        new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.clockwork.rest").stream().filter(c -> c.isAnnotatedWith(Path.class))
                .map(c -> c.reflect()).forEach(resource -> {
                    for (Method method : resource.getDeclaredMethods()) {
                        Arrays.stream(method.getAnnotations())
                                .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                                .filter(java.util.Objects::nonNull)
                                .forEach(http -> served.add(http.value() + " " + path(resource, method)));
                    }
                });

        Set<String> documented = new TreeSet<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> documented.add(method.name() + " " + path)));

        assertThat(documented).isEqualTo(served);
        assertThat(served).contains("GET /tasks/{name}", "POST /tasks/{name}/run", "GET /openapi.yaml", "GET /actions",
                "POST /actions/{action}/runs");
    }

    @Test
    void every_operation_should_name_its_role_or_be_open_and_answer_problems_for_errors() {
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String where = method + " " + path;
            if (isOpen(operation)) {
                assertThat(path).as(where).matches("/health.*|/openapi\\..*");
                return;
            }
            String role = (String) operation.getExtensions().get(OpenApiDocument.ROLE_EXTENSION);
            assertThat(role).as(where).startsWith("clockwork-");
            assertThat(operation.getSecurity().get(0).get("basicAuth")).as(where).containsExactly(role);
            // 403 everywhere: a role too small, or a user who must change the password an admin set first.
            assertThat(operation.getResponses()).as(where).containsKeys("401", "403", "429", "500");
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(response.getContent()).as(where + " " + status).containsOnlyKeys(Problem.MEDIA_TYPE);
                }
            });
        }));
    }

    @Test
    void every_get_should_declare_where_it_read() {
        document.getPaths().forEach((path, item) -> {
            if (item.getGet() != null) {
                item.getGet().getResponses().forEach((status, response) -> {
                    if (status.startsWith("2")) {
                        assertThat(response.getHeaders()).as("GET %s %s", path, status)
                                .containsKey(ReadLocation.HEADER);
                        assertThat(response.getHeaders().get(ReadLocation.HEADER).getSchema().getEnum())
                                .containsExactly("replica", "primary");
                    }
                });
            }
        });
        assertThat(document.getPaths().get("/tasks").getPost().getResponses().get("201").getHeaders())
                .doesNotContainKey(ReadLocation.HEADER);
    }

    @Test
    void schemas_should_follow_the_json_classes_fields() {
        assertThat(document.getComponents().getSchemas().get("Task").getProperties().keySet())
                .isEqualTo(Arrays.stream(TaskJson.class.getFields()).map(f -> f.getName())
                        .collect(Collectors.toSet()));
        Schema<?> state = (Schema<?>) document.getComponents().getSchemas().get("Task").getProperties().get("state");
        assertThat(state.getEnum().stream().map(String::valueOf).toList())
                .containsExactly("ACTIVE", "PAUSED", "DONE", "CANCELLED", "ERROR");
        assertThat(Json31.pretty(document)).contains("\"openapi\" : \"3.1.0\"", "\"application/problem+json\"");
    }

    private static boolean isOpen(Operation operation) {
        return operation.getSecurity() != null && operation.getSecurity().isEmpty();
    }

    private static String path(Class<?> resource, Method method) {
        String classPath = resource.getAnnotation(Path.class).value();
        Path methodPath = method.getAnnotation(Path.class);
        String joined = "/" + classPath + (methodPath == null ? "" : "/" + methodPath.value());
        return joined.replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }

}
