-- Runs in progress get a table of their own, so that recording how a run ended changes no indexed column: a row of
-- cw_run names one unfinished execution and its node, inserted with the claim and deleted with the outcome. See the
-- PostgreSQL migration of the same version, also for why it has no foreign key.
CREATE TABLE cw_run (
    execution_id BIGINT       NOT NULL PRIMARY KEY,
    node         VARCHAR(100)
);
INSERT INTO cw_run (execution_id, node)
    SELECT id, node FROM cw_execution WHERE status IN ('QUEUED', 'RUNNING');
DROP INDEX cw_execution_status_ix;
