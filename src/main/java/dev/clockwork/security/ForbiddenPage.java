package dev.clockwork.security;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * web.xml's error page for 403, which the server answers when a user lacks the role a security constraint names:
 * a problem+json body on the API, like every other API error, instead of the server's own HTML page.
 */
@WebServlet("/forbidden")
public class ForbiddenPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path && path.startsWith(request.getContextPath() + "/api/")) {
            ApiChallenge.writeProblem(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "This user lacks"
                    + " the role this request needs; /api/openapi.json names the role of each operation.");
        } else {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/html");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><title>Forbidden</title></head>"
                    + "<body><p>Your user lacks the role for this page.</p></body></html>");
        }
    }
}
