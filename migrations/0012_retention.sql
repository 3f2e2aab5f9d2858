-- Retention (AVG) of vroegsignalering data, and the change time that feedback to partners (terugmeldingen) is
-- paged on. Retention deletes personal data in place: rows stay (with their dates, codes, amounts and the
-- address fingerprint) so statistics, the DDAS counts and the six-month look-back keep working.

-- --- Terugmeldingen ------------------------------------------------------------------------------------------
-- What a partner may learn of a signal (taken up or not, help accepted or not) changes when the signal's DDAS
-- status changes or its melding closes. Triggers keep the change time, so no service has to remember it and a
-- partner's cursor on (feedback_changed_at, id) never misses a change.
ALTER TABLE signals
  ADD COLUMN feedback_changed_at timestamptz NOT NULL DEFAULT now(),
  -- Set by the retention job: the person's data of this signal is gone.
  ADD COLUMN personal_data_deleted_at timestamptz;
CREATE INDEX signals_feedback_idx ON signals (partner_id, feedback_changed_at, id);

CREATE FUNCTION signals_feedback_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.ddas_status IS DISTINCT FROM OLD.ddas_status OR NEW.melding_id IS DISTINCT FROM OLD.melding_id THEN
    NEW.feedback_changed_at := clock_timestamp();
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER signals_feedback_touch BEFORE UPDATE ON signals
  FOR EACH ROW EXECUTE FUNCTION signals_feedback_touch();

CREATE FUNCTION meldingen_feedback_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status OR NEW.eindresultaat IS DISTINCT FROM OLD.eindresultaat THEN
    UPDATE signals SET feedback_changed_at = clock_timestamp() WHERE melding_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER meldingen_feedback_touch AFTER UPDATE ON meldingen
  FOR EACH ROW EXECUTE FUNCTION meldingen_feedback_touch();

-- --- Retention ----------------------------------------------------------------------------------------------
-- Terms per municipality, in months. Defaults as used in practice: a signal that led to no contact 6 months
-- after the signal, a taken-up signal 12 months after the signal, a closed melding 18 months after closing.
CREATE TABLE retention_settings (
  municipality_id uuid PRIMARY KEY REFERENCES municipalities (id),
  no_contact_months integer NOT NULL DEFAULT 6 CHECK (no_contact_months BETWEEN 1 AND 120),
  taken_up_months integer NOT NULL DEFAULT 12 CHECK (taken_up_months BETWEEN 1 AND 120),
  closed_months integer NOT NULL DEFAULT 18 CHECK (closed_months BETWEEN 1 AND 120),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL
);

-- A legal hold (objection, complaint, court case, inquiry) stops deletion of one melding until it is lifted.
-- The reason is a code, never free text: the hold itself must not become a new place for personal data.
ALTER TABLE meldingen
  ADD COLUMN legal_hold_reason text CHECK (legal_hold_reason IN ('bezwaar', 'klacht', 'rechtszaak',
    'onderzoek', 'overig')),
  ADD COLUMN legal_hold_set_at timestamptz,
  ADD COLUMN legal_hold_set_by uuid REFERENCES users (id) ON DELETE SET NULL,
  ADD COLUMN personal_data_deleted_at timestamptz;
CREATE INDEX meldingen_retention_idx ON meldingen (municipality_id, closed_at)
  WHERE personal_data_deleted_at IS NULL;

-- A stored print run holds the letters of many meldingen; it goes as soon as one of them expires.
ALTER TABLE letter_batches ADD COLUMN pdf_deleted_at timestamptz;
