-- For several instances on one database.
-- A notification being delivered is claimed until a moment: only the instance holding an unexpired claim
-- delivers it, and an instance that stops mid-delivery lets the claim run out.
ALTER TABLE outbox ADD COLUMN claimed_until VARCHAR(40);

-- Whose message each kept message is: an instance about to run a person's message runs the ones that
-- person sent before it first, wherever they were taken, so that their turns apply in the order taken.
ALTER TABLE inbound_queue ADD COLUMN person_id VARCHAR(200);
CREATE INDEX inbound_queue_person ON inbound_queue (person_id, id);
