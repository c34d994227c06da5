-- Joint community security committees (shared/docs/domain.md): organisations
-- with what they handle, committees of an area with members who represent a
-- constituency, meetings with their agenda, attendance and minutes, issues
-- grouping concerns that are the same problem, members' ballots and the
-- priority list computed from them (kept with each constituency's own).
ALTER TABLE organisations ADD COLUMN categories TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN confidential TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN contact TEXT NOT NULL DEFAULT '';

CREATE TABLE committees (
    id          INTEGER PRIMARY KEY,
    area        TEXT NOT NULL REFERENCES areas (pcode),
    name        TEXT NOT NULL,
    rule        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE committee_members (
    id              INTEGER PRIMARY KEY,
    committee_id    INTEGER NOT NULL REFERENCES committees (id),
    name            TEXT NOT NULL,
    constituency    TEXT NOT NULL,
    sex             TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisations (id),
    active          INTEGER NOT NULL,
    joined_at       INTEGER NOT NULL
);

CREATE TABLE meetings (
    id           INTEGER PRIMARY KEY,
    committee_id INTEGER NOT NULL REFERENCES committees (id),
    held_on      INTEGER NOT NULL,
    place        TEXT NOT NULL,
    minutes      TEXT NOT NULL,
    decisions    TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    version      INTEGER NOT NULL
);

CREATE TABLE concern_issues (
    id           INTEGER PRIMARY KEY,
    committee_id INTEGER NOT NULL REFERENCES committees (id),
    title        TEXT NOT NULL,
    created_at   INTEGER NOT NULL
);

CREATE TABLE issue_concerns (
    issue_id   INTEGER NOT NULL REFERENCES concern_issues (id),
    concern_id INTEGER NOT NULL REFERENCES concerns (id),
    PRIMARY KEY (issue_id, concern_id)
);

-- One row per agenda item, in order: a concern, an issue or an alert.
CREATE TABLE agenda_items (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    position   INTEGER NOT NULL,
    item       TEXT NOT NULL,
    PRIMARY KEY (meeting_id, position)
);

CREATE TABLE attendance (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    member_id  INTEGER NOT NULL REFERENCES committee_members (id),
    present    INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, member_id)
);

CREATE TABLE ballots (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    member_id  INTEGER NOT NULL REFERENCES committee_members (id),
    ranking    TEXT NOT NULL,
    PRIMARY KEY (meeting_id, member_id)
);

CREATE TABLE priorities (
    meeting_id  INTEGER PRIMARY KEY REFERENCES meetings (id),
    method      TEXT NOT NULL,
    result      TEXT NOT NULL,
    computed_at INTEGER NOT NULL
);
