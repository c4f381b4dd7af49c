-- Tasks declared in code (@Recurring): declaration is the fingerprint of the declaration a deployment applied last
-- (NULL for a task created at run time); declared is FALSE once a deployment no longer has the declaration, which
-- then paused the task. Existing tasks are not declared.
ALTER TABLE cw_task ADD COLUMN declaration VARCHAR(64);
ALTER TABLE cw_task ADD COLUMN declared BOOLEAN NOT NULL DEFAULT FALSE;
-- Nodes deploying at once reconcile the declarations one at a time, holding this row.
INSERT INTO cw_lock (name, holder, locked_until) VALUES ('declared-tasks', NULL, 0);

-- The actions a node has deployed, one per line: the name, a tab, the description; for the cluster's action list.
ALTER TABLE cw_node ADD COLUMN actions MEDIUMTEXT;
