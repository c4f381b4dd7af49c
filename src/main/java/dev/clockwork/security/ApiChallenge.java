package dev.clockwork.security;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The API's answer to a request without valid credentials: 401 with a Basic challenge and a problem body. */
final class ApiChallenge {

    private ApiChallenge() {
    }

    static AuthenticationStatus send(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"clockwork\", charset=\"UTF-8\"");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        try {
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"Send the HTTP Basic credentials of a Clockwork user in the Authorization header;"
                    + " the API ignores cookies.\"}");
            // Completed now: WildFly would otherwise send its own HTML error page in place of the body.
            response.getWriter().close();
        } catch (IOException e) {
            throw new IllegalStateException("Could not write the 401 response", e);
        }
        // The challenge is sent; after SEND_FAILURE WildFly would try to send an error page on top of it.
        return AuthenticationStatus.SEND_CONTINUE;
    }
}
