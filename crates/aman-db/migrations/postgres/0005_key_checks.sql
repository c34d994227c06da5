-- Proof that the key file in use belongs to this database: a MAC under the
-- receipt key and a value sealed under the current data key, written at the
-- first start and checked at every start after.
CREATE TABLE key_checks (
    name        TEXT PRIMARY KEY,
    value       TEXT NOT NULL
);
