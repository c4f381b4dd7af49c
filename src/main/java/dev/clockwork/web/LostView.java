package dev.clockwork.web;

import jakarta.faces.application.ViewExpiredException;
import org.primefaces.csp.CspException;

/**
 * Tells a form whose page the server cannot restore from the other errors. Its view state may be expired (the
 * session ended, or the server forgot old views) or one the server never issued; Mojarra then throws a
 * {@link ViewExpiredException}, or for some forged values a plain {@code FacesException} while restoring. A form sent
 * without its page's nonce (which the page's script adds) is one PrimeFaces refuses with a {@link CspException}: a
 * page from before a restart, or a post not made by the page.
 */
final class LostView {

    private LostView() {
    }

    /**
     * @param thrown what the Faces lifecycle threw
     * @param restoringPostback whether it was thrown while restoring the page of a submitted form
     */
    static boolean is(Throwable thrown, boolean restoringPostback) {
        if (restoringPostback) {
            return true;
        }
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof ViewExpiredException || cause instanceof CspException) {
                return true;
            }
        }
        return false;
    }
}
