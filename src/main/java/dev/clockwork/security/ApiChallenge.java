package dev.clockwork.security;

import jakarta.json.Json;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The API's answer to a request without valid credentials: 401 with a Basic challenge and a problem body. */
final class ApiChallenge {

    private ApiChallenge() {
    }

    static AuthenticationStatus send(HttpServletResponse response) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"clockwork\", charset=\"UTF-8\"");
        writeProblem(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", "Send the HTTP Basic"
                + " credentials of a Clockwork user in the Authorization header; the API ignores cookies.");
        // The challenge is sent; after SEND_FAILURE WildFly would try to send an error page on top of it.
        return AuthenticationStatus.SEND_CONTINUE;
    }

    /** Writes and completes an RFC 9457 problem answer outside JAX-RS (the security layer answers first). */
    static void writeProblem(HttpServletResponse response, int status, String title, String detail) {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        try {
            response.getWriter().write(Json.createObjectBuilder().add("type", "about:blank").add("title", title)
                    .add("status", status).add("detail", detail).build().toString());
            // Completed now: WildFly would otherwise send its own HTML error page in place of the body.
            response.getWriter().close();
        } catch (IOException e) {
            throw new IllegalStateException("Could not write the " + status + " response", e);
        }
    }
}
