-- Executions carried a lease end that nothing read: ownership of a claimed fire ends with its execution or when its
-- node is declared dead (docs/decisions/030-no-leases.md).
ALTER TABLE cw_execution DROP COLUMN lease_until;
