-- A survey stops taking answers after the day it closes (a poll of 2017
-- is history, not an open form); NULL: open.
ALTER TABLE survey_forms ADD COLUMN closes_on BIGINT;
