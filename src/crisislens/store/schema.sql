CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE TABLE IF NOT EXISTS articles (
    article_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    title VARCHAR,
    published DATE,
    source VARCHAR,
    url VARCHAR,
    byline VARCHAR,
    dateline VARCHAR,
    origin VARCHAR,
    text VARCHAR NOT NULL,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS sentences (
    article_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    PRIMARY KEY (article_id, sentence_index)
);

CREATE TABLE IF NOT EXISTS actor_mentions (
    article_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    surface VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    type VARCHAR,
    country VARCHAR,
    role VARCHAR
);

CREATE TABLE IF NOT EXISTS mentions (
    mention_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    cameo VARCHAR NOT NULL,
    record JSON NOT NULL
);

CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    date DATE,
    date_precision VARCHAR,
    source_actor_id VARCHAR,
    source_name VARCHAR,
    target_actor_id VARCHAR,
    target_name VARCHAR,
    cameo VARCHAR NOT NULL,
    cameo_root VARCHAR NOT NULL,
    quad_class INTEGER,
    goldstein DOUBLE,
    plover VARCHAR,
    location_name VARCHAR,
    location_country VARCHAR,
    fatalities INTEGER,
    injured INTEGER,
    num_articles INTEGER NOT NULL,
    record JSON NOT NULL,
    acled_type VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    source_country VARCHAR,
    target_country VARCHAR
);
-- Databases made before these columns existed get them on open (upgrade.sql fills them from each event's record).
ALTER TABLE events ADD COLUMN IF NOT EXISTS acled_type VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_lat DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_lon DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS source_country VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS target_country VARCHAR;
CREATE TABLE IF NOT EXISTS event_mentions (
    event_id VARCHAR NOT NULL,
    mention_id VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS actors (
    actor_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    type VARCHAR,
    country VARCHAR,
    role VARCHAR,
    aliases VARCHAR[],
    mentions INTEGER
);
