-- Runs in progress get a table of their own, so that recording how a run ended changes no indexed column.
--
-- cw_execution_status_ix (status, node, id) was there to find the unfinished executions of a node (the sweep, the
-- nodes page), but every outcome changes the status, so each run wrote that index twice and its outcome could never
-- be a heap-only update: with the primary key and the fire key, an outcome wrote three index entries. A row of cw_run
-- names one unfinished execution and its node: inserted with the claim, deleted with the outcome. The outcome's
-- update of cw_execution is then heap-only whenever its page has room, which the fillfactor leaves.
-- Measured on 300,000 no-op runs, one node: every outcome was a heap-only update. cw_run has no foreign key to
-- cw_execution: its check, a locking look-up of the execution for every run inserted, made the claims slower than the
-- index it saves (9,252-11,522 executions/s with it, 11,346-12,398 without, 9,947-11,818 before this migration, runs
-- alternating). Deleting a task deletes its runs in progress itself (JpaTaskStore.delete).
CREATE TABLE cw_run (
    execution_id BIGINT       NOT NULL PRIMARY KEY,
    node         VARCHAR(100)
);
INSERT INTO cw_run (execution_id, node)
    SELECT id, node FROM cw_execution WHERE status IN ('QUEUED', 'RUNNING');
DROP INDEX cw_execution_status_ix;
ALTER TABLE cw_execution SET (fillfactor = 50);
