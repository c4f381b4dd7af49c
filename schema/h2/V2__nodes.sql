-- Nodes and cluster-wide chore locks (H2).

-- One row per server process. heartbeat_at is written in the database's time; a node silent for longer than the
-- dead-after threshold is declared DEAD by a live node, which takes over its executions.
CREATE TABLE cw_node (
    id           VARCHAR(100) NOT NULL PRIMARY KEY,
    host         VARCHAR(200) NOT NULL,
    pid          BIGINT       NOT NULL,
    version      VARCHAR(40)  NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    started_at   BIGINT       NOT NULL,
    heartbeat_at BIGINT       NOT NULL,
    stopped_at   BIGINT
);
CREATE INDEX cw_node_heartbeat_ix ON cw_node (state, heartbeat_at);

-- A chore (dead-node sweep, history retention) is done by the node holding its row until locked_until.
CREATE TABLE cw_lock (
    name         VARCHAR(64)  NOT NULL PRIMARY KEY,
    holder       VARCHAR(100),
    locked_until BIGINT       NOT NULL
);
INSERT INTO cw_lock (name, holder, locked_until) VALUES ('sweep', NULL, 0);
