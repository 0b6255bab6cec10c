-- The employee's side of a call: whether they answered it (kept or changed), and the reason they gave with it,
-- which goes with the task to the manager and into the export.
ALTER TABLE tasks ADD COLUMN settled_by_employee BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE tasks ADD COLUMN call_note TEXT;
