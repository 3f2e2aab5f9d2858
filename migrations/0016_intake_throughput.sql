-- Intake throughput (issue 4). The monitor's statement triggers of 0008 joined each statement's transition table
-- to all of signals / meldingen. The planner knows nothing about a transition table's keys and, during a long
-- import, has statistics from when the tables were small, so it hashed or sorted the whole table for every chunk:
-- the cost of a chunk grew with everything imported before it. Here the same triggers look up only the rows they
-- need, one index probe per key (a LATERAL subquery with OFFSET 0 cannot be flattened into a join, so it stays a
-- nested loop over the primary key or signals_melding_idx). What they mark dirty is unchanged.

CREATE OR REPLACE FUNCTION monitor_mark_signals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'DELETE') THEN
    INSERT INTO monitor_rollup_dirty (municipality_id, month)
    SELECT DISTINCT municipality_id, date_trunc('month', d)::date FROM (
      SELECT r.municipality_id, r.signal_date AS d FROM changed_signals r
      UNION ALL
      SELECT p.municipality_id, p.signal_date
        FROM (SELECT DISTINCT previous_version_id FROM changed_signals WHERE previous_version_id IS NOT NULL) r
       CROSS JOIN LATERAL (SELECT p.municipality_id, p.signal_date FROM signals p
                            WHERE p.id = r.previous_version_id OFFSET 0) p
      UNION ALL
      SELECT m.municipality_id, m.period_start
        FROM (SELECT DISTINCT melding_id FROM changed_signals WHERE melding_id IS NOT NULL) r
       CROSS JOIN LATERAL (SELECT m.municipality_id, m.period_start FROM meldingen m
                            WHERE m.id = r.melding_id OFFSET 0) m
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
      UNION ALL (SELECT p.signal_date FROM signals p WHERE p.id = c.previous_version_id OFFSET 0)
      UNION ALL (SELECT m.period_start FROM meldingen m WHERE m.id = c.melding_id OFFSET 0)
    ) x (dd)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION monitor_mark_meldingen() RETURNS trigger LANGUAGE plpgsql AS $$
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
        FROM (SELECT n.id FROM old_meldingen r JOIN new_meldingen n USING (id)
               WHERE r.wijk_id IS DISTINCT FROM n.wijk_id OFFSET 0) c
       CROSS JOIN LATERAL (SELECT s.municipality_id, s.signal_date FROM signals s
                            WHERE s.melding_id = c.id OFFSET 0) s
    ) c
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

-- Bundling looks up the open meldingen of an address per period, one probe per address of a chunk. The index
-- leads with the fingerprint (an HMAC that includes the municipality, so it is as selective alone): the pipeline
-- checks the municipality outside the probe, and so no index that leads with municipality_id (meldingen_period_idx
-- and the list indexes) can look as cheap to a planner without statistics, as happens during a long import.
-- It replaces (municipality_id, address_fingerprint, period_start), so meldingen keep the same number of indexes;
-- the address history of the follow-up page uses it as well.
CREATE INDEX meldingen_address_period_idx ON meldingen (address_fingerprint, period_start);
DROP INDEX meldingen_fingerprint_idx;

-- Fewer indexes to write per signal. signals_period_idx (municipality_id, signal_date, id) serves every query
-- signals_municipality_idx (municipality_id, signal_date DESC) did, read backwards. Content hashes are looked up
-- only for signals without the partner's own id (a resend with an id is recognised by that id), so only those are
-- indexed: a file with ids no longer writes this index at all.
DROP INDEX signals_municipality_idx;
DROP INDEX signals_content_hash_idx;
CREATE INDEX signals_content_hash_idx ON signals (partner_id, content_hash) WHERE external_id IS NULL;
