-- Sign-in attempts per account, counted atomically: an attempt is reserved
-- (one UPDATE) before the password is checked, so parallel guesses cannot
-- all slip in before the lockout sees them; a success clears the count.
ALTER TABLE users ADD COLUMN login_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN login_window_start INTEGER;
