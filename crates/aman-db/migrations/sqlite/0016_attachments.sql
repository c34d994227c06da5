-- Photos sent with a concern: decoded and encoded again (no metadata), then
-- sealed under the data key like contact details; erased with them.
CREATE TABLE attachments (
    id            INTEGER PRIMARY KEY,
    concern_id    INTEGER NOT NULL REFERENCES concerns (id),
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sealed        BLOB NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX attachments_by_concern ON attachments (concern_id);
