package dev.clockwork.rest;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail. Public fields so JSON-B writes them as they are; {@code field} names the offending
 * input field and is left out when there is none.
 */
@Schema(name = "Problem", description = "An RFC 9457 problem detail (application/problem+json).")
public class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType TYPE = MediaType.valueOf(MEDIA_TYPE);

    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "about:blank")
    public String type = "about:blank";
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Bad Request")
    public String title;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "400")
    public int status;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "What went wrong and how to fix it.")
    public String detail;
    @Schema(description = "The input field at fault, when there is one.", example = "trigger")
    public String field;

    public static Response response(Response.StatusType status, String detail, String field) {
        Problem problem = new Problem();
        problem.title = status.getReasonPhrase();
        problem.status = status.getStatusCode();
        problem.detail = detail;
        problem.field = field;
        return Response.status(status.getStatusCode()).type(TYPE).entity(problem).build();
    }
}
