-- A migration from the future, to prove that migrating an existing database keeps its data.
ALTER TABLE role_versions ADD COLUMN team VARCHAR(200);
