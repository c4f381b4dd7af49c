package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The console as one browser sees it: a cookie jar of its own, redirects left to the test, forms sent as a page
 * would send them, HTTP/1.1 (as {@link Api}).
 */
final class Browser {

    static final String SESSION_COOKIE = "JSESSIONID";
    private static final Pattern VIEW_STATE = Pattern.compile(
            "name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern NONCE = Pattern.compile("PrimeFaces\\.csp\\.init\\('([^']+)'\\)");
    /** The field PrimeFaces' script adds to every form it sends: the nonce of the page the form is on. */
    static final String NONCE_FIELD = "primefaces.nonce";

    private final URI root;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    /** The nonce of each page this browser received, by the view state of its form. */
    private final Map<String, String> nonces = new ConcurrentHashMap<>();

    Browser(URI root) {
        this(root, HttpClient.newBuilder());
    }

    private Browser(URI root, HttpClient.Builder http) {
        this.root = root;
        this.http = http.cookieHandler(cookies).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A browser for a test server's HTTPS port, whose certificate is self-signed (for another host name, too). */
    static Browser overHttps(URI root) throws GeneralSecurityException {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new TrustAnyServer()}, null);
        return new Browser(root, HttpClient.newBuilder().sslContext(tls));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(root.resolve(path)).GET());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String nonce = nonces.get(form.getOrDefault("jakarta.faces.ViewState", ""));
        if (nonce != null && !form.containsKey(NONCE_FIELD)) {
            form = new LinkedHashMap<>(form);
            form.put(NONCE_FIELD, nonce);
        }
        String body = form.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(root.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Any request, with this browser's cookies. */
    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Matcher viewState = VIEW_STATE.matcher(response.body());
        Matcher nonce = NONCE.matcher(response.body());
        if (viewState.find() && nonce.find()) {
            nonces.put(viewState.group(1).replace("&#58;", ":"), nonce.group(1));
        }
        return response;
    }

    /** Logs in through the login page's form; a 302 when the login succeeded. */
    HttpResponse<String> logIn(String username, String password) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:username", username);
        form.put("login:password", password);
        form.put("login:submit", "");
        form.put("jakarta.faces.ViewState", viewState(get("login.xhtml")));
        return post("login.xhtml", form);
    }

    HttpResponse<String> follow(HttpResponse<String> redirect) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(location(redirect)).GET());
    }

    /** The session id this browser holds. */
    Optional<String> sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(SESSION_COOKIE))
                .map(HttpCookie::getValue).findFirst();
    }

    /** Makes this browser hold {@code sessionId}, as one would that kept a cookie after its session ended. */
    void holdSession(String sessionId) {
        HttpCookie cookie = new HttpCookie(SESSION_COOKIE, sessionId);
        cookie.setPath(root.getPath().replaceAll("/$", ""));
        cookie.setVersion(0);
        cookies.getCookieStore().add(root, cookie);
    }

    /** Where a redirect goes, resolved against the request (servers answer absolute or relative locations). */
    static URI location(HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).as("a redirect from " + redirect.uri()).isIn(302, 303);
        return redirect.uri().resolve(redirect.headers().firstValue("Location").orElseThrow());
    }

    /** The last session cookie a response sets: the one a browser keeps. */
    static String lastSessionCookie(HttpResponse<String> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(SESSION_COOKIE + "=")).toList();
        assertThat(cookies).as("the session cookies set by " + response.uri()).isNotEmpty();
        return cookies.get(cookies.size() - 1);
    }

    /** Trusts any server certificate; an extended manager, so the host name is not checked either. */
    private static final class TrustAnyServer extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String auth, Socket socket) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String auth, Socket socket) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String auth, SSLEngine engine) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String auth, SSLEngine engine) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String auth) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String auth) { }
        @Override public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** The view state of the (first) form on a page. */
    static String viewState(HttpResponse<String> page) {
        Matcher viewState = VIEW_STATE.matcher(page.body());
        assertThat(viewState.find()).as("the view state of the form on " + page.uri()).isTrue();
        return viewState.group(1).replace("&#58;", ":");
    }
}
