-- The chore lock of the history retention (docs/decisions/039-shell-http-retention-drain.md): one node at a time
-- deletes old executions.
INSERT INTO cw_lock (name, holder, locked_until) VALUES ('history-retention', NULL, 0);
