-- The queue lists concerns newest first: walking this index it stops at a
-- page's worth of matches instead of sorting every concern in scope.
CREATE INDEX concerns_by_time ON concerns (submitted_at, id);
-- The public figures count a year of concerns by area, category and status:
-- read from this index alone, not from the concerns' whole rows.
CREATE INDEX concerns_counted ON concerns (submitted_at, area, category, status);
