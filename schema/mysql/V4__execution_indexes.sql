-- As on PostgreSQL (see its V4): cw_execution_fire_uk (task_id, fire_time, attempt) serves a task's executions newest
-- first, so cw_execution_task_time_ix only cost a write per execution. (The status index needs no id: InnoDB's
-- secondary indexes end with the primary key already.)
DROP INDEX cw_execution_task_time_ix ON cw_execution;
