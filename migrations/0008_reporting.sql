-- Reporting: the DDAS export and the monitor read signals and meldingen per municipality and period.

-- The export leaves out signals that were replaced by a newer version; without this index that check scans signals.
CREATE INDEX signals_previous_version_idx ON signals (previous_version_id) WHERE previous_version_id IS NOT NULL;

-- Vroegsignaalzaken of a period (keyset on period_start, id) and the monitor's per-period counts.
CREATE INDEX meldingen_period_idx ON meldingen (municipality_id, period_start, id);

-- The export reads signals of a period in (signal_date, id) order.
CREATE INDEX signals_period_idx ON signals (municipality_id, signal_date, id);

-- Monitor rollups (docs/monitor-indicatoren.md, "Rollups"). The dashboard does not aggregate a year of signals per
-- request: it sums these monthly counts per municipality, month, wijk and measure. A measure is a count
-- (category: partner type, contact kind or end result, else ''), or a histogram of day counts (`days`) from which
-- medians and percentiles are computed exactly. src/server/modules/monitor/rollup.ts fills it with the same SQL the
-- dashboard would otherwise run on the raw rows.
CREATE TABLE monitor_rollups (
  municipality_id uuid NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
  -- First day of the month.
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  -- For signals: the wijk of the melding, else of the matched address; for meldingen: meldingen.wijk_id. NULL: none.
  wijk_id uuid,
  measure text NOT NULL,
  category text NOT NULL DEFAULT '',
  days integer NOT NULL DEFAULT 0,
  n integer NOT NULL CHECK (n > 0)
);
CREATE INDEX monitor_rollups_month_idx ON monitor_rollups (municipality_id, month, wijk_id);

-- Months whose rollup no longer matches the raw rows. Triggers below add a month whenever a row that counts in it
-- changes; the refresh job (and a dashboard read, before it reads) recomputes those months and removes them here,
-- in one transaction, so the dashboard never shows a month that is out of date.
CREATE TABLE monitor_rollup_dirty (
  municipality_id uuid NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
  month date NOT NULL,
  PRIMARY KEY (municipality_id, month)
);

-- Statement-level triggers with transition tables: one INSERT per statement, also for a bulk import of 100,000 rows.

-- Signals count in the month of their signal_date; they also decide the first signal (and meervoudig) of their
-- melding, and a new version takes the place of the version before it.
CREATE FUNCTION monitor_mark_signals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'DELETE') THEN
    INSERT INTO monitor_rollup_dirty (municipality_id, month)
    SELECT DISTINCT municipality_id, date_trunc('month', d)::date FROM (
      SELECT r.municipality_id, r.signal_date AS d FROM changed_signals r
      UNION ALL
      SELECT p.municipality_id, p.signal_date FROM changed_signals r JOIN signals p ON p.id = r.previous_version_id
      UNION ALL
      SELECT m.municipality_id, m.period_start FROM changed_signals r JOIN meldingen m ON m.id = r.melding_id
    ) x
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO monitor_rollup_dirty (municipality_id, month)
    SELECT DISTINCT c.municipality_id, date_trunc('month', x.dd)::date FROM (
      SELECT r.municipality_id, r.signal_date AS d, r.previous_version_id, r.melding_id
        FROM old_signals r JOIN new_signals n USING (id)
       WHERE (r.municipality_id, r.signal_date, r.melding_id, r.partner_id, r.person_id, r.previous_version_id, r.is_crisis)
             IS DISTINCT FROM
             (n.municipality_id, n.signal_date, n.melding_id, n.partner_id, n.person_id, n.previous_version_id, n.is_crisis)
      UNION ALL
      SELECT n.municipality_id, n.signal_date, n.previous_version_id, n.melding_id
        FROM old_signals r JOIN new_signals n USING (id)
       WHERE (r.municipality_id, r.signal_date, r.melding_id, r.partner_id, r.person_id, r.previous_version_id, r.is_crisis)
             IS DISTINCT FROM
             (n.municipality_id, n.signal_date, n.melding_id, n.partner_id, n.person_id, n.previous_version_id, n.is_crisis)
    ) c
    CROSS JOIN LATERAL (
      SELECT c.d
      UNION ALL SELECT p.signal_date FROM signals p WHERE p.id = c.previous_version_id
      UNION ALL SELECT m.period_start FROM meldingen m WHERE m.id = c.melding_id
    ) x (dd)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER monitor_signals_insert AFTER INSERT ON signals REFERENCING NEW TABLE AS changed_signals
  FOR EACH STATEMENT EXECUTE FUNCTION monitor_mark_signals();
CREATE TRIGGER monitor_signals_update AFTER UPDATE ON signals
  REFERENCING OLD TABLE AS old_signals NEW TABLE AS new_signals
  FOR EACH STATEMENT EXECUTE FUNCTION monitor_mark_signals();
CREATE TRIGGER monitor_signals_delete AFTER DELETE ON signals REFERENCING OLD TABLE AS changed_signals
  FOR EACH STATEMENT EXECUTE FUNCTION monitor_mark_signals();

-- Meldingen count in the month of their period_start; their wijk is also the wijk of their signals.
CREATE FUNCTION monitor_mark_meldingen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'DELETE') THEN
    INSERT INTO monitor_rollup_dirty (municipality_id, month)
    SELECT DISTINCT municipality_id, date_trunc('month', period_start)::date FROM changed_meldingen
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO monitor_rollup_dirty (municipality_id, month)
    SELECT DISTINCT municipality_id, date_trunc('month', d)::date FROM (
      SELECT x.municipality_id, x.d
        FROM old_meldingen r JOIN new_meldingen n USING (id)
       CROSS JOIN LATERAL (VALUES (r.municipality_id, r.period_start), (n.municipality_id, n.period_start)) x (municipality_id, d)
       WHERE (r.municipality_id, r.period_start, r.wijk_id, r.status, r.is_crisis, r.enkelvoudig, r.meervoudig,
              r.opeenvolgend, r.deadline, r.taken_up_on, r.eindresultaat)
             IS DISTINCT FROM
             (n.municipality_id, n.period_start, n.wijk_id, n.status, n.is_crisis, n.enkelvoudig, n.meervoudig,
              n.opeenvolgend, n.deadline, n.taken_up_on, n.eindresultaat)
      UNION ALL
      SELECT s.municipality_id, s.signal_date
        FROM old_meldingen r JOIN new_meldingen n USING (id) JOIN signals s ON s.melding_id = n.id
       WHERE r.wijk_id IS DISTINCT FROM n.wijk_id
    ) c
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER monitor_meldingen_insert AFTER INSERT ON meldingen REFERENCING NEW TABLE AS changed_meldingen
  FOR EACH STATEMENT EXECUTE FUNCTION monitor_mark_meldingen();
CREATE TRIGGER monitor_meldingen_update AFTER UPDATE ON meldingen
  REFERENCING OLD TABLE AS old_meldingen NEW TABLE AS new_meldingen
  FOR EACH STATEMENT EXECUTE FUNCTION monitor_mark_meldingen();
CREATE TRIGGER monitor_meldingen_delete AFTER DELETE ON meldingen REFERENCING OLD TABLE AS changed_meldingen
  FOR EACH STATEMENT EXECUTE FUNCTION monitor_mark_meldingen();

-- Contact attempts count in the month of their melding.
CREATE FUNCTION monitor_mark_contact_attempts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO monitor_rollup_dirty (municipality_id, month)
    SELECT DISTINCT m.municipality_id, date_trunc('month', m.period_start)::date
      FROM (SELECT melding_id FROM old_attempts UNION SELECT melding_id FROM new_attempts) c
      JOIN meldingen m ON m.id = c.melding_id
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO monitor_rollup_dirty (municipality_id, month)
    SELECT DISTINCT m.municipality_id, date_trunc('month', m.period_start)::date
      FROM (SELECT DISTINCT melding_id FROM changed_attempts) c JOIN meldingen m ON m.id = c.melding_id
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER monitor_contact_attempts_insert AFTER INSERT ON contact_attempts
  REFERENCING NEW TABLE AS changed_attempts FOR EACH STATEMENT EXECUTE FUNCTION monitor_mark_contact_attempts();
CREATE TRIGGER monitor_contact_attempts_update AFTER UPDATE ON contact_attempts
  REFERENCING OLD TABLE AS old_attempts NEW TABLE AS new_attempts
  FOR EACH STATEMENT EXECUTE FUNCTION monitor_mark_contact_attempts();
-- (A melding deleted with its attempts marks its month itself; the cascade runs after that melding trigger.)
CREATE TRIGGER monitor_contact_attempts_delete AFTER DELETE ON contact_attempts
  REFERENCING OLD TABLE AS changed_attempts FOR EACH STATEMENT EXECUTE FUNCTION monitor_mark_contact_attempts();

-- Rarer changes that move signals between partner types or wijken: a partner's type, a person's address, an
-- address's wijk.
CREATE FUNCTION monitor_mark_signal_context() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'signal_partners' THEN
    INSERT INTO monitor_rollup_dirty (municipality_id, month)
    SELECT DISTINCT s.municipality_id, date_trunc('month', s.signal_date)::date
      FROM old_rows r JOIN new_rows n USING (id) JOIN signals s ON s.partner_id = n.id
     WHERE r.partner_type IS DISTINCT FROM n.partner_type
    ON CONFLICT DO NOTHING;
  ELSIF TG_TABLE_NAME = 'persons' THEN
    INSERT INTO monitor_rollup_dirty (municipality_id, month)
    SELECT DISTINCT s.municipality_id, date_trunc('month', s.signal_date)::date
      FROM old_rows r JOIN new_rows n USING (id) JOIN signals s ON s.person_id = n.id
     WHERE r.address_id IS DISTINCT FROM n.address_id
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO monitor_rollup_dirty (municipality_id, month)
    SELECT DISTINCT s.municipality_id, date_trunc('month', s.signal_date)::date
      FROM old_rows r JOIN new_rows n USING (id) JOIN persons p ON p.address_id = n.id JOIN signals s ON s.person_id = p.id
     WHERE r.wijk_id IS DISTINCT FROM n.wijk_id
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER monitor_signal_partners_update AFTER UPDATE ON signal_partners
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitor_mark_signal_context();
CREATE TRIGGER monitor_persons_update AFTER UPDATE ON persons
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitor_mark_signal_context();
CREATE TRIGGER monitor_addresses_update AFTER UPDATE ON addresses
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitor_mark_signal_context();

-- Whatever exists when this migration runs is not rolled up yet.
INSERT INTO monitor_rollup_dirty (municipality_id, month)
SELECT municipality_id, date_trunc('month', signal_date)::date FROM signals
UNION
SELECT municipality_id, date_trunc('month', period_start)::date FROM meldingen;
