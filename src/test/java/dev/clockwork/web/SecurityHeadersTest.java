package dev.clockwork.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    private final Map<String, List<String>> headers = new LinkedHashMap<>();

    @Test
    void a_page_should_get_one_policy_with_the_nonce_primefaces_gives_it() throws Exception {
        run((request, response) -> ((HttpServletResponse) response).addHeader("Content-Security-Policy",
                "script-src 'self' 'nonce-NTcx-abc='"));

        assertThat(headers.get("Content-Security-Policy")).containsExactly(SecurityHeaders.POLICY
                .replace("script-src 'self'", "script-src 'self' 'nonce-NTcx-abc='"));
        assertThat(headers.get("Content-Security-Policy").get(0)).doesNotContain("unsafe-eval")
                .doesNotContain("script-src 'self' 'unsafe-inline'");
    }

    @Test
    void any_other_answer_should_get_the_policy_without_a_nonce() throws Exception {
        run((request, response) -> ((HttpServletResponse) response).setHeader("X-Other", "kept"));

        assertThat(headers.get("Content-Security-Policy")).containsExactly(SecurityHeaders.POLICY);
        assertThat(headers.get("X-Other")).containsExactly("kept");
        assertThat(SecurityHeaders.POLICY).contains("script-src 'self';", "style-src 'self';", "frame-ancestors 'none'")
                .as("inline styles only as attributes").doesNotContain("style-src 'self' 'unsafe-inline'");
    }

    private void run(FilterChain chain) throws Exception {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestURI" -> "/clockwork/tasks.xhtml";
                    case "getContextPath" -> "/clockwork";
                    default -> null;
                });
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setHeader" -> headers.put((String) args[0], new ArrayList<>(List.of((String) args[1])));
                        case "addHeader" -> headers.computeIfAbsent((String) args[0], k -> new ArrayList<>())
                                .add((String) args[1]);
                        default -> {
                            return null;
                        }
                    }
                    return null;
                });
        new SecurityHeaders().doFilter(request, response, chain);
    }
}
