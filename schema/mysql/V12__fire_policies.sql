-- Fire policies (docs/policies.md): what a late fire does (misfire, grace_ms: null for the node's catch-up window)
-- and what a fire does while a run of its task is in progress (overlap). Existing tasks keep today's behaviour: one
-- run for missed fires, and runs that may overlap; new tasks get overlap FORBID from the application.
ALTER TABLE cw_task ADD COLUMN misfire VARCHAR(16) DEFAULT 'FIRE_ONCE' NOT NULL;
ALTER TABLE cw_task ADD COLUMN grace_ms BIGINT;
ALTER TABLE cw_task ADD COLUMN overlap VARCHAR(16) DEFAULT 'ALLOW' NOT NULL;

-- Among due tasks, the claim takes the highest priority first across the whole backlog: when more tasks are due than
-- it reads by fire time, it looks along this index for due tasks of a higher priority than it would take. Priority
-- alone: the claim changes next_fire_at, and an index holding it would be rewritten by every claim on MariaDB.
CREATE INDEX cw_task_priority_ix ON cw_task (priority);

-- The policy decision behind a SKIPPED execution or a retry, or who cancelled an execution.
ALTER TABLE cw_execution ADD COLUMN reason VARCHAR(400);

-- A run in progress names its task, so that a claim finds the runs in progress of the tasks it claims (overlap), and
-- holds the reason it was cancelled while running, until the node that runs it interrupts it. No index on task_id:
-- cw_run holds only the runs in progress, a scan of it is short, and every run inserts and deletes its row.
ALTER TABLE cw_run ADD COLUMN task_id BIGINT;
ALTER TABLE cw_run ADD COLUMN cancel_reason VARCHAR(400);
UPDATE cw_run SET task_id = (SELECT e.task_id FROM cw_execution e WHERE e.id = cw_run.execution_id);
