package dev.clockwork.rest;

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

    @Override
    public Response toResponse(ProcessingException e) {
        // The JSON-B error right under JAX-RS's wrapper names the property ("Unable to deserialize property
        // 'priority' ..."); the causes further down only repeat the parser's part of it.
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return Problem.response(Response.Status.BAD_REQUEST, "The request body is not valid JSON for this endpoint: "
                + cause.getMessage(), null);
    }
}
