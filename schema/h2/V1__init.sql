-- Clockwork schema, version 1 (H2).
-- Every instant is a BIGINT of microseconds since 1970-01-01T00:00:00Z: the same value on every database, driver,
-- JVM zone and session zone, which is what the nodes of a cluster must agree on.

-- Id blocks for JPA's table generator: one row per entity, allocated 100 ids at a time.
CREATE TABLE cw_id_block (
    name       VARCHAR(64) NOT NULL PRIMARY KEY,
    next_value BIGINT      NOT NULL
);
INSERT INTO cw_id_block (name, next_value) VALUES ('task', 0), ('execution', 0), ('user', 0);

-- A task row is a cluster-wide timer. next_fire_at is NULL whenever the task is not scheduled
-- (paused, done, cancelled, or a fixed-delay task whose run is in progress), so the due query
-- (next_fire_at <= now) reads only the index and only scheduled tasks.
CREATE TABLE cw_task (
    id              BIGINT        NOT NULL PRIMARY KEY,
    name            VARCHAR(200)  NOT NULL,
    trigger_text    VARCHAR(1000) NOT NULL,
    zone            VARCHAR(64)   NOT NULL,
    action          VARCHAR(200)  NOT NULL,
    args            CLOB,
    priority        INT           NOT NULL DEFAULT 0,
    state           VARCHAR(16)   NOT NULL,
    description     VARCHAR(2000),
    anchor_at       BIGINT        NOT NULL,
    next_fire_at    BIGINT,
    fire_count      BIGINT        NOT NULL DEFAULT 0,
    last_fire_at    BIGINT,
    last_status     VARCHAR(24),
    max_attempts    INT           NOT NULL DEFAULT 1,
    created_at      BIGINT        NOT NULL,
    created_by      VARCHAR(200),
    updated_at      BIGINT        NOT NULL,
    updated_by      VARCHAR(200),
    version         BIGINT        NOT NULL,
    CONSTRAINT cw_task_name_uk UNIQUE (name)
);
CREATE INDEX cw_task_due_ix ON cw_task (next_fire_at, priority);
CREATE INDEX cw_task_action_ix ON cw_task (action);

-- One row per attempt of one fire. The unique key is the last line of defence against firing twice.
CREATE TABLE cw_execution (
    id           BIGINT        NOT NULL PRIMARY KEY,
    task_id      BIGINT        NOT NULL,
    task_name    VARCHAR(200)  NOT NULL,
    fire_time    BIGINT        NOT NULL,
    attempt      INT           NOT NULL,
    kind         VARCHAR(16)   NOT NULL,
    node         VARCHAR(100),
    status       VARCHAR(24)   NOT NULL,
    claimed_at   BIGINT        NOT NULL,
    lease_until  BIGINT,
    started_at   BIGINT,
    finished_at  BIGINT,
    result       VARCHAR(4000),
    error        VARCHAR(4000),
    stack_trace  VARCHAR(8000),
    report       VARCHAR(8000),
    CONSTRAINT cw_execution_fire_uk UNIQUE (task_id, fire_time, attempt),
    CONSTRAINT cw_execution_task_fk FOREIGN KEY (task_id) REFERENCES cw_task (id) ON DELETE CASCADE
);
CREATE INDEX cw_execution_task_time_ix ON cw_execution (task_id, fire_time DESC);
CREATE INDEX cw_execution_status_ix ON cw_execution (status, node);

CREATE TABLE cw_user (
    id            BIGINT       NOT NULL PRIMARY KEY,
    username      VARCHAR(100) NOT NULL,
    password_hash VARCHAR(400) NOT NULL,
    roles         VARCHAR(400) NOT NULL,
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL,
    version       BIGINT       NOT NULL,
    CONSTRAINT cw_user_name_uk UNIQUE (username)
);
