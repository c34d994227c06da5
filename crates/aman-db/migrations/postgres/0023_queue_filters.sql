-- The queue filtered by kind, or by kind and status: newest first within
-- them, with the area (and status) in the index so that matches are counted
-- from the index alone, without reading the concerns' rows.
CREATE INDEX concerns_by_category ON concerns (category, submitted_at, area, status);
CREATE INDEX concerns_by_status_category ON concerns (status, category, submitted_at, area);
