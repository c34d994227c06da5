-- 1 when the concern's text was flagged for hate speech or incitement as it
-- arrived (aman_text::flag): flagged for staff to review, never hidden; the
-- early warning counts flagged concerns as a series of their own.
ALTER TABLE concerns ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;
