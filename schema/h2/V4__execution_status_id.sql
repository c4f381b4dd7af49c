-- Executions by status and node, now ending with the id, as on PostgreSQL (see its V4): a statement that names one
-- execution by id and checks its status and node finds it in this index as directly as in the primary key, whichever
-- of the two the planner picks. InnoDB's secondary indexes end with the primary key already, so MySQL/MariaDB need no
-- such change.
DROP INDEX cw_execution_status_ix;
CREATE INDEX cw_execution_status_ix ON cw_execution (status, node, id);
