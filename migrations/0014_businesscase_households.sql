-- Issue 9, speed of the business-case view. The view counts distinct households per intervention type and over
-- all types for any period [from, to]. Counting them by hashing every intervention of the period (some 80,000 a
-- year for 100,000 households) took most of the view's time, and no additive rollup can answer a distinct count
-- for an arbitrary period. Instead every intervention carries the date of the same household's previous
-- intervention (in the order started_on, id), over all types and within its own type. In any period exactly one
-- intervention of a household has its previous one before the period (or none): the household's first in the
-- period. So "households in [from, to]" = count of the period's interventions whose previous date is NULL or
-- before `from`: one index-only scan with six groups, no hash of household ids (docs/decisions/0011).

ALTER TABLE interventions
  ADD COLUMN household_prev_on date,
  ADD COLUMN household_type_prev_on date;

-- Recomputes the two dates for every intervention of the given households (a handful of rows each), writing only
-- rows whose dates change. Callers hold the municipality's lock (below).
CREATE FUNCTION interventions_relink_households(households uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE interventions i
     SET household_prev_on = x.prev_on, household_type_prev_on = x.type_prev_on
    FROM (SELECT id,
                 lag(started_on) OVER (PARTITION BY household_case_id ORDER BY started_on, id) AS prev_on,
                 lag(started_on) OVER (PARTITION BY household_case_id, intervention_type
                                       ORDER BY started_on, id) AS type_prev_on
            FROM interventions WHERE household_case_id = ANY (households)) x
   WHERE i.id = x.id
     AND (i.household_prev_on, i.household_type_prev_on) IS DISTINCT FROM (x.prev_on, x.type_prev_on)
$$;

-- Statement-level with transition tables, so a bulk insert relinks in one set-based UPDATE. Two transactions
-- adding interventions for the same household must not each link against a snapshot without the other's row:
-- a transaction-level advisory lock per municipality serialises the relinking, and the UPDATE after it takes a
-- fresh snapshot (READ COMMITTED) that sees every row committed before. Recording interventions is rare next to
-- reading the view, so one lock per municipality costs nothing noticeable, and a bulk insert of 100,000
-- households takes one lock instead of 100,000.
CREATE FUNCTION interventions_link_households() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed uuid[];
  municipalities uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT household_case_id), array_agg(DISTINCT municipality_id)
      INTO changed, municipalities
      FROM new_interventions WHERE household_case_id IS NOT NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT household_case_id), array_agg(DISTINCT municipality_id)
      INTO changed, municipalities
      FROM old_interventions WHERE household_case_id IS NOT NULL;
  ELSE
    -- Only a change of household, type or date moves an intervention in the chains; relinking itself (which
    -- changes only the two dates) ends here.
    SELECT array_agg(DISTINCT x.h), array_agg(DISTINCT x.m) INTO changed, municipalities
      FROM old_interventions o JOIN new_interventions n USING (id)
     CROSS JOIN LATERAL (VALUES (o.household_case_id, o.municipality_id), (n.household_case_id, n.municipality_id))
           x (h, m)
     WHERE x.h IS NOT NULL
       AND (o.household_case_id, o.intervention_type, o.started_on)
           IS DISTINCT FROM (n.household_case_id, n.intervention_type, n.started_on);
    -- An intervention no longer of any household has no previous one. (Guarded: an UPDATE fires this statement
    -- trigger again even when it changes no row.)
    IF EXISTS (SELECT 1 FROM new_interventions
                WHERE household_case_id IS NULL
                  AND (household_prev_on IS NOT NULL OR household_type_prev_on IS NOT NULL)) THEN
      UPDATE interventions i SET household_prev_on = NULL, household_type_prev_on = NULL
        FROM new_interventions n
       WHERE i.id = n.id AND n.household_case_id IS NULL;
    END IF;
  END IF;
  IF changed IS NULL THEN
    RETURN NULL;
  END IF;
  -- In a stable order (array_agg DISTINCT sorts), so two bulk statements cannot deadlock on each other.
  PERFORM pg_advisory_xact_lock(hashtext('vangnet:interventions'), hashtext(m::text)) FROM unnest(municipalities) m;
  PERFORM interventions_relink_households(changed);
  RETURN NULL;
END $$;

CREATE TRIGGER interventions_link_insert AFTER INSERT ON interventions REFERENCING NEW TABLE AS new_interventions
  FOR EACH STATEMENT EXECUTE FUNCTION interventions_link_households();
CREATE TRIGGER interventions_link_update AFTER UPDATE ON interventions
  REFERENCING OLD TABLE AS old_interventions NEW TABLE AS new_interventions
  FOR EACH STATEMENT EXECUTE FUNCTION interventions_link_households();
CREATE TRIGGER interventions_link_delete AFTER DELETE ON interventions REFERENCING OLD TABLE AS old_interventions
  FOR EACH STATEMENT EXECUTE FUNCTION interventions_link_households();

-- The interventions recorded before this migration.
SELECT interventions_relink_households(array_agg(DISTINCT household_case_id))
  FROM interventions WHERE household_case_id IS NOT NULL HAVING count(*) > 0;

-- The view's one scan: the period's rows of one municipality with everything the counts and sums need, so it is
-- an index-only scan. Replaces interventions_period_idx (same leading columns; the type is only ever a filter).
CREATE INDEX interventions_view_idx ON interventions (municipality_id, started_on)
  INCLUDE (intervention_type, household_case_id, household_prev_on, household_type_prev_on, cost_cents, hours);
DROP INDEX interventions_period_idx;
