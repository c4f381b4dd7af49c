package dev.clockwork.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Set;

/** A row of {@code cw_user}: a console/API user with a hashed password and a comma-separated role list. */
@Entity
@Table(name = "cw_user")
class UserEntity {

    /** The row of {@code cw_id_block} that user ids come from, and how many ids one allocation takes. */
    static final String ID_NAME = "user";
    static final int ID_BLOCK = 10;

    @Id
    @TableGenerator(name = "user_ids", table = "cw_id_block", pkColumnName = "name", valueColumnName = "next_value",
            pkColumnValue = ID_NAME, allocationSize = ID_BLOCK)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "user_ids")
    Long id;
    String username;
    @Column(name = "password_hash")
    String passwordHash;
    String roles;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "updated_at")
    Instant updatedAt;
    boolean enabled = true;
    @Column(name = "must_change_password")
    boolean mustChangePassword;
    @Column(name = "last_login_at")
    Instant lastLoginAt;
    @Version
    long version;

    /** The roles column: a comma-separated list. */
    static String roles(Set<String> roles) {
        return String.join(",", roles);
    }
}
