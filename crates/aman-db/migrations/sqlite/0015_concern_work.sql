-- Staff work on concerns: who it is assigned to, free tags, and the
-- description folded for search (aman_core::text::search_key; filled by the
-- server for concerns stored before this migration).
ALTER TABLE concerns ADD COLUMN assignee_id INTEGER REFERENCES users (id);
ALTER TABLE concerns ADD COLUMN search_text TEXT;
CREATE INDEX concerns_by_assignee ON concerns (assignee_id);
CREATE TABLE concern_tags (
    concern_id  INTEGER NOT NULL REFERENCES concerns (id),
    tag         TEXT NOT NULL,
    PRIMARY KEY (concern_id, tag)
);
CREATE INDEX concern_tags_by_tag ON concern_tags (tag);
