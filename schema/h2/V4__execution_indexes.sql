-- As on PostgreSQL (see its V4): cw_execution_fire_uk (task_id, fire_time, attempt) serves a task's executions newest
-- first, so cw_execution_task_time_ix only cost writes; the status index ends with the id, so that a statement naming
-- one execution by id and checking its status and node finds it directly whichever index the planner picks.
DROP INDEX cw_execution_task_time_ix;
DROP INDEX cw_execution_status_ix;
CREATE INDEX cw_execution_status_ix ON cw_execution (status, node, id);
