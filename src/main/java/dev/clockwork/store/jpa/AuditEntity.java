package dev.clockwork.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import java.time.Instant;

/** A row of {@code cw_audit}: one change or login. */
@Entity
@Table(name = "cw_audit")
class AuditEntity {

    @Id
    @TableGenerator(name = "audit_ids", table = "cw_id_block", pkColumnName = "name", valueColumnName = "next_value",
            pkColumnValue = "audit", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "audit_ids")
    Long id;
    @Column(name = "occurred_at")
    Instant occurredAt;
    String actor;
    String address;
    String action;
    String target;
    String summary;
}
