package dev.clockwork.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.Cookie;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoginCookieTest {

    @Test
    void cookie_should_be_http_only_same_site_and_secure_when_the_login_came_over_https() {
        Cookie cookie = LoginCookie.cookie(new Config(), "/clockwork", "abc", true);

        assertThat(cookie.getName()).isEqualTo("JSESSIONID");
        assertThat(cookie.getValue()).isEqualTo("abc");
        assertThat(cookie.getPath()).isEqualTo("/clockwork");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSecure()).isTrue();
        assertThat(cookie.getAttribute("SameSite")).isEqualTo("Lax");
        assertThat(cookie.getMaxAge()).isEqualTo(-1);
    }

    @Test
    void cookie_should_not_be_secure_when_the_login_came_over_plain_http() {
        assertThat(LoginCookie.cookie(new Config(), "/clockwork", "abc", false).getSecure()).isFalse();
    }

    @Test
    void cookie_should_take_the_configured_name_and_path_and_the_root_for_the_root_context() {
        Config config = new Config();
        assertThat(LoginCookie.cookie(config, "", "abc", false).getPath()).isEqualTo("/");
        config.setName("CW");
        config.setPath("/x");
        Cookie cookie = LoginCookie.cookie(config, "/clockwork", "abc", false);
        assertThat(cookie.getName()).isEqualTo("CW");
        assertThat(cookie.getPath()).isEqualTo("/x");
    }

    @Test
    void container_suffix_should_keep_the_route_the_container_appended() {
        assertThat(LoginCookie.containerSuffix("abc", "abc.node1")).isEqualTo(".node1");
    }

    @Test
    void container_suffix_should_be_empty_when_the_cookie_is_the_bare_id_or_there_is_none() {
        assertThat(LoginCookie.containerSuffix("abc", "abc")).isEmpty();
        assertThat(LoginCookie.containerSuffix("abc", "other.node1")).isEmpty();
        assertThat(LoginCookie.containerSuffix("abc", "abcdef")).isEmpty();
        assertThat(LoginCookie.containerSuffix(null, "abc.node1")).isEmpty();
        assertThat(LoginCookie.containerSuffix("abc")).isEmpty();
    }

    /** A session cookie configuration as SessionCookiePolicy leaves it. */
    private static final class Config implements SessionCookieConfig {
        private final Map<String, String> attributes = new HashMap<>(Map.of("SameSite", "Lax"));
        private String name;
        private String path;

        @Override public void setName(String name) { this.name = name; }
        @Override public String getName() { return name; }
        @Override public void setDomain(String domain) { }
        @Override public String getDomain() { return null; }
        @Override public void setPath(String path) { this.path = path; }
        @Override public String getPath() { return path; }
        @Override @SuppressWarnings("deprecation") public void setComment(String comment) { }
        @Override @SuppressWarnings("deprecation") public String getComment() { return null; }
        @Override public void setHttpOnly(boolean httpOnly) { }
        @Override public boolean isHttpOnly() { return true; }
        @Override public void setSecure(boolean secure) { }
        @Override public boolean isSecure() { return false; }
        @Override public void setMaxAge(int maxAge) { }
        @Override public int getMaxAge() { return -1; }
        @Override public void setAttribute(String name, String value) { attributes.put(name, value); }
        @Override public String getAttribute(String name) { return attributes.get(name); }
        @Override public Map<String, String> getAttributes() { return Map.copyOf(attributes); }
    }
}
