package dev.clockwork.rest;

import dev.clockwork.engine.NodeIdentity;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.oas.models.OpenAPI;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /openapi.json} and {@code /openapi.yaml}: the API's OpenAPI 3.1 document, open without login (web.xml),
 * as JSON and YAML written by swagger-core from one model. Its server is this API's path as the request reached it,
 * so the document fits whatever context root the WAR was deployed under.
 */
@Path("")
@ApplicationScoped
public class OpenApiResource {

    static final String YAML = "application/yaml";

    @Inject
    NodeIdentity node;

    private final Map<String, Texts> byServerPath = new ConcurrentHashMap<>();

    /** Both forms of one document, written once. */
    private record Texts(String json, String yaml) {
        static Texts of(OpenAPI document) {
            return new Texts(Json31.pretty(document), Yaml31.pretty(document));
        }
    }

    @GET
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public String json(@Context UriInfo uri) {
        return texts(uri).json();
    }

    @GET
    @Path("openapi.yaml")
    @Produces(YAML)
    public String yaml(@Context UriInfo uri) {
        return texts(uri).yaml();
    }

    private Texts texts(UriInfo uri) {
        String serverPath = uri.getBaseUri().getRawPath().replaceAll("/$", "");
        return byServerPath.computeIfAbsent(serverPath, path -> Texts.of(OpenApiDocument.build(path,
                node.clockworkVersion())));
    }
}
