-- Concerns in the confidential categories (gbv, security_conduct) are shown
-- only to accounts explicitly allowed to handle them.
ALTER TABLE users ADD COLUMN confidential INTEGER NOT NULL DEFAULT 0;
