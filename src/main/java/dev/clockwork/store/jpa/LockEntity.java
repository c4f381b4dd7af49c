package dev.clockwork.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code cw_lock}: who does a cluster-wide chore, until when. */
@Entity
@Table(name = "cw_lock")
class LockEntity {

    @Id
    String name;
    String holder;
    @Column(name = "locked_until")
    Instant lockedUntil;
}
