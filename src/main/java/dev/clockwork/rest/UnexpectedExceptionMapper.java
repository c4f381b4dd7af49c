package dev.clockwork.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A failure of ours: logged with an id the caller sees, so the two can be matched; no internals leak out. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<RuntimeException> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(RuntimeException e) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Request failed, incident " + incident, e);
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR,
                "Clockwork failed to handle the request (incident " + incident + "); the server log has details.",
                null);
    }
}
