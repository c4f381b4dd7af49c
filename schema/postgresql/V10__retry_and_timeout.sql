-- Task policies (docs/policies.md): how long a run may take, and how failed runs are retried. max_attempts (from V1)
-- is the retry policy's attempts; the retry_* columns are null when a task is not retried. Existing tasks keep no
-- timeout and no retry, so an upgrade changes nothing unasked.
ALTER TABLE cw_task ADD COLUMN timeout_ms BIGINT;
ALTER TABLE cw_task ADD COLUMN retry_backoff_ms BIGINT;
ALTER TABLE cw_task ADD COLUMN retry_multiplier DOUBLE PRECISION;
ALTER TABLE cw_task ADD COLUMN retry_max_backoff_ms BIGINT;
ALTER TABLE cw_task ADD COLUMN retry_jitter DOUBLE PRECISION;

-- A retry waits as an execution in status WAITING until due_at, in the database, so that it survives a restart and
-- any node may claim it; the index serves the claim's look-up of due retries and the dispatcher's earliest wake-up.
ALTER TABLE cw_execution ADD COLUMN due_at BIGINT;
CREATE INDEX cw_execution_due_ix ON cw_execution (status, due_at);
