package dev.clockwork.security;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * Sets the session cookie's SameSite attribute when the application starts. web.xml's Servlet 6.0
 * {@code <cookie-config><attribute>} would say the same, but neither Payara 6 nor WildFly 39 reads it. WildFly then
 * sends it with every session cookie; Payara only reports it, and {@link LoginCookie} sends it at login.
 */
@WebListener
public class SessionCookiePolicy implements ServletContextListener {

    /** Lax, not Strict: see the comment on session-config in web.xml. */
    static final String SAME_SITE = "Lax";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig config = event.getServletContext().getSessionCookieConfig();
        config.setHttpOnly(true);
        config.setAttribute("SameSite", SAME_SITE);
    }
}
