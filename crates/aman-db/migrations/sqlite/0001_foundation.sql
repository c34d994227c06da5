-- Foundation: areas, organisations, staff, sessions, concerns and their history.
-- Times are INTEGER unix milliseconds; dates are INTEGER days since 1970-01-01.

CREATE TABLE areas (
    pcode       TEXT PRIMARY KEY,
    level       INTEGER NOT NULL,
    parent      TEXT REFERENCES areas (pcode),
    name_ar     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    name_ckb    TEXT,
    inner_lat   REAL NOT NULL,
    inner_lon   REAL NOT NULL,
    geometry    TEXT NOT NULL
);
CREATE INDEX areas_by_parent ON areas (parent);

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    name_ar     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    area        TEXT NOT NULL REFERENCES areas (pcode),
    UNIQUE (name_en, area)
);

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    role            TEXT NOT NULL,
    area            TEXT NOT NULL REFERENCES areas (pcode),
    organisation_id INTEGER REFERENCES organisations (id),
    disabled        INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash      TEXT PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    csrf_token      TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    last_seen_at    INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE concerns (
    id              INTEGER PRIMARY KEY,
    receipt_hash    TEXT NOT NULL UNIQUE,
    category        TEXT NOT NULL,
    description     TEXT NOT NULL,
    area            TEXT NOT NULL REFERENCES areas (pcode),
    occurred_on     INTEGER NOT NULL,
    language        TEXT NOT NULL,
    status          TEXT NOT NULL,
    duplicate_of    INTEGER REFERENCES concerns (id),
    contact_sealed  BLOB,
    point_sealed    BLOB,
    submitted_at    INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX concerns_by_area ON concerns (area, submitted_at);
CREATE INDEX concerns_by_status ON concerns (status, submitted_at);

-- Everything that happened to a concern: transitions, internal notes and
-- updates for the reporter (public = 1 shows on /track).
CREATE TABLE concern_events (
    id              INTEGER PRIMARY KEY,
    concern_id      INTEGER NOT NULL REFERENCES concerns (id),
    kind            TEXT NOT NULL,
    from_status     TEXT,
    to_status       TEXT,
    body            TEXT,
    public          INTEGER NOT NULL,
    actor_id        INTEGER REFERENCES users (id),
    created_at      INTEGER NOT NULL
);
CREATE INDEX concern_events_by_concern ON concern_events (concern_id, id);
