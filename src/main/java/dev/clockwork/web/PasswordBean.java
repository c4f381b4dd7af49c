package dev.clockwork.web;

import dev.clockwork.security.ConsoleSessions;
import dev.clockwork.security.CredentialStamp;
import dev.clockwork.security.UserAccount;
import dev.clockwork.security.Users;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/** Lets the logged-in user change their own password; their other console sessions end, this one stays. */
@Named
@RequestScoped
public class PasswordBean {

    @Inject
    Users users;
    @Inject
    ConsoleSessions sessions;
    @Inject
    FacesContext faces;
    @Inject
    Notices notices;

    private String current;
    private String replacement;
    private String confirmation;
    /** Read once per request: EL asks for it several times. */
    private Boolean required;

    /** Whether the user must change the password before using the console (an admin set it, or it was generated). */
    public boolean isRequired() {
        if (required == null) {
            required = users.find(faces.getExternalContext().getRemoteUser()).map(UserAccount::mustChangePassword)
                    .orElse(false);
        }
        return required;
    }

    public void change() {
        if (!replacement.equals(confirmation)) {
            notices.fieldError("password:confirmation", notices.text("password.differ"));
            return;
        }
        try {
            CredentialStamp stamp = users.changePassword(faces.getExternalContext().getRemoteUser(),
                    current.toCharArray(), replacement.toCharArray());
            sessions.restamp((HttpServletRequest) faces.getExternalContext().getRequest(), stamp);
            required = false;
            notices.info("password.changed");
        } catch (IllegalArgumentException e) {
            notices.error(e.getMessage());
        } finally {
            current = null;
            replacement = null;
            confirmation = null;
        }
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getReplacement() {
        return replacement;
    }

    public void setReplacement(String replacement) {
        this.replacement = replacement;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }
}
