package dev.clockwork.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import org.primefaces.context.PrimeFacesContext;

/**
 * Checks that a submitted form carried its page's nonce as soon as the page is restored. PrimeFaces checks it only
 * when it starts rendering the answer, where a refusal is too late for {@link LostViewHandler} to reload the page
 * with its message; here the refusal comes while restoring, like an expired page's.
 */
public class NonceCheck implements PhaseListener {

    private static final long serialVersionUID = 1L;

    @Override
    public PhaseId getPhaseId() {
        return PhaseId.RESTORE_VIEW;
    }

    @Override
    public void beforePhase(PhaseEvent event) {
        // Nothing to check before the page is restored.
    }

    @Override
    public void afterPhase(PhaseEvent event) {
        FacesContext faces = event.getFacesContext();
        if (faces.isPostback() && faces.getViewRoot() != null && !faces.getResponseComplete()) {
            // The first call checks the posted nonce against the page's (a CspException when they differ).
            PrimeFacesContext.getCspState(faces).getNonce();
        }
    }
}
