package dev.clockwork.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The console's messages to the user: texts from the resource bundle {@code dev.clockwork.web.messages} (in the
 * request's locale), shown in the page's growl, or under a field when a client id is given.
 */
@RequestScoped
public class Notices {

    static final String BUNDLE = "dev.clockwork.web.messages";

    @Inject
    FacesContext faces;

    /** The bundle's text for {@code key}, with {@code args} put in its {0}, {1}... */
    public String text(String key, Object... args) {
        Locale locale = faces.getViewRoot() == null ? faces.getExternalContext().getRequestLocale()
                : faces.getViewRoot().getLocale();
        String pattern = ResourceBundle.getBundle(BUNDLE, locale).getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    public void info(String key, Object... args) {
        add(null, FacesMessage.SEVERITY_INFO, text(key, args));
    }

    /** An error in the growl; {@code message} is already a sentence for users (e.g. from the Scheduler). */
    public void error(String message) {
        add(null, FacesMessage.SEVERITY_ERROR, message);
    }

    /** An error shown under the field with that client id. */
    public void fieldError(String clientId, String message) {
        add(clientId, FacesMessage.SEVERITY_ERROR, message);
    }

    /** Keeps this request's messages for the page a redirect leads to. */
    public void keepForRedirect() {
        faces.getExternalContext().getFlash().setKeepMessages(true);
    }

    private void add(String clientId, FacesMessage.Severity severity, String summary) {
        faces.addMessage(clientId, new FacesMessage(severity, summary, null));
    }
}
