-- Words searched in the queue are found through a trigram index of the
-- descriptions' search keys, not by reading every concern's text: an FTS5
-- table over `concerns.search_text` (external content: the text is kept
-- once, in `concerns`), kept in step by triggers. A phrase of three or more
-- letters matches wherever it occurs inside a text, as `LIKE '%…%'` does.
CREATE VIRTUAL TABLE concern_search USING fts5(
    search_text, content = 'concerns', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER concern_search_insert AFTER INSERT ON concerns WHEN new.search_text IS NOT NULL BEGIN
    INSERT INTO concern_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER concern_search_delete AFTER DELETE ON concerns WHEN old.search_text IS NOT NULL BEGIN
    INSERT INTO concern_search (concern_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER concern_search_forget AFTER UPDATE OF search_text ON concerns WHEN old.search_text IS NOT NULL BEGIN
    INSERT INTO concern_search (concern_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER concern_search_learn AFTER UPDATE OF search_text ON concerns WHEN new.search_text IS NOT NULL BEGIN
    INSERT INTO concern_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
INSERT INTO concern_search (rowid, search_text) SELECT id, search_text FROM concerns WHERE search_text IS NOT NULL;
