package dev.clockwork.rest;

import dev.clockwork.api.AuditEntry;
import java.time.Instant;

/** An audit entry as the API shows it. */
public class AuditJson {

    public long id;
    public Instant at;
    public String user;
    public String address;
    public String action;
    public String target;
    public String summary;

    static AuditJson of(AuditEntry entry) {
        AuditJson json = new AuditJson();
        json.id = entry.id();
        json.at = entry.at();
        json.user = entry.actor();
        json.address = entry.address().orElse(null);
        json.action = entry.action();
        json.target = entry.target().orElse(null);
        json.summary = entry.summary();
        return json;
    }
}
