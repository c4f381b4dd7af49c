package dev.clockwork.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.ExceptionQueuedEventContext;
import jakarta.faces.event.PhaseId;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.logging.Logger;

/**
 * Answers a form whose page cannot be restored (see {@link LostView}) with a redirect to the same page, which then
 * says so, instead of a 500. Without a login the page's security constraint sends the browser on to the login page.
 */
public class LostViewHandler extends ExceptionHandlerWrapper {

    static final String MESSAGE = "Your page had expired; it was reloaded, please try again.";
    private static final Logger LOG = Logger.getLogger(LostViewHandler.class.getName());

    public LostViewHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() {
        Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
        while (events.hasNext()) {
            ExceptionQueuedEventContext event = events.next().getContext();
            FacesContext faces = event.getContext();
            boolean restoringPostback = event.getPhaseId() == PhaseId.RESTORE_VIEW && faces.isPostback();
            if (LostView.is(event.getException(), restoringPostback)) {
                events.remove();
                if (!faces.getResponseComplete()) {
                    reload(faces, event.getException());
                }
            }
        }
        getWrapped().handle();
    }

    private static void reload(FacesContext faces, Throwable lost) {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        String query = request.getQueryString();
        String page = request.getRequestURI() + (query == null ? "" : "?" + query);
        LOG.info(() -> "Reloaded " + page + " for a form whose page could not be restored: " + lost);
        external.getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, MESSAGE, null));
        try {
            external.redirect(page);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not redirect to " + page, e);
        }
        faces.responseComplete();
    }
}
