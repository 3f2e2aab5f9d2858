-- The monitor's part months (issue 6). A period that starts or ends inside a month (15 January to 14 December)
-- counted its edge months live from the raw rows on every read: about a second each under load. The rollup rows of
-- such an edge range are now kept like the monthly ones, per (municipality, from, to), and dropped by the same
-- dirty-month refresh that recomputes a month (rollup.ts, refreshDirtyMonths), so they are never stale.
CREATE TABLE monitor_partial_ranges (
  municipality_id uuid NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
  from_date date NOT NULL,
  to_date date NOT NULL CHECK (to_date >= from_date),
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, from_date, to_date)
);

CREATE TABLE monitor_partial_rollups (
  municipality_id uuid NOT NULL,
  from_date date NOT NULL,
  to_date date NOT NULL,
  wijk_id uuid,
  measure text NOT NULL,
  category text NOT NULL DEFAULT '',
  days integer NOT NULL DEFAULT 0,
  n integer NOT NULL CHECK (n > 0),
  FOREIGN KEY (municipality_id, from_date, to_date)
    REFERENCES monitor_partial_ranges (municipality_id, from_date, to_date) ON DELETE CASCADE
);
CREATE INDEX monitor_partial_rollups_range_idx ON monitor_partial_rollups (municipality_id, from_date, to_date);
