package dev.clockwork.rest;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.security.Excerpt;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Bad input is 400, an unknown task 404, a conflict (duplicate name, wrong state) 409; never a 500. */
@Provider
public class SchedulerExceptionMapper implements ExceptionMapper<SchedulerException> {

    /** Longer details are cut; the rules' own messages are far shorter. */
    static final int MOST_DETAIL = 1000;

    @Override
    public Response toResponse(SchedulerException e) {
        Response.Status status = switch (e.reason()) {
            case INVALID -> Response.Status.BAD_REQUEST;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case CONFLICT -> Response.Status.CONFLICT;
            case FORBIDDEN -> Response.Status.FORBIDDEN;
        };
        // Cut: a message that quotes a value the caller sent (a 1 MB name) must not echo it back whole.
        return Problem.response(status, Excerpt.of(e.getMessage(), MOST_DETAIL), e.field().orElse(null));
    }
}
