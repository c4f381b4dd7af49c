package dev.clockwork.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The served OpenAPI 3.1 document as a contract for the ITs' traffic: {@link Api} hands it every request and response.
 * A response must be documented for its operation and status, with its content type, and its body must match the
 * schema (JSON Schema 2020-12, the dialect of OpenAPI 3.1). A request the document calls invalid (unknown parameter,
 * a value outside its schema, a body that does not fit) must be refused with a 4xx: tests send such requests on
 * purpose, and the server must agree with the document about them. Each server's document is fetched once; what the
 * traffic covered is written to {@code target/openapi-coverage-<run>.txt} when the test JVM ends.
 */
final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final Map<String, OpenApiContract> BY_DOCUMENT = new ConcurrentHashMap<>();
    /** "METHOD /path status", for every answer the traffic of this JVM produced. */
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
    private static final Set<String> DOCUMENTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OpenApiContract::writeCoverage));
    }

    private final JsonNode document;
    private final String serverPath;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    private record Route(String template, Pattern pattern, List<String> names) {
    }

    private OpenApiContract(JsonNode document) {
        this.document = document;
        this.serverPath = document.path("servers").path(0).path("url").asText();
        document.path("paths").fields().forEachRemaining(path -> {
            List<String> names = new ArrayList<>();
            Matcher name = Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
            StringBuilder regex = new StringBuilder();
            int last = 0;
            while (name.find()) {
                regex.append(Pattern.quote(path.getKey().substring(last, name.start()))).append("([^/]+)");
                names.add(name.group(1));
                last = name.end();
            }
            regex.append(Pattern.quote(path.getKey().substring(last)));
            routes.add(new Route(path.getKey(), Pattern.compile(regex.toString()), names));
            path.getValue().fields().forEachRemaining(operation -> {
                if (!operation.getKey().equals("parameters")) {
                    operation.getValue().path("responses").fieldNames().forEachRemaining(status -> DOCUMENTED.add(
                            operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " " + status));
                }
            });
        });
        // Concrete paths before templated ones, as OpenAPI matches them.
        routes.sort(Comparator.comparingInt(route -> route.names().size()));
    }

    /** A contract on a document at hand (for testing the contract itself). */
    static OpenApiContract of(JsonNode document) {
        return new OpenApiContract(document);
    }

    /** The document the server at {@code root} (the application's root) serves, fetched once. */
    static OpenApiContract of(URI root) {
        URI location = root.resolve("api/openapi.json");
        return BY_DOCUMENT.computeIfAbsent(location.toString(), ignored -> new OpenApiContract(fetch(location)));
    }

    /**
     * Fails with what is wrong when the exchange contradicts the document.
     *
     * @param requestType the request's Content-Type, or empty when it had no body
     */
    void check(String method, URI uri, String requestType, String requestBody, Api.Reply reply) {
        String where = method + " " + uri + " -> " + reply.status();
        String path = uri.getRawPath();
        if (!path.startsWith(serverPath + "/")) {
            throw new AssertionError(where + ": outside the document's server " + serverPath);
        }
        String relative = path.substring(serverPath.length());
        Map<String, String> pathValues = new HashMap<>();
        Route route = routes.stream().filter(r -> {
            Matcher matcher = r.pattern().matcher(relative);
            if (!matcher.matches()) {
                return false;
            }
            for (int i = 0; i < r.names().size(); i++) {
                pathValues.put(r.names().get(i), decode(matcher.group(i + 1)));
            }
            return true;
        }).findFirst().orElseThrow(() -> new AssertionError(where + ": the document has no path " + relative));
        JsonNode item = document.path("paths").path(route.template());
        JsonNode operation = item.path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            throw new AssertionError(where + ": the document has no " + method + " " + route.template());
        }
        String key = method + " " + route.template();
        SEEN.add(key + " " + reply.status());

        List<String> requestErrors = new ArrayList<>();
        checkParameters(item, operation, pathValues, query(uri), requestErrors);
        checkRequestBody(key, operation, requestType, requestBody, requestErrors);
        if (!requestErrors.isEmpty() && (reply.status() < 400 || reply.status() > 499)) {
            throw new AssertionError(where + ": the document calls the request invalid (" + requestErrors
                    + ") but the server accepted it: " + reply);
        }
        checkResponse(key, operation, reply, where);
    }

    private void checkParameters(JsonNode item, JsonNode operation, Map<String, String> pathValues,
                                 Map<String, String> queryValues, List<String> errors) {
        Map<String, JsonNode> declared = new HashMap<>();
        for (JsonNode list : List.of(item.path("parameters"), operation.path("parameters"))) {
            list.forEach(parameter -> declared.put(parameter.path("in").asText() + ":" + parameter.path("name")
                    .asText(), parameter));
        }
        queryValues.keySet().stream().filter(name -> !declared.containsKey("query:" + name))
                .forEach(name -> errors.add("undocumented query parameter " + name));
        declared.forEach((key, parameter) -> {
            String name = parameter.path("name").asText();
            String value = key.startsWith("path:") ? pathValues.get(name) : queryValues.get(name);
            if (value == null) {
                if (parameter.path("required").asBoolean()) {
                    errors.add("missing parameter " + name);
                }
                return;
            }
            JsonNode schema = parameter.path("schema");
            JsonNode typed = schema.path("type").asText().equals("integer") && value.matches("-?\\d{1,18}")
                    ? JSON.getNodeFactory().numberNode(Long.parseLong(value)) : JSON.getNodeFactory().textNode(value);
            validate(schema, typed).forEach(message -> errors.add("parameter " + name + ": " + message));
        });
    }

    private void checkRequestBody(String key, JsonNode operation, String type, String body, List<String> errors) {
        JsonNode requestBody = operation.path("requestBody");
        if (requestBody.isMissingNode()) {
            return;
        }
        if (body == null || body.isEmpty()) {
            if (requestBody.path("required").asBoolean()) {
                errors.add("the request body is required");
            }
            return;
        }
        JsonNode media = requestBody.path("content").path(mediaType(type));
        if (media.isMissingNode()) {
            errors.add("request content type " + type + " is not documented");
            return;
        }
        parse(body).ifPresentOrElse(json -> schema(key + " request", media.path("schema")).validate(json)
                        .forEach(message -> errors.add("request body: " + message.getMessage())),
                () -> errors.add("the request body is not JSON"));
    }

    private void checkResponse(String key, JsonNode operation, Api.Reply reply, String where) {
        JsonNode response = operation.path("responses").path(Integer.toString(reply.status()));
        if (response.isMissingNode()) {
            throw new AssertionError(where + ": status " + reply.status() + " is not documented for " + key
                    + ": " + reply);
        }
        if (reply.body().isEmpty()) {
            return;
        }
        String type = mediaType(reply.contentType());
        JsonNode media = response.path("content").path(type);
        if (media.isMissingNode()) {
            throw new AssertionError(where + ": content type " + reply.contentType() + " is not documented for "
                    + key + " " + reply.status() + ": " + reply);
        }
        JsonNode body = type.endsWith("json") ? parse(reply.body()).orElseThrow(() -> new AssertionError(where
                + ": the body is not JSON: " + reply)) : JSON.getNodeFactory().textNode(reply.body());
        Set<ValidationMessage> errors = schema(key + " " + reply.status() + " " + type, media.path("schema"))
                .validate(body);
        if (!errors.isEmpty()) {
            throw new AssertionError(where + ": the body does not match the document: " + errors.stream()
                    .map(ValidationMessage::getMessage).toList() + "; body: " + reply.body());
        }
    }

    private Set<String> validate(JsonNode schema, JsonNode value) {
        return schema(schema.toString(), schema).validate(value).stream().map(ValidationMessage::getMessage)
                .collect(Collectors.toSet());
    }

    /** A schema of the document, with the document's components beside it so that its $refs resolve. */
    private JsonSchema schema(String key, JsonNode schema) {
        return compiled.computeIfAbsent(key, ignored -> {
            ObjectNode root = JSON.createObjectNode();
            root.setAll((ObjectNode) schema.deepCopy());
            root.set("components", document.path("components"));
            return SCHEMAS.getSchema(root, CONFIG);
        });
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                values.put(decode(equals < 0 ? pair : pair.substring(0, equals)),
                        equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return values;
    }

    private static String mediaType(String contentType) {
        return contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            return Optional.of(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static JsonNode fetch(URI location) {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(location).timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("No OpenAPI document at " + location + ": " + response.statusCode() + " "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI document at " + location, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    private static void writeCoverage() {
        if (SEEN.isEmpty()) {
            return;
        }
        Set<String> missed = new TreeSet<>(DOCUMENTED);
        missed.removeAll(SEEN);
        Set<String> operations = SEEN.stream().map(s -> s.substring(0, s.lastIndexOf(' ')))
                .collect(Collectors.toCollection(TreeSet::new));
        StringBuilder text = new StringBuilder("Answers validated against the OpenAPI document (operation, status): "
                + SEEN.size() + " of " + DOCUMENTED.size() + " documented, in " + operations.size()
                + " operations\n");
        new TreeSet<>(SEEN).forEach(line -> text.append("  ").append(line).append('\n'));
        text.append("Documented answers no test saw:\n");
        missed.forEach(line -> text.append("  ").append(line).append('\n'));
        try {
            Path file = Path.of(System.getProperty("clockwork.it.coverage.dir", "target"), "openapi-coverage-"
                    + System.getProperty("arquillian.launch", "payara") + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            System.err.println("Could not write the OpenAPI coverage: " + e);
        }
    }
}
