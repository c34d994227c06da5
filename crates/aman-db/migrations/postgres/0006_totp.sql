-- Two-factor authentication (RFC 6238 TOTP). The secret is sealed under the
-- data key (associated data `user:ID:totp`); the last step used makes each
-- code single-use, across every server sharing the database.
ALTER TABLE users ADD COLUMN totp_sealed BYTEA;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
