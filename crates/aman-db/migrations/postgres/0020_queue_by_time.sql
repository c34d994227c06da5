-- The queue lists concerns newest first: walking this index it stops at a
-- page's worth of matches instead of sorting every concern in scope.
CREATE INDEX concerns_by_time ON concerns (submitted_at, id);
