-- Each node writes its clock offset to the database (microseconds, what it adds to its own clock) and its busy and
-- total workers with every heartbeat, so that every node's page shows every node's. Null for a node of an earlier
-- version, which does not write them.
ALTER TABLE cw_node ADD COLUMN clock_offset_us BIGINT;
ALTER TABLE cw_node ADD COLUMN busy_workers INT;
ALTER TABLE cw_node ADD COLUMN workers INT;

-- The dashboard counts and ranks executions fired in a time window, and the executions page lists them newest fire
-- first (fire time, attempt, id); this index serves both. Only columns that never change after the claim's insert,
-- so an outcome writes no entry in it (docs/decisions/040-execution-time-index.md).
CREATE INDEX cw_execution_fire_ix ON cw_execution (fire_time, attempt, id);
