-- Free-text survey answers are sealed like reporters' contact details
-- (XChaCha20-Poly1305 under the data key, bound to the response); the
-- answers column keeps only the coded answers the estimates read.
ALTER TABLE survey_responses ADD COLUMN text_sealed BLOB;
