package dev.clockwork.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Errors JAX-RS itself raises (unknown path, wrong method, unreadable body) as problem details; one that already
 * carries a problem ({@link StrictJsonBodies}) is answered as it is.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        if (e.getResponse().getEntity() instanceof Problem) {
            return e.getResponse();
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() == 400) {
            return UnreadableBodyMapper.unreadable(e, rootMessage(e));
        }
        return Problem.response(status, e.getMessage(), null);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
