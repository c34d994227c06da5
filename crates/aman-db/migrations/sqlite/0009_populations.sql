-- Population of each area (for rates per 10,000 people in the Community
-- Security Index), imported with `aman import population`.
CREATE TABLE populations (
    area       TEXT PRIMARY KEY REFERENCES areas (pcode),
    population INTEGER NOT NULL,
    year       INTEGER NOT NULL
);
