-- Action plans of committees: linked to the concerns and issues they answer,
-- owned by an organisation with partners, due on a day, with dated progress
-- updates; after an action is done, residents (through their receipt) and
-- members confirm it or dispute it.
CREATE TABLE actions (
    id           INTEGER PRIMARY KEY,
    committee_id INTEGER NOT NULL REFERENCES committees (id),
    title        TEXT NOT NULL,
    owner_id     INTEGER NOT NULL REFERENCES organisations (id),
    partners     TEXT NOT NULL,
    due_on       INTEGER NOT NULL,
    status       TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    version      INTEGER NOT NULL
);

CREATE TABLE action_items (
    action_id INTEGER NOT NULL REFERENCES actions (id),
    item      TEXT NOT NULL,
    PRIMARY KEY (action_id, item)
);

CREATE TABLE action_updates (
    id         INTEGER PRIMARY KEY,
    action_id  INTEGER NOT NULL REFERENCES actions (id),
    status     TEXT NOT NULL,
    body       TEXT NOT NULL,
    actor_id   INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL
);

CREATE TABLE confirmations (
    id         INTEGER PRIMARY KEY,
    action_id  INTEGER NOT NULL REFERENCES actions (id),
    concern_id INTEGER REFERENCES concerns (id),
    member_id  INTEGER REFERENCES committee_members (id),
    verdict    TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
