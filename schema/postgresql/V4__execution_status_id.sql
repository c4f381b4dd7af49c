-- Executions by status and node, now ending with the id: a statement that names one execution by id and checks its
-- status and node (recording an outcome, marking a run started) finds it in this index as directly as in the primary
-- key. PostgreSQL picks this index for such statements when the table has no statistics (never analyzed, e.g. with
-- autovacuum off), and without the id it then scanned every unfinished execution of the node for each row.
-- InnoDB's secondary indexes end with the primary key already, so MySQL/MariaDB need no such change.
DROP INDEX cw_execution_status_ix;
CREATE INDEX cw_execution_status_ix ON cw_execution (status, node, id);
