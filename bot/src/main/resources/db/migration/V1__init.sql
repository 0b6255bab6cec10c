-- rolecraft's first schema. Kept to SQL that SQLite and PostgreSQL both read.

CREATE TABLE people (
    id           VARCHAR(200) PRIMARY KEY,          -- surface-qualified: local:alice, slack:T1:U1, teams:<tenant>:<aad>
    surface      VARCHAR(20)  NOT NULL,
    display_name VARCHAR(200),
    created_at   VARCHAR(40)  NOT NULL
);

CREATE TABLE roles (
    id          INTEGER PRIMARY KEY,
    employee_id VARCHAR(200) NOT NULL REFERENCES people (id),
    created_at  VARCHAR(40)  NOT NULL
);
CREATE INDEX roles_employee ON roles (employee_id);

CREATE TABLE role_versions (
    id           INTEGER PRIMARY KEY,
    role_id      INTEGER      NOT NULL REFERENCES roles (id),
    version      INTEGER      NOT NULL,
    status       VARCHAR(20)  NOT NULL CHECK (status IN ('drafting', 'submitted', 'changes_requested', 'approved')),
    title        VARCHAR(400),
    manager_id   VARCHAR(200) REFERENCES people (id),
    created_at   VARCHAR(40)  NOT NULL,
    updated_at   VARCHAR(40)  NOT NULL,
    submitted_at VARCHAR(40),
    decided_at   VARCHAR(40),
    UNIQUE (role_id, version)
);
CREATE INDEX role_versions_manager ON role_versions (manager_id, status);
CREATE INDEX role_versions_status ON role_versions (status);

CREATE TABLE tasks (
    id                  INTEGER PRIMARY KEY,
    version_id          INTEGER      NOT NULL REFERENCES role_versions (id) ON DELETE CASCADE,
    position            INTEGER      NOT NULL,
    text                VARCHAR(400) NOT NULL,
    share_amount        REAL,
    share_unit          VARCHAR(20),
    share_percent       REAL,
    proposed_exposure   VARCHAR(4)   NOT NULL,
    proposed_ai_role    VARCHAR(20)  NOT NULL,
    proposed_capability VARCHAR(20)  NOT NULL,
    confidence          REAL         NOT NULL,
    reason              VARCHAR(1000),
    evidence_task       VARCHAR(1000),
    evidence_occupation VARCHAR(400),
    evidence_label      VARCHAR(4),
    ai_role             VARCHAR(20)  NOT NULL,
    capability          VARCHAR(20),
    changed_by_employee BOOLEAN      NOT NULL,
    UNIQUE (version_id, position)
);

CREATE TABLE answers (
    id         INTEGER PRIMARY KEY,
    version_id INTEGER     NOT NULL REFERENCES role_versions (id) ON DELETE CASCADE,
    question   VARCHAR(40) NOT NULL,
    answer     TEXT,                                  -- NULL when the employee skipped the question
    UNIQUE (version_id, question)
);

CREATE TABLE decisions (
    id         INTEGER PRIMARY KEY,
    version_id INTEGER      NOT NULL UNIQUE REFERENCES role_versions (id),
    decided_by VARCHAR(200) NOT NULL REFERENCES people (id),
    decision   VARCHAR(20)  NOT NULL CHECK (decision IN ('approved', 'changes_requested')),
    comment    TEXT,
    decided_at VARCHAR(40)  NOT NULL
);

CREATE TABLE conversations (
    person_id  VARCHAR(200) PRIMARY KEY REFERENCES people (id),
    state      TEXT         NOT NULL,                 -- JSON of the engine's ConversationState
    failures   INTEGER      NOT NULL DEFAULT 0,
    updated_at VARCHAR(40)  NOT NULL
);

CREATE TABLE processed_messages (
    message_id   VARCHAR(300) PRIMARY KEY,           -- surface-qualified delivery id: applied once
    person_id    VARCHAR(200),
    processed_at VARCHAR(40)  NOT NULL
);

CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    recipient_id VARCHAR(200) NOT NULL REFERENCES people (id),
    payload      TEXT         NOT NULL,               -- JSON list of replies
    created_at   VARCHAR(40)  NOT NULL,
    delivered_at VARCHAR(40)
);
CREATE INDEX outbox_pending ON outbox (recipient_id, delivered_at);

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       VARCHAR(40)  NOT NULL,
    actor_id VARCHAR(200),
    action   VARCHAR(40)  NOT NULL,
    role_id  INTEGER,
    version  INTEGER,
    detail   TEXT
);
CREATE INDEX audit_log_role ON audit_log (role_id);
