-- A field device's password (ODK Collect, KoboCollect): one per staff
-- account, only its hash kept, replaced when a new one is issued and
-- deleted when revoked. It opens the OpenRosa routes and nothing else.
CREATE TABLE device_passwords (
    user_id     BIGINT PRIMARY KEY REFERENCES users (id),
    secret_hash TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);
