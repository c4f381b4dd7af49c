package dev.clockwork.security;

import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Optional;

/**
 * Sends the session cookie of a new console login itself, after the container's: HttpOnly, with the SameSite of
 * {@link SessionCookiePolicy}, and Secure when the login came over HTTPS. Payara leaves SameSite out of its own
 * session cookie, WildFly leaves out Secure on HTTPS; a browser keeps the last cookie of a name, so this one
 * counts. It carries the session id that holds the login (the id changes at login), whatever the cookie of the
 * anonymous session before it said.
 */
final class LoginCookie {

    private static final String DEFAULT_NAME = "JSESSIONID";
    private static final String SAME_SITE = "SameSite";

    private LoginCookie() {
    }

    static void send(HttpServletRequest request, HttpServletResponse response) {
        SessionCookieConfig config = request.getServletContext().getSessionCookieConfig();
        String name = nameOf(config);
        String suffix = containerSuffix(request.getRequestedSessionId(), Optional.ofNullable(request.getCookies())
                .map(cookies -> Arrays.stream(cookies).filter(c -> c.getName().equals(name)).map(Cookie::getValue)
                        .toArray(String[]::new)).orElse(new String[0]));
        response.addCookie(cookie(config, request.getContextPath(), request.getSession().getId() + suffix,
                request.isSecure()));
    }

    /** The session cookie as the application configures it, HttpOnly, and Secure when {@code secure}. */
    static Cookie cookie(SessionCookieConfig config, String contextPath, String value, boolean secure) {
        Cookie cookie = new Cookie(nameOf(config), value);
        cookie.setPath(config.getPath() != null ? config.getPath() : contextPath.isEmpty() ? "/" : contextPath);
        if (config.getDomain() != null) {
            cookie.setDomain(config.getDomain());
        }
        cookie.setMaxAge(config.getMaxAge());
        cookie.setHttpOnly(true);
        cookie.setSecure(secure || config.isSecure());
        if (config.getAttribute(SAME_SITE) != null) {
            cookie.setAttribute(SAME_SITE, config.getAttribute(SAME_SITE));
        }
        return cookie;
    }

    /**
     * What the container appends to the session id in its cookie: WildFly adds its node's route ({@code .node1})
     * for sticky load balancers and hands the application the id without it. Empty when it adds nothing.
     */
    static String containerSuffix(String requestedId, String... cookieValues) {
        if (requestedId == null) {
            return "";
        }
        return Arrays.stream(cookieValues).filter(v -> v.startsWith(requestedId) && v.length() > requestedId.length())
                .map(v -> v.substring(requestedId.length())).filter(s -> s.startsWith(".")).findFirst().orElse("");
    }

    private static String nameOf(SessionCookieConfig config) {
        return config.getName() == null ? DEFAULT_NAME : config.getName();
    }
}
