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
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One mechanism for both doors. The API authenticates every request from its {@code Authorization: Basic} header
 * alone and never looks at cookies or sessions, so a page on another site cannot use a browser's login to it
 * (CSRF). The console logs in through its form ({@code SecurityContext.authenticate}) and keeps the login in its
 * session ({@link ConsoleSessions}); unauthenticated visitors are sent to the login page. Unprotected resources
 * (the login page, health) are never challenged, whatever credentials come with them. Both check credentials
 * through {@link Logins} (throttling, audit); a user who must change the password is kept to the password page in
 * the console and refused by the API. The metrics are open in
 * web.xml but ask for credentials like the API unless {@code clockwork.metrics.public=true} ({@link MetricsAccess}).
 */
@ApplicationScoped
public class ClockworkAuthentication implements HttpAuthenticationMechanism {

    private static final String API = "/api/";
    private static final String METRICS = "/api/metrics";
    private static final String PASSWORD_PAGE = "/password.xhtml";
    /** The request attribute that tells the login page how many seconds a throttled login must wait. */
    public static final String RETRY_AFTER = "clockwork.login.retryAfter";

    @Inject
    Logins logins;
    @Inject
    ConsoleSessions sessions;
    @Inject
    MetricsAccess metricsAccess;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Credential given = context.getAuthParameters().getCredential();
        if (given instanceof UsernamePasswordCredential form) {
            return formLogin(logins.attempt(form.getCaller(), form.getPassword().getValue(), request.getRemoteAddr(),
                    Logins.Channel.CONSOLE), request, response, context);
        }
        if (!context.isProtected() && !metricsNeedLogin(request)) {
            return context.doNothing();
        }
        return isApi(request) ? api(request, response, context) : console(request, response, context);
    }

    private AuthenticationStatus formLogin(LoginResult result, HttpServletRequest request,
                                           HttpServletResponse response, HttpMessageContext context) {
        if (!result.isValid()) {
            if (result.status() == LoginResult.Status.THROTTLED) {
                request.setAttribute(RETRY_AFTER, result.retryAfterSeconds());
            }
            return AuthenticationStatus.SEND_FAILURE;
        }
        UserRow user = result.user().orElseThrow();
        sessions.start(request, response, user.username());
        return context.notifyContainerAboutLogin(user.username(), user.roles());
    }

    private AuthenticationStatus api(HttpServletRequest request, HttpServletResponse response,
                                     HttpMessageContext context) {
        Optional<UsernamePasswordCredential> basic = BasicCredentials.parse(request.getHeader("Authorization"));
        if (basic.isEmpty()) {
            return ApiChallenge.send(response);
        }
        LoginResult result = logins.attempt(basic.get().getCaller(), basic.get().getPassword().getValue(),
                request.getRemoteAddr(), Logins.Channel.API);
        if (result.status() == LoginResult.Status.THROTTLED) {
            return ApiChallenge.throttled(response, result.retryAfterSeconds());
        }
        if (!result.isValid()) {
            return ApiChallenge.send(response);
        }
        UserRow user = result.user().orElseThrow();
        if (user.mustChangePassword() && !changesOwnPassword(request, user.username())) {
            return ApiChallenge.mustChangePassword(response, user.username());
        }
        return context.notifyContainerAboutLogin(user.username(), user.roles());
    }

    private AuthenticationStatus console(HttpServletRequest request, HttpServletResponse response,
                                         HttpMessageContext context) {
        Optional<UserRow> user = sessions.resume(request);
        if (user.isEmpty()) {
            return LoginRedirect.send(request, response);
        }
        if (user.get().mustChangePassword() && !request.getRequestURI().equals(request.getContextPath()
                + PASSWORD_PAGE)) {
            return LoginRedirect.sendTo(request, response, request.getContextPath() + PASSWORD_PAGE + "?required=true");
        }
        return context.notifyContainerAboutLogin(user.get().username(), user.get().roles());
    }

    /**
     * The exact URI only: a variant the servlet mapping also sends to the metrics (a path parameter, say) gets no
     * login here, and MetricsResource then refuses it for want of the viewer role.
     */
    private boolean metricsNeedLogin(HttpServletRequest request) {
        return metricsAccess == MetricsAccess.VIEWERS
                && request.getRequestURI().equals(request.getContextPath() + METRICS);
    }

    /** {@code PUT /api/users/{own name}}: the one API call a user who must change the password may make. */
    private static boolean changesOwnPassword(HttpServletRequest request, String username) {
        return "PUT".equals(request.getMethod()) && request.getRequestURI().equals(request.getContextPath() + API
                + "users/" + URLEncoder.encode(username, StandardCharsets.UTF_8));
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + API);
    }
}
