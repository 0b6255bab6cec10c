-- Where a surface can reach people and the messages it posted, so that it can write to someone first
-- (a Teams conversation reference, a Slack DM channel) and update a message it sent (a manager's card).
-- The bot does not read these: they are opaque text that each surface writes for itself.

CREATE TABLE surface_addresses (
    person_id  VARCHAR(200) PRIMARY KEY REFERENCES people (id),
    address    TEXT         NOT NULL,
    updated_at VARCHAR(40)  NOT NULL
);

CREATE TABLE posted_messages (
    id           INTEGER PRIMARY KEY,
    role_id      INTEGER      NOT NULL REFERENCES roles (id),
    version      INTEGER      NOT NULL,
    recipient_id VARCHAR(200) NOT NULL REFERENCES people (id),
    message_ref  TEXT         NOT NULL,
    posted_at    VARCHAR(40)  NOT NULL
);
CREATE INDEX posted_messages_version ON posted_messages (role_id, version);
