-- The search text is the description through aman_core::text::normalise,
-- which now also folds the Kurdish letters, Persian letters and Latin accents.
-- Emptied here, it is filled again with the new form at start (Db::fill_search_text).
UPDATE concerns SET search_text = NULL;
