-- Why the engine took a task out of the schedule (state ERROR): a fire of it could not be claimed, scheduled or
-- recorded. Shown with the task so an operator can fix its definition and resume it; empty in every other state.
ALTER TABLE cw_task ADD COLUMN state_reason VARCHAR(2000);
