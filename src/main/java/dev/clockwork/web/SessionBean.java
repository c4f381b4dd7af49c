package dev.clockwork.web;

import dev.clockwork.security.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/** The logged-in user, their roles for showing or hiding controls, and logout. */
@Named("account")
@RequestScoped
public class SessionBean {

    @Inject
    FacesContext faces;

    public String getUsername() {
        return faces.getExternalContext().getRemoteUser();
    }

    public boolean isOperator() {
        return faces.getExternalContext().isUserInRole(Roles.OPERATOR);
    }

    public boolean isAdmin() {
        return faces.getExternalContext().isUserInRole(Roles.ADMIN);
    }

    public void logout() throws IOException, ServletException {
        ExternalContext external = faces.getExternalContext();
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/login.xhtml");
        faces.responseComplete();
    }
}
