package dev.clockwork.web;

import dev.clockwork.api.AuditEntry;
import dev.clockwork.api.AuditQuery;
import dev.clockwork.api.Page;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.engine.AuditTrail;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** The Audit page (admins only, by web.xml): the audit log, newest first, paged and filtered like GET /api/audit. */
@Named("auditLog")
@ViewScoped
public class AuditBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient AuditTrail audit;
    @Inject
    transient FacesContext faces;

    private String user;
    private String target;
    private String action;
    /** From and to, in UTC, as the date-time pickers give them. */
    private LocalDateTime from;
    private LocalDateTime to;
    private final LazyDataModel<AuditEntry> entries = new EntryModel();

    public LazyDataModel<AuditEntry> getEntries() {
        return entries;
    }

    private Page<AuditEntry> page(int first, int size) {
        try {
            return audit.find(new AuditQuery(text(user), text(target), text(action), utc(from), utc(to), first,
                    Math.max(1, Math.min(size, AuditTrail.MAX_PAGE))));
        } catch (SchedulerException e) {
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    e.getMessage(), null));
            return new Page<>(List.of(), 0, first, size);
        }
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static Optional<Instant> utc(LocalDateTime at) {
        return Optional.ofNullable(at).map(t -> t.toInstant(ZoneOffset.UTC));
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public LocalDateTime getFrom() {
        return from;
    }

    public void setFrom(LocalDateTime from) {
        this.from = from;
    }

    public LocalDateTime getTo() {
        return to;
    }

    public void setTo(LocalDateTime to) {
        this.to = to;
    }

    /** The entries a page at a time, with its total from the same query ({@link PagedModel}). */
    private final class EntryModel extends PagedModel<AuditEntry> {
        private static final long serialVersionUID = 1L;

        @Override
        Page<AuditEntry> fetch(int offset, int limit, Map<String, SortMeta> sortBy) {
            return page(offset, limit);
        }

        @Override
        String key(AuditEntry entry) {
            return Long.toString(entry.id());
        }
    }
}
