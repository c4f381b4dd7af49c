package dev.clockwork.rest;

import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.TaskQuery;
import dev.clockwork.api.TaskState;
import dev.clockwork.security.Roles;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import com.fasterxml.jackson.databind.type.TypeFactory;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The OpenAPI 3.1 description of the REST API, built with swagger-core's model. The bodies' schemas are read from the
 * JSON classes the resources return (their fields and {@code @Schema} annotations), so a field added there is
 * documented at once; the paths, parameters, statuses and roles are listed here, and the integration tests hold
 * every request and response they make against this document. A role travels in each operation's security
 * requirement (OpenAPI 3.1 lets a non-OAuth scheme list role names there) and in {@code x-clockwork-role}; it
 * repeats web.xml's constraints, which the server enforces.
 */
public final class OpenApiDocument {

    public static final String ROLE_EXTENSION = "x-clockwork-role";
    private static final String BASIC = "basicAuth";
    private static final String JSON = jakarta.ws.rs.core.MediaType.APPLICATION_JSON;
    private static final String TEXT = jakarta.ws.rs.core.MediaType.TEXT_PLAIN;

    private final OpenAPI api = new OpenAPI(io.swagger.v3.oas.models.SpecVersion.V31).openapi("3.1.0");
    private final Map<String, Schema> schemas = new TreeMap<>();

    private OpenApiDocument(String serverPath, String version) {
        api.info(new Info().title("Clockwork REST API").version(version)
                        .description("Tasks, their executions, the cluster's nodes, users, health and metrics of a"
                                + " Clockwork cluster. Every request but health, the probes and this document carries"
                                + " HTTP Basic credentials; each operation names the least role it needs"
                                + " (clockwork-viewer < clockwork-operator < clockwork-admin). Errors are"
                                + " application/problem+json (RFC 9457).")
                        .license(new License().name("Apache-2.0").identifier("Apache-2.0")))
                .servers(List.of(new Server().url(serverPath).description("this server")))
                .components(new Components().schemas(schemas).addSecuritySchemes(BASIC, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("A Clockwork user's name and password; the API ignores cookies.")));
        readSchemas(TaskJson.class, TaskRequest.class, ExecutionJson.class, Problem.class, ProbeJson.class,
                HealthResource.HealthJson.class, NodesResource.NodeJson.class, UsersResource.UserRequest.class,
                UsersResource.ChangeRequest.class, UserJson.class, AuditJson.class, TriggersResource.PreviewJson.class,
                ActionsResource.ActionJson.class);
        schemas.put("AuditPage", page("AuditJson"));
        schemas.put("TaskPage", page("Task"));
        schemas.put("ExecutionPage", page("Execution"));
        schemas.put("RunStarted", object(Map.of("executionId", integer("The new execution's id."))));
        schemas.put("UserCreated", object(Map.of("username", new JsonSchema().types(Types.STRING),
                "roles", array(new JsonSchema().types(Types.STRING)._enum(List.copyOf(new TreeSet<>(Roles.ALL)))))));
        schemas.values().forEach(OpenApiDocument::closeResponseShapes);
        schemas.get("TaskRequest").additionalProperties(null);
        schemas.get("UserRequest").additionalProperties(null);
        schemas.get("ChangeRequest").additionalProperties(null);
        paths();
        readLocations();
    }

    /** Every GET's answers say where it read ({@link ReadLocation}). */
    private void readLocations() {
        Header where = new Header().description("Where this GET read: the replica (jdbc/clockwork-read) or the"
                + " primary. See \"Reading from a replica\" in the README.")
                .schema(new JsonSchema().types(Types.STRING)._enum(List.of("replica", "primary")));
        api.getPaths().values().stream().map(PathItem::getGet).filter(Objects::nonNull)
                .forEach(get -> get.getResponses().forEach((status, response) -> {
                    if (status.startsWith("2")) {
                        response.addHeaderObject(ReadLocation.HEADER, where);
                    }
                }));
    }

    /** The document for a server whose API answers under {@code serverPath}, e.g. {@code /clockwork/api}. */
    public static OpenAPI build(String serverPath, String version) {
        return new OpenApiDocument(serverPath, version).api;
    }

    private void paths() {
        Parameter name = new Parameter().in("path").name("name").required(true).description("The task's name.")
                .schema(new JsonSchema().types(Types.STRING));
        List<Parameter> paging = List.of(
                query("offset", integer("How many to skip.")._default(0).minimum(BigDecimal.ZERO)),
                query("limit", integer("How many to return at most.")._default(50).minimum(BigDecimal.ONE)
                        .maximum(BigDecimal.valueOf(TaskQuery.MAX_LIMIT))));

        path("/tasks")
                .get(op("listTasks", "A page of tasks, by name", Roles.VIEWER)
                        .parameters(concat(paging, List.of(
                                query("state", new JsonSchema().types(Types.STRING)._enum(Arrays.stream(
                                        TaskState.values()).map(Enum::name).toList()).description("Only this state.")),
                                query("action", new JsonSchema().types(Types.STRING).description("Only this action.")),
                                query("prefix", new JsonSchema().types(Types.STRING)
                                        .description("Only names that start with it.")),
                                query("lastStatus", new JsonSchema().types(Types.STRING)._enum(Arrays.stream(
                                        ExecutionStatus.values()).filter(ExecutionStatus::isFinal).map(Enum::name)
                                        .toList()).description("Only tasks whose latest ended execution ended so.")),
                                query("sort", new JsonSchema().types(Types.STRING).description("name (default),"
                                        + " trigger, nextFireAt, state, action, priority or lastStatus; a leading -"
                                        + " sorts descending (tasks without a next fire or a last status come last"
                                        + " either way).")))))
                        .responses(responses(ok("TaskPage"), problem("400", "A parameter is not valid."))))
                .post(op("createTask", "Create a task", Roles.OPERATOR).requestBody(body("TaskRequest"))
                        .responses(responses("201", created("Task", "The task's URL."),
                                problem("400", "The definition is not valid (field names which part)."),
                                problem("409", "A task of that name exists."))));
        path("/tasks/{name}").parameters(List.of(name))
                .get(op("getTask", "One task", Roles.VIEWER)
                        .responses(responses(ok("Task"), problem("404", "No task of that name."))))
                .put(op("updateTask", "Replace a task's definition; its next fire counts from now", Roles.OPERATOR)
                        .requestBody(body("TaskRequest"))
                        .responses(responses(ok("Task"), problem("400", "The definition is not valid."),
                                problem("404", "No task of that name."))))
                .delete(op("deleteTask", "Delete a task and its history", Roles.OPERATOR)
                        .responses(responses("204", new ApiResponse().description("Deleted."),
                                problem("404", "No task of that name."))));
        for (String command : List.of("pause", "resume", "cancel")) {
            path("/tasks/{name}/" + command).parameters(List.of(name))
                    .post(op(command + "Task", capitalized(command) + " a task; the README's table says what each"
                            + " state allows", Roles.OPERATOR)
                            .responses(responses(ok("Task"), problem("404", "No task of that name."),
                                    problem("409", "The task's state does not allow it; detail names the states"
                                            + " that do."))));
        }
        path("/tasks/{name}/run").parameters(List.of(name))
                .post(op("runTask", "Run a task once now, besides its schedule; a JSON body is this run's arguments"
                        + " instead of the task's (the run is kept under a one-off task)", Roles.OPERATOR)
                        .requestBody(anyJson(false, "The arguments of this run; leave the body out for the task's."))
                        .responses(responses("202", created("RunStarted", "The new execution's URL."),
                                problem("400", "The body is not JSON (field args)."),
                                problem("404", "No task of that name."),
                                problem("409", "The task is cancelled."))));
        path("/actions")
                .get(op("listActions", "The actions deployed on the cluster's live nodes, by name", Roles.VIEWER)
                        .responses(responses(new ApiResponse().description("The actions.").content(json(
                                array(ref("Action")))))));
        path("/actions/{action}/runs").parameters(List.of(new Parameter().in("path").name("action").required(true)
                        .description("The action's name.").schema(new JsonSchema().types(Types.STRING))))
                .post(op("runAction", "Run an action once, as soon as a worker of this node is free, with the body"
                        + " as its arguments (under a one-off task)", Roles.OPERATOR)
                        .requestBody(anyJson(false, "The action's arguments; leave the body out for none."))
                        .responses(responses("202", created("RunStarted", "The new execution's URL."),
                                problem("400", "The body is not JSON (field args)."),
                                problem("404", "No action of that name is deployed on this node (field action)."))));
        path("/tasks/{name}/executions").parameters(List.of(name))
                .get(op("listTaskExecutions", "A task's executions, newest first", Roles.VIEWER)
                        .parameters(paging)
                        .responses(responses(ok("ExecutionPage"), problem("400", "A parameter is not valid."),
                                problem("404", "No task of that name."))));
        Parameter executionId = new Parameter().in("path").name("id").required(true)
                .schema(integer("The execution's id."));
        path("/executions/{id}").parameters(List.of(executionId))
                .get(op("getExecution", "One execution", Roles.VIEWER)
                        .responses(responses(ok("Execution"), problem("404", "No execution of that id."))));
        path("/executions/{id}/cancel").parameters(List.of(executionId))
                .post(op("cancelExecution", "Cancel one execution: a waiting or queued one ends CANCELLED at once,"
                        + " a running one is interrupted by its node and ends CANCELLED", Roles.OPERATOR)
                        .responses(responses(ok("Execution"), problem("404", "No execution of that id."),
                                problem("409", "The execution has already ended."))
                                .addApiResponse("202", new ApiResponse().description("The execution is running; its"
                                        + " node is interrupting it.").content(json(ref("Execution"))))));
        path("/nodes")
                .get(op("listNodes", "The servers of the cluster", Roles.VIEWER)
                        .responses(responses(new ApiResponse().description("The nodes.").content(json(
                                array(ref("Node")))))));
        path("/users")
                .get(op("listUsers", "Every user, with role, state and last login", Roles.ADMIN)
                        .responses(responses(new ApiResponse().description("The users.").content(json(
                                array(ref("UserJson")))))))
                .post(op("createUser", "Create a user with a role (and the roles below it)", Roles.ADMIN)
                        .requestBody(body("UserRequest"))
                        .responses(responses("201", created("UserCreated", null), problem("400",
                                "A field is not valid (field names it)."), problem("409", "The name is taken."))));
        Parameter username = new Parameter().in("path").name("username").required(true)
                .description("The user's name.").schema(new JsonSchema().types(Types.STRING));
        path("/users/{username}").parameters(List.of(username))
                .get(op("getUser", "One user", Roles.ADMIN)
                        .responses(responses(ok("UserJson"), problem("404", "No user of that name."))))
                .put(op("updateUser", "Change a user's role, enabled, password or must-change-password",
                        Roles.ADMIN).requestBody(body("ChangeRequest"))
                        .responses(responses(ok("UserJson"), problem("400", "A field is not valid."),
                                problem("404", "No user of that name."),
                                problem("409", "It would leave no enabled admin."))))
                .delete(op("deleteUser", "Delete a user", Roles.ADMIN)
                        .responses(responses("204", new ApiResponse().description("Deleted."),
                                problem("404", "No user of that name."),
                                problem("409", "It is the last enabled admin."))));
        path("/audit").get(op("listAudit", "The audit log, newest first", Roles.ADMIN)
                .parameters(concat(paging, List.of(
                        query("user", new JsonSchema().types(Types.STRING).description("Only this user's changes.")),
                        query("target", new JsonSchema().types(Types.STRING).description("Only this target.")),
                        query("action", new JsonSchema().types(Types.STRING).description("Only this action.")),
                        query("from", new JsonSchema().types(Types.STRING).format("date-time")
                                .description("From this instant, inclusive.")),
                        query("to", new JsonSchema().types(Types.STRING).format("date-time")
                                .description("Before this instant.")))))
                .responses(responses(ok("AuditPage"), problem("400", "A parameter is not valid."))));
        path("/triggers/preview").get(op("previewTrigger", "What a trigger means: canonical text, description"
                + " and its next fires in a zone", Roles.VIEWER)
                .parameters(List.of(
                        query("trigger", new JsonSchema().types(Types.STRING).description("The trigger text.")),
                        query("zone", new JsonSchema().types(Types.STRING)._default("UTC")
                                .description("IANA zone id.")),
                        query("count", integer("How many fires.")._default(5).minimum(BigDecimal.ONE)
                                .maximum(BigDecimal.valueOf(100))),
                        query("from", new JsonSchema().types(Types.STRING).format("date-time")
                                .description("Fires strictly after this instant; default now.")),
                        query("name", new JsonSchema().types(Types.STRING)
                                .description("The task name that H in cron fields hashes."))))
                .responses(responses(ok("PreviewJson"), problem("400", "A parameter is not valid (field names"
                        + " it)."))));
        path("/health")
                .get(open("health", "Whether the node works: database and dispatcher; for existing scripts",
                        "Health", "UP."));
        path("/health/live")
                .get(open("liveness", "Liveness: the engine's threads run; reads nothing outside the process",
                        "Probe", "Live."));
        path("/health/ready")
                .get(open("readiness", "Readiness: database, schema version, dispatcher, clock", "Probe",
                        "Ready."));
        Operation metrics = op("metrics", "This node's metrics, Prometheus text format 0.0.4 ("
                + MetricsResource.TEXT_FORMAT + ")", Roles.VIEWER)
                .responses(responses(new ApiResponse().description("The exposition.")
                        .content(new Content().addMediaType(TEXT, new MediaType().schema(
                                new JsonSchema().types(Types.STRING))))));
        metrics.description(metrics.getDescription() + " Open to anyone when the servers run with"
                        + " clockwork.metrics.public=true.")
                .addSecurityItem(new SecurityRequirement());
        path("/metrics").get(metrics);
        path("/openapi.json").get(document("openApiJson", JSON, Types.OBJECT));
        path("/openapi.yaml").get(document("openApiYaml", OpenApiResource.YAML, Types.STRING));
        api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> operation.addTagsItem(
                path.startsWith("/tasks") || path.startsWith("/executions") || path.startsWith("/actions") ? "tasks"
                        : path.startsWith("/nodes") ? "cluster"
                        : path.startsWith("/users") || path.startsWith("/audit") ? "users"
                        : path.startsWith("/triggers") ? "tasks"
                        : path.startsWith("/openapi") ? "description" : "monitoring")));
        api.tags(List.of(new Tag().name("tasks").description("Tasks and their executions"),
                new Tag().name("cluster").description("The nodes sharing the database"),
                new Tag().name("users").description("Who may use Clockwork"),
                new Tag().name("monitoring").description("Health, probes and metrics"),
                new Tag().name("description").description("This document")));
    }

    private PathItem path(String path) {
        PathItem item = new PathItem();
        api.path(path, item);
        return item;
    }

    /** An operation that needs {@code role}, with the answers every such operation can give. */
    private static Operation op(String id, String summary, String role) {
        Operation operation = new Operation().operationId(id).summary(summary)
                .description("Needs the role " + role + ".")
                .addSecurityItem(new SecurityRequirement().addList(BASIC, role));
        operation.addExtension(ROLE_EXTENSION, role);
        return operation;
    }

    private static Object role(Operation operation) {
        return operation.getExtensions() == null ? null : operation.getExtensions().get(ROLE_EXTENSION);
    }

    /** An operation open without login, answering 200 or, when the node is not well, 503, with one body. */
    private static Operation open(String id, String summary, String schema, String up) {
        return new Operation().operationId(id).summary(summary).description("Open without login; credentials are"
                        + " ignored.").security(List.of())
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description(up)
                                .content(json(ref(schema))))
                        .addApiResponse("503", new ApiResponse().description("Not " + up.toLowerCase() + " A check"
                                + " is DOWN.").content(json(ref(schema)))));
    }

    private static Operation document(String id, String type, Set<String> schemaType) {
        return new Operation().operationId(id).summary("This document").description("Open without login.")
                .security(List.of()).responses(new ApiResponses().addApiResponse("200", new ApiResponse()
                        .description("The OpenAPI 3.1 document.").content(new Content().addMediaType(type,
                                new MediaType().schema(new JsonSchema().types(schemaType))))));
    }

    /**
     * The operation's answers: {@code success} under {@code status} (200 when left out), each given problem, and
     * the 401, 403 and 500 problems any operation with a role can answer.
     */
    private static ApiResponses responses(ApiResponse success, Failure... failures) {
        return responses("200", success, failures);
    }

    private static ApiResponses responses(String status, ApiResponse success, Failure... failures) {
        ApiResponses responses = new ApiResponses().addApiResponse(status, success);
        Stream.concat(Stream.of(failures), Stream.of(problem("401", "No credentials, or wrong ones."),
                        problem("413", "The request body is over 1 MiB."),
                        problem("429", "Too many failed logins for this username or from this address; see"
                                + " Retry-After."),
                        problem("403", "The user lacks the role, or must change the password an admin set first."),
                        problem("500", "A failure of the server; the detail names an incident id in its log.")))
                .forEach(failure -> responses.addApiResponse(failure.status, failure.response));
        return responses;
    }

    /** A problem+json answer under its status. */
    private record Failure(String status, ApiResponse response) {
    }

    private static Failure problem(String status, String description) {
        return new Failure(status, new ApiResponse().description(description).content(new Content().addMediaType(
                Problem.MEDIA_TYPE, new MediaType().schema(ref("Problem")))));
    }

    private static ApiResponse ok(String schema) {
        return new ApiResponse().description("OK.").content(json(ref(schema)));
    }

    private static ApiResponse created(String schema, String location) {
        ApiResponse response = new ApiResponse().description("Created.").content(json(ref(schema)));
        return location == null ? response : response.addHeaderObject("Location", new Header()
                .description(location).schema(new JsonSchema().types(Types.STRING).format("uri")));
    }

    private static RequestBody body(String schema) {
        return new RequestBody().required(true).content(json(ref(schema)));
    }

    /** A request body of any JSON value. */
    private static RequestBody anyJson(boolean required, String description) {
        return new RequestBody().required(required).description(description).content(json(new JsonSchema()));
    }

    private static Content json(Schema<?> schema) {
        return new Content().addMediaType(JSON, new MediaType().schema(schema));
    }

    private static Parameter query(String name, Schema<?> schema) {
        return new Parameter().in("query").name(name).schema(schema);
    }

    private static Schema<?> ref(String schema) {
        return new JsonSchema().$ref("#/components/schemas/" + schema);
    }

    private static Schema<Object> integer(String description) {
        return new JsonSchema().types(Types.INTEGER).format("int64").description(description);
    }

    private static Schema<?> array(Schema<?> items) {
        return new JsonSchema().types(Types.ARRAY).items(items);
    }

    private static Schema<?> object(Map<String, Schema> properties) {
        Schema<?> object = new JsonSchema().types(Types.OBJECT).properties(new TreeMap<>(properties));
        object.setRequired(List.copyOf(new TreeMap<>(properties).keySet()));
        return object;
    }

    private static Schema<?> page(String item) {
        return object(Map.of("items", array(ref(item)), "total", integer("How many match in all."),
                "offset", integer("As asked."), "limit", integer("As asked.")));
    }

    /** An answer's object carries exactly the documented fields: a field the code adds undocumented fails tests. */
    private static void closeResponseShapes(Schema<?> schema) {
        if (schema.getProperties() != null) {
            schema.additionalProperties(Boolean.FALSE);
        }
    }

    private void readSchemas(Class<?>... classes) {
        ModelConverters converters = new ModelConverters(true);
        converters.addConverter(new AnyJson());
        for (Class<?> type : classes) {
            schemas.putAll(converters.readAll(new AnnotatedType(type)));
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** JSON types, as OpenAPI 3.1 names them. */
    private static final class Types {
        static final Set<String> STRING = Set.of("string");
        static final Set<String> INTEGER = Set.of("integer");
        static final Set<String> ARRAY = Set.of("array");
        static final Set<String> OBJECT = Set.of("object");
    }

    /** A {@link JsonValue} field (a task's arguments) holds any JSON: the empty schema. */
    private static final class AnyJson implements ModelConverter {
        @Override
        public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
            if (JsonValue.class.isAssignableFrom(TypeFactory.defaultInstance().constructType(type.getType())
                    .getRawClass())) {
                return new JsonSchema();
            }
            return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        }
    }
}
