package dev.clockwork.rest;

import dev.clockwork.engine.Jsonp;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The answer to errors the server raises before Clockwork's code sees the request (web.xml error pages): a security
 * constraint's 403 (a method the API does not allow, such as OPTIONS or TRACE, or too small a role), a request the
 * container cannot map. Under {@code /api/} a problem+json body, as every other API error; elsewhere a short page.
 * Neither quotes the request, and neither names the server or its version.
 */
@WebServlet(ErrorPage.PATH)
public class ErrorPage extends HttpServlet {

    static final String PATH = "/clockwork-error";
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer c ? c : HttpServletResponse.SC_NOT_FOUND;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String title = title(status);
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        if (uri instanceof String path && path.startsWith(request.getContextPath() + "/api/")) {
            response.setContentType(Problem.MEDIA_TYPE);
            response.getWriter().write(Jsonp.object().add("type", "about:blank").add("title", title)
                    .add("status", status).add("detail", detail(status)).build().toString());
        } else {
            response.setContentType("text/html");
            response.getWriter().write("<!DOCTYPE html><html><head><title>" + status + " " + title
                    + "</title></head><body><h1>" + status + " " + title + "</h1><p>" + detail(status)
                    + "</p><p><a href=\"" + request.getContextPath() + "/\">Clockwork</a></p></body></html>");
        }
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }

    private static String detail(int status) {
        return switch (status) {
            case 403 -> "Your role does not allow this request, or the method is not one the API accepts"
                    + " (GET, HEAD, POST, PUT, DELETE).";
            case 404 -> "There is nothing at this address. The API's paths are listed in the README.";
            case 405 -> "This address does not take that method.";
            case 413 -> "The request body is larger than the 1 MiB the API accepts.";
            case 400 -> "The server could not read the request.";
            default -> status >= 500 ? "The server failed to handle the request; its log has details."
                    : "The request was refused.";
        };
    }
}
