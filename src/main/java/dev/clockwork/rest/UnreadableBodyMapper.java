package dev.clockwork.rest;

import dev.clockwork.security.Excerpt;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request body that is not JSON, or does not fit the endpoint's fields, is the caller's mistake: 400. JAX-RS
 * reports it as a {@link ProcessingException} wrapping the JSON-B error.
 */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {

    /** The most of a reader's message an error quotes. */
    static final int MOST_QUOTED = 300;

    @Override
    public Response toResponse(ProcessingException e) {
        // The JSON-B error right under JAX-RS's wrapper names the property ("Unable to deserialize property
        // 'priority' ..."); the causes further down only repeat the parser's part of it.
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return unreadable(e, cause.getMessage());
    }

    /**
     * 413 when reading stopped at the body limit ({@link BodySizeLimit}), else 400 with the reader's message cut
     * short: a parser may quote the value it choked on, which can be as long as the body.
     */
    static Response unreadable(Throwable e, String message) {
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof BodySizeLimit.TooLarge) {
                return Problem.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, cause.getMessage(), null);
            }
        }
        return Problem.response(Response.Status.BAD_REQUEST, "The request body is not valid JSON for this endpoint: "
                + Excerpt.of(String.valueOf(message), MOST_QUOTED), null);
    }
}
