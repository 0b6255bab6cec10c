-- Messages a surface has taken (and acknowledged to its platform) but whose turn has not run yet. The turn
-- removes its row in its own transaction; what is left after a crash is replayed at start, so an
-- acknowledged message is never lost.
CREATE TABLE inbound_queue (
    id          INTEGER PRIMARY KEY,
    message_id  VARCHAR(300) NOT NULL UNIQUE,
    surface     VARCHAR(20)  NOT NULL,
    payload     TEXT         NOT NULL,
    received_at VARCHAR(40)  NOT NULL
);
CREATE INDEX inbound_queue_surface ON inbound_queue (surface, id);
