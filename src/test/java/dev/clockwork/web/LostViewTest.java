package dev.clockwork.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.servlet.ServletException;
import org.primefaces.csp.CspException;
import org.junit.jupiter.api.Test;

class LostViewTest {

    @Test
    void lost_view_should_be_recognised_when_the_view_expired() {
        assertThat(LostView.is(new ViewExpiredException("gone", "/index.xhtml"), false)).isTrue();
    }

    @Test
    void lost_view_should_be_recognised_when_wrapped_as_a_server_would() {
        assertThat(LostView.is(new ServletException(new FacesException(
                new ViewExpiredException("gone", "/index.xhtml"))), false)).isTrue();
    }

    @Test
    void lost_view_should_be_recognised_when_restoring_a_forged_state_failed_otherwise() {
        assertThat(LostView.is(new FacesException("Unable to restore view /login.xhtml"), true)).isTrue();
    }

    @Test
    void lost_view_should_be_recognised_when_the_form_came_without_its_page_nonce() {
        assertThat(LostView.is(new FacesException(new CspException("CSP nonce mismatch")), false)).isTrue();
    }

    @Test
    void lost_view_should_not_hide_other_errors() {
        assertThat(LostView.is(new FacesException(new IllegalStateException("a bug")), false)).isFalse();
    }
}
