-- The door each concern came through (web, sms, rapidpro, odk, assisted,
-- open311, import), and for one a caseworker filed on a resident's behalf,
-- how the resident consented and to what.
ALTER TABLE concerns ADD COLUMN channel TEXT NOT NULL DEFAULT 'web';
ALTER TABLE concerns ADD COLUMN consent TEXT;

-- The doors other systems use (a RapidPro workspace, an SMS gateway, an
-- Open311 client): each with a secret, of which only a hash is kept.
CREATE TABLE channels (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL UNIQUE,
    disabled    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL
);

-- Text-message conversations under way: who is texting only as a keyed
-- hash of their number; what they said so far sealed under the data key.
-- Forgotten a day after the last message.
CREATE TABLE sms_conversations (
    sender_hash  TEXT PRIMARY KEY,
    channel_id   INTEGER NOT NULL REFERENCES channels (id),
    state_sealed BLOB NOT NULL,
    updated_at   INTEGER NOT NULL
);
