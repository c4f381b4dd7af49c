-- Nodes starting together on an empty database hold this row, one at a time, to create the first admin user.
INSERT INTO cw_lock (name, holder, locked_until) VALUES ('first-admin', NULL, 0);
