package dev.clockwork.security;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Sends a console visitor without a login to the login page, with where they were going ({@code next}) and, when
 * their browser's session has ended (timed out, logged out, password changed), {@code ended=true} so the page can
 * say why.
 */
final class LoginRedirect {

    static final String LOGIN_PAGE = "/login.xhtml";

    private LoginRedirect() {
    }

    static AuthenticationStatus send(HttpServletRequest request, HttpServletResponse response) {
        return sendTo(request, response, request.getContextPath() + LOGIN_PAGE + "?next="
                + URLEncoder.encode(target(request), StandardCharsets.UTF_8)
                + (sessionEnded(request) ? "&ended=true" : ""));
    }

    /** Sends the browser to {@code url}, a page of this application, also from an Ajax request. */
    static AuthenticationStatus sendTo(HttpServletRequest request, HttpServletResponse response, String url) {
        try {
            if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
                // An Ajax request would follow a 302 in the background and show nothing: Faces' own redirect.
                response.setContentType("text/xml");
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response>"
                        + "<redirect url=\"" + url.replace("&", "&amp;") + "\"/></partial-response>");
                response.getWriter().close();
            } else {
                response.sendRedirect(url);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not send the redirect to the login page", e);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private static String target(HttpServletRequest request) {
        String target = request.getRequestURI().substring(request.getContextPath().length());
        return request.getQueryString() == null ? target : target + "?" + request.getQueryString();
    }

    private static boolean sessionEnded(HttpServletRequest request) {
        return request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
    }
}
