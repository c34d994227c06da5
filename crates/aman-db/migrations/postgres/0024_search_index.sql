-- Words searched in the queue are found through a trigram index of the
-- descriptions' search keys, not by reading every concern's text: pg_trgm's
-- GIN index serves `search_text LIKE '%…%'` for patterns of three or more
-- letters (pg_trgm is a trusted extension: the database's owner may add it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX concerns_search ON concerns USING gin (search_text gin_trgm_ops);
