package dev.clockwork.rest;

import dev.clockwork.api.SchedulerException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Puts every JSON body bound to one of the API's request classes through {@link StrictJson} before JSON-B binds
 * it, so that a wrong type, a duplicate key or bad UTF-8 is a 400 naming the field rather than a silent coercion.
 */
@Provider
public class StrictJsonBodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                || !context.getType().getPackageName().equals(StrictJsonBodies.class.getPackageName())) {
            return context.proceed();
        }
        byte[] body;
        try {
            body = context.getInputStream().readAllBytes();
        } catch (BodySizeLimit.TooLarge e) {
            throw new WebApplicationException(e, Problem.response(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    e.getMessage(), null));
        }
        String json;
        try {
            json = StrictJson.read(body, context.getType());
        } catch (SchedulerException e) {
            throw new WebApplicationException(e, new SchedulerExceptionMapper().toResponse(e));
        }
        context.setInputStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        context.setMediaType(type.withCharset(StandardCharsets.UTF_8.name()));
        return context.proceed();
    }
}
