package dev.clockwork.web;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.security.AccountChange;
import dev.clockwork.security.Roles;
import dev.clockwork.security.UserAccount;
import dev.clockwork.security.Users;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The Users page (admins only, by web.xml): the same operations as {@code /api/users}, through the same
 * {@link Users} service, so the same rules (last admin, password policy) and audit entries apply.
 */
@Named
@ViewScoped
public class UsersBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Users users;
    @Inject
    FacesContext faces;
    @Inject
    transient Notices notices;

    private List<UserAccount> accounts = List.of();
    private String newUsername;
    private String newPassword;
    private String newRole = Roles.VIEWER;
    /** The user being edited, and the form's fields for it. */
    private String selected;
    private String role;
    private boolean enabled;
    private String resetPassword;
    private boolean mustChange;

    /** Reads the users once per page view and after each change. */
    public void load() {
        accounts = users.list();
    }

    public void create() {
        try {
            if (users.create(newUsername, chars(newPassword), Roles.upTo(newRole))) {
                info(notices.text("users.created", newUsername));
                newUsername = null;
                newRole = Roles.VIEWER;
            } else {
                error("newUsername", notices.text("users.taken", newUsername));
            }
        } catch (SchedulerException e) {
            error(e.field().map(f -> "password".equals(f) ? "newPassword" : "newUsername").orElse(null),
                    e.getMessage());
        } finally {
            newPassword = null;
            load();
        }
    }

    public void edit(UserAccount account) {
        selected = account.username();
        role = account.role();
        enabled = account.enabled();
        mustChange = account.mustChangePassword();
        resetPassword = null;
    }

    public void save() {
        try {
            Optional<char[]> password = Optional.ofNullable(resetPassword).filter(p -> !p.isEmpty())
                    .map(String::toCharArray);
            users.update(selected, new AccountChange(Optional.of(role), Optional.of(enabled), password,
                    Optional.of(mustChange)));
            info(notices.text("users.saved", selected));
            selected = null;
        } catch (SchedulerException e) {
            error(e.field().filter("password"::equals).map(f -> "resetPassword").orElse(null), e.getMessage());
        } finally {
            resetPassword = null;
            load();
        }
    }

    public void delete(UserAccount account) {
        try {
            users.delete(account.username());
            info(notices.text("users.deleted", account.username()));
            if (account.username().equals(selected)) {
                selected = null;
            }
        } catch (SchedulerException e) {
            error(null, e.getMessage());
        } finally {
            load();
        }
    }

    public void cancel() {
        selected = null;
        resetPassword = null;
    }

    public List<String> getRoles() {
        return List.of(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN);
    }

    public List<UserAccount> getAccounts() {
        return accounts;
    }

    private void info(String text) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    /** A message next to {@code field} of the page's forms, or for the page when null. */
    private void error(String field, String text) {
        String id = field == null ? null : ("newUsername".equals(field) || "newPassword".equals(field)
                ? "create:" : "edit:") + field;
        faces.addMessage(id, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    private static char[] chars(String text) {
        return text == null ? new char[0] : text.toCharArray();
    }

    public String getNewUsername() {
        return newUsername;
    }

    public void setNewUsername(String newUsername) {
        this.newUsername = newUsername;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getNewRole() {
        return newRole;
    }

    public void setNewRole(String newRole) {
        this.newRole = newRole;
    }

    public String getSelected() {
        return selected;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getResetPassword() {
        return resetPassword;
    }

    public void setResetPassword(String resetPassword) {
        this.resetPassword = resetPassword;
    }

    public boolean isMustChange() {
        return mustChange;
    }

    public void setMustChange(boolean mustChange) {
        this.mustChange = mustChange;
    }
}
