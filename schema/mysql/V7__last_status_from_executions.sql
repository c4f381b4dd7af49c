-- A task's last status is read from its executions (the status of its latest ended one) rather than kept in its row,
-- so that recording how a run ended writes no task row: with the claim of a one-off task's fire marking it DONE, only
-- a fixed-delay task's run still changes its task when it ends. The column was also left as it was when a node was
-- lost during a run, which the executions say (NODE_LOST).
ALTER TABLE cw_task DROP COLUMN last_status;
