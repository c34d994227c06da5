-- Referrals of a concern to an organisation, with a response deadline. The
-- organisation's staff (users.organisation_id) acknowledge, respond or
-- decline; an overdue referral escalates to the committee, then one area
-- level up (aman_core::committee::referral).
CREATE TABLE referrals (
    id              INTEGER PRIMARY KEY,
    concern_id      INTEGER NOT NULL REFERENCES concerns (id),
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    severity        TEXT NOT NULL,
    sent_at         INTEGER NOT NULL,
    deadline_at     INTEGER NOT NULL,
    status          TEXT NOT NULL,
    acknowledged_at INTEGER,
    responded_at    INTEGER,
    response        TEXT NOT NULL,
    escalation      TEXT NOT NULL,
    version         INTEGER NOT NULL
);
CREATE INDEX referrals_by_organisation ON referrals (organisation_id, status);
CREATE INDEX referrals_by_concern ON referrals (concern_id);
