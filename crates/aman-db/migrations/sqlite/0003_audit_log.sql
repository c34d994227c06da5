-- The tamper-evident audit log (see aman-core's audit module): entries are
-- hash-chained and sealed with a key kept outside the database; the head row
-- holds the last sequence number and hash, sealed too, so a cut tail shows.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    actor_id    INTEGER,
    action      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    detail      TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    mac         TEXT NOT NULL
);
CREATE INDEX audit_log_by_action ON audit_log (action, seq);
CREATE INDEX audit_log_by_actor ON audit_log (actor_id, seq);

CREATE TABLE audit_head (
    id          INTEGER PRIMARY KEY,
    seq         INTEGER NOT NULL,
    hash        TEXT NOT NULL,
    mac         TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash, mac)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', '');
