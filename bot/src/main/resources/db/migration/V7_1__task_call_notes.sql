-- The employee's side of a call: whether they answered it (kept or changed), the reason they gave with it, which
-- goes with the task to the manager and into the export, and the time they expect the task to take once AI does
-- its part (in the unit of the task's share; empty while they have not said).
ALTER TABLE tasks ADD COLUMN settled_by_employee BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE tasks ADD COLUMN call_note TEXT;
ALTER TABLE tasks ADD COLUMN after_amount DOUBLE PRECISION;
ALTER TABLE tasks ADD COLUMN after_unit VARCHAR(20);
