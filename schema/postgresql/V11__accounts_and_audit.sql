-- Accounts: an admin can disable a user (their sessions and Basic credentials stop working at once) or make them
-- change the password at their next login; the time of the last login is shown in the user list.
ALTER TABLE cw_user ADD COLUMN enabled BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE cw_user ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE cw_user ADD COLUMN last_login_at BIGINT;

-- Who did what: one row per change to a task or a user and per login, written in the transaction of the change.
-- occurred_at is microseconds since the epoch by the database-corrected clock; summary never holds a password.
CREATE TABLE cw_audit (
    id      BIGINT        NOT NULL PRIMARY KEY,
    occurred_at BIGINT    NOT NULL,
    actor   VARCHAR(100)  NOT NULL,
    address VARCHAR(64),
    action  VARCHAR(40)   NOT NULL,
    target  VARCHAR(200),
    summary VARCHAR(2000)
);
-- Newest first, by time alone or for one actor or target; retention deletes by time.
CREATE INDEX cw_audit_at_ix ON cw_audit (occurred_at);
CREATE INDEX cw_audit_actor_ix ON cw_audit (actor, occurred_at);
CREATE INDEX cw_audit_target_ix ON cw_audit (target, occurred_at);
INSERT INTO cw_id_block (name, next_value) VALUES ('audit', 0);
-- The node holding this row deletes audit entries older than the retention.
INSERT INTO cw_lock (name, holder, locked_until) VALUES ('audit-retention', NULL, 0);
