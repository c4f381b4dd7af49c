package dev.clockwork.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Browser hardening on every answer: no MIME sniffing, no framing by other sites (clickjacking), no full URLs in
 * the Referer sent to other sites, and no caching of pages and API answers, which hold data behind a login (static
 * resources may be cached). The Content-Security-Policy runs no inline script and no eval: scripts come from the
 * application itself, and on console pages also the inline scripts PrimeFaces marks with the page's nonce
 * ({@code primefaces.CSP} in web.xml moves every inline handler into such a script). Style sheets and style
 * elements come from the application alone; only {@code style} attributes, which PrimeFaces writes and which run no
 * code, are allowed inline. PrimeFaces adds its own header
 * with that nonce; this filter keeps one policy, {@link #POLICY} plus the nonce (docs/decisions/037).
 */
@WebFilter("/*")
public class SecurityHeaders extends HttpFilter {

    static final String CSP = "Content-Security-Policy";
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; object-src 'none';"
            + " base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    private static final Pattern NONCE = Pattern.compile("'nonce-([A-Za-z0-9+/=_-]+)'");
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader(CSP, POLICY);
        if (!isStaticResource(request)) {
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, new NoncePolicy(response));
    }

    /** The policy allowing scripts that carry {@code nonce}. */
    static String withNonce(String nonce) {
        return POLICY.replace("script-src 'self'", "script-src 'self' 'nonce-" + nonce + "'");
    }

    private static boolean isStaticResource(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/jakarta.faces.resource/") || path.startsWith("/resources/");
    }

    /**
     * Turns PrimeFaces' Content-Security-Policy header (its default policy and the page's nonce) into ours with that
     * nonce, replacing the one set above: two policies would both apply, and ours alone would refuse the nonce.
     */
    private static final class NoncePolicy extends HttpServletResponseWrapper {

        NoncePolicy(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void addHeader(String name, String value) {
            if (CSP.equalsIgnoreCase(name)) {
                setHeader(name, value);
            } else {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (CSP.equalsIgnoreCase(name) && value != null) {
                Matcher nonce = NONCE.matcher(value);
                super.setHeader(CSP, nonce.find() ? withNonce(nonce.group(1)) : POLICY);
            } else {
                super.setHeader(name, value);
            }
        }
    }
}
