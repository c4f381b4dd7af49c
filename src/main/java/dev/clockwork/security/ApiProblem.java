package dev.clockwork.security;

import dev.clockwork.engine.Jsonp;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The API's answer when authentication itself refuses a request (401 without valid credentials, 429 while
 * throttled, 403 until the password is changed): a problem+json body written and completed here.
 */
final class ApiProblem {

    private ApiProblem() {
    }

    static AuthenticationStatus send(HttpServletResponse response, int status, String title, String detail) {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        try {
            response.getWriter().write(Jsonp.object().add("type", "about:blank").add("title", title)
                    .add("status", status).add("detail", detail).build().toString());
            // Completed now: WildFly would otherwise send its own HTML error page in place of the body.
            response.getWriter().close();
        } catch (IOException e) {
            throw new IllegalStateException("Could not write the " + status + " response", e);
        }
        // The answer is sent; after SEND_FAILURE WildFly would try to send an error page on top of it.
        return AuthenticationStatus.SEND_CONTINUE;
    }
}
