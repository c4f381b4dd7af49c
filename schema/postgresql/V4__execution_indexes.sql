-- Fewer, more direct indexes on cw_execution, the table every run writes twice (claim, outcome).
--
-- cw_execution_task_time_ix (task_id, fire_time DESC) repeated the leading columns of cw_execution_fire_uk
-- (task_id, fire_time, attempt), which serves a task's executions newest first as well (read backwards); every
-- insert and every outcome wrote an entry into both.
--
-- The status index now ends with the id: a statement that names one execution by id and checks its status and node
-- (recording an outcome, marking a run started) finds it in this index as directly as in the primary key.
-- PostgreSQL picks this index for such statements when the table has no statistics (never analyzed, e.g. with
-- autovacuum off), and without the id it then scanned every unfinished execution of the node for each row.
DROP INDEX cw_execution_task_time_ix;
DROP INDEX cw_execution_status_ix;
CREATE INDEX cw_execution_status_ix ON cw_execution (status, node, id);
