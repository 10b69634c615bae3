-- Run once on a database of an older schema version (not on every open: it reads every event's record).
-- Fills the columns schema.sql adds from each event's record.
UPDATE events SET
    location_lat = CAST(record->>'$.location.lat' AS DOUBLE),
    location_lon = CAST(record->>'$.location.lon' AS DOUBLE),
    source_country = record->>'$.source_actor.country',
    target_country = record->>'$.target_actor.country'
WHERE location_lat IS NULL AND source_country IS NULL AND target_country IS NULL
    AND (record->>'$.location.lat' IS NOT NULL OR record->>'$.source_actor.country' IS NOT NULL OR record->>'$.target_actor.country' IS NOT NULL);
