package dev.clockwork.security;

import dev.clockwork.engine.rules.MetricsAccess;
import dev.clockwork.store.UserRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * One mechanism for both doors. The API authenticates every request from its {@code Authorization: Basic} header
 * alone and never looks at cookies or sessions, so a page on another site cannot use a browser's login to it
 * (CSRF). The console logs in through its form ({@code SecurityContext.authenticate}) and keeps the login in its
 * session ({@link ConsoleSessions}); unauthenticated visitors are sent to the login page. Unprotected resources
 * (the login page, health) are never challenged, whatever credentials come with them. The metrics are open in
 * web.xml but ask for credentials like the API unless {@code clockwork.metrics.public=true} ({@link MetricsAccess}).
 */
@ApplicationScoped
public class ClockworkAuthentication implements HttpAuthenticationMechanism {

    private static final String API = "/api/";
    private static final String METRICS = "/api/metrics";

    @Inject
    IdentityStoreHandler identities;
    @Inject
    ConsoleSessions sessions;
    @Inject
    MetricsAccess metricsAccess;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Credential given = context.getAuthParameters().getCredential();
        if (given != null) {
            return formLogin(identities.validate(given), request, response, context);
        }
        if (!context.isProtected() && !metricsNeedLogin(request)) {
            return context.doNothing();
        }
        return isApi(request) ? api(request, response, context) : console(request, response, context);
    }

    private AuthenticationStatus formLogin(CredentialValidationResult result, HttpServletRequest request,
                                           HttpServletResponse response, HttpMessageContext context) {
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        sessions.start(request, response, result.getCallerPrincipal().getName());
        return context.notifyContainerAboutLogin(result);
    }

    private AuthenticationStatus api(HttpServletRequest request, HttpServletResponse response,
                                     HttpMessageContext context) {
        Optional<UsernamePasswordCredential> basic = BasicCredentials.parse(request.getHeader("Authorization"));
        if (basic.isPresent()) {
            CredentialValidationResult result = identities.validate(basic.get());
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
        }
        return ApiChallenge.send(response);
    }

    private AuthenticationStatus console(HttpServletRequest request, HttpServletResponse response,
                                         HttpMessageContext context) {
        Optional<UserRow> user = sessions.resume(request);
        if (user.isPresent()) {
            return context.notifyContainerAboutLogin(user.get().username(), user.get().roles());
        }
        return LoginRedirect.send(request, response);
    }

    /**
     * The exact URI only: a variant the servlet mapping also sends to the metrics (a path parameter, say) gets no
     * login here, and MetricsResource then refuses it for want of the viewer role.
     */
    private boolean metricsNeedLogin(HttpServletRequest request) {
        return metricsAccess == MetricsAccess.VIEWERS
                && request.getRequestURI().equals(request.getContextPath() + METRICS);
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + API);
    }
}
