package dev.clockwork.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail. Public fields so JSON-B writes them as they are; {@code field} names the offending
 * input field and is left out when there is none.
 */
public class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType TYPE = MediaType.valueOf(MEDIA_TYPE);

    public String type = "about:blank";
    public String title;
    public int status;
    public String detail;
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
