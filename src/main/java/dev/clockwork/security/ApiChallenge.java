package dev.clockwork.security;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletResponse;

/** The API's answer to a request without valid credentials: 401 with a Basic challenge and a problem body. */
final class ApiChallenge {

    private ApiChallenge() {
    }

    static AuthenticationStatus send(HttpServletResponse response) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"clockwork\", charset=\"UTF-8\"");
        return ApiProblem.send(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", "Send the HTTP Basic"
                + " credentials of a Clockwork user in the Authorization header; the API ignores cookies.");
    }

    /** 429 with {@code Retry-After}: too many failed logins for this username or from this address. */
    static AuthenticationStatus throttled(HttpServletResponse response, long seconds) {
        response.setHeader("Retry-After", Long.toString(seconds));
        return ApiProblem.send(response, 429, "Too Many Requests", "Too many failed logins for this username or"
                + " from this address; try again in " + seconds + " s.");
    }

    /** 403 until the user has changed the password an admin set (or the generated first one). */
    static AuthenticationStatus mustChangePassword(HttpServletResponse response, String username) {
        return ApiProblem.send(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "User " + username
                + " must change the password before using the API: log in to the console, which asks for a new"
                + " one, or (an admin) PUT /api/users/" + username + " with a new \"password\".");
    }
}
