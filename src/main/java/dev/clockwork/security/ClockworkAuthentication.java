package dev.clockwork.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One mechanism for both doors: the API takes HTTP Basic credentials and answers 401 without them; the console
 * sends unauthenticated visitors to its login page, whose form hands the credentials over through
 * {@code SecurityContext.authenticate}. A successful login is kept in the HTTP session.
 */
@ApplicationScoped
@AutoApplySession
public class ClockworkAuthentication implements HttpAuthenticationMechanism {

    static final String LOGIN_PAGE = "/login.xhtml";
    private static final String API = "/api/";

    @Inject
    IdentityStoreHandler identities;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Credential given = context.getAuthParameters().getCredential();
        if (given != null) {
            return login(identities.validate(given), context);
        }
        Optional<UsernamePasswordCredential> basic = BasicCredentials.parse(request.getHeader("Authorization"));
        if (basic.isPresent()) {
            CredentialValidationResult result = identities.validate(basic.get());
            return result.getStatus() == CredentialValidationResult.Status.VALID
                    ? context.notifyContainerAboutLogin(result) : unauthorized(request, response);
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return isApi(request) ? unauthorized(request, response) : toLoginPage(request, context);
    }

    private static AuthenticationStatus login(CredentialValidationResult result, HttpMessageContext context) {
        return result.getStatus() == CredentialValidationResult.Status.VALID
                ? context.notifyContainerAboutLogin(result) : AuthenticationStatus.SEND_FAILURE;
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + API);
    }

    private static AuthenticationStatus unauthorized(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"clockwork\", charset=\"UTF-8\"");
        if (isApi(request)) {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            try {
                response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"detail\":\"Log in with HTTP Basic credentials of a Clockwork user.\"}");
                // Completed now: WildFly would otherwise send its own HTML error page in place of the body.
                response.getWriter().close();
            } catch (IOException e) {
                throw new IllegalStateException("Could not write the 401 response", e);
            }
        }
        // The challenge is sent; after SEND_FAILURE WildFly would try to send an error page on top of it.
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private static AuthenticationStatus toLoginPage(HttpServletRequest request, HttpMessageContext context) {
        String target = request.getRequestURI().substring(request.getContextPath().length());
        if (request.getQueryString() != null) {
            target += "?" + request.getQueryString();
        }
        return context.redirect(request.getContextPath() + LOGIN_PAGE + "?next="
                + URLEncoder.encode(target, StandardCharsets.UTF_8));
    }
}
