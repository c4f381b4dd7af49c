package dev.clockwork.rest;

import dev.clockwork.api.SchedulerException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Bad input is 400, an unknown task 404, a conflict (duplicate name, wrong state) 409; never a 500. */
@Provider
public class SchedulerExceptionMapper implements ExceptionMapper<SchedulerException> {

    @Override
    public Response toResponse(SchedulerException e) {
        Response.Status status = switch (e.reason()) {
            case INVALID -> Response.Status.BAD_REQUEST;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case CONFLICT -> Response.Status.CONFLICT;
        };
        return Problem.response(status, e.getMessage(), e.field().orElse(null));
    }
}
