-- The debt-help trajectory (schuldhulptraject) as DDAS schuldhulpverlening v1.0 models it, on top of the Wgs help
-- request of 0005: the help request IS the trajectory (its aanmelding), so the follow-up's warm handover starts one.
-- Single phases (informatie en advies, intake with beschikking, plan van aanpak, stabilisatie, oplossing,
-- schuldregeling, nazorg, uitstroom) are columns of the request; repeating ones (crisis interventions, moratoria,
-- voorlopige voorzieningen, begeleiding) are periods; debts are per creditor. Code lists are DDAS verbatim.

-- The municipality's term for the decision after the first conversation (Wgs art. 4a: set by the municipality).
CREATE TABLE debt_help_settings (
  municipality_id uuid PRIMARY KEY REFERENCES municipalities (id),
  decision_weeks integer NOT NULL DEFAULT 8 CHECK (decision_weeks BETWEEN 1 AND 26),
  due_soon_working_days integer NOT NULL DEFAULT 3 CHECK (due_soon_working_days BETWEEN 0 AND 30),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL
);

ALTER TABLE debt_help_requests
  -- Optimistic concurrency: every change bumps it; a stale version answers 409.
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN counsellor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  -- Why the situation is threatening (Wgs art. 4a lid 2): the 3-working-day clock.
  ADD COLUMN threat_kind text CHECK (threat_kind IN ('huisuitzetting', 'afsluiting_energie_water',
    'beeindiging_zorgverzekering', 'overig')),
  -- DDAS aanmelding.crisisinterventie and aanmelding.einddatum.
  ADD COLUMN crisis boolean NOT NULL DEFAULT false,
  ADD COLUMN aanmelding_end date,
  ADD COLUMN info_advies_start date,
  ADD COLUMN info_advies_end date,
  -- The intake starts with the first conversation (first_conversation_on of 0005).
  ADD COLUMN intake_end date,
  ADD COLUMN beschikking_on date,
  ADD COLUMN beschikkingssoort text CHECK (beschikkingssoort IN ('Afwijzingsbeschikking', 'Toelatingsbeschikking')),
  ADD COLUMN plan_van_aanpak_on date,
  ADD COLUMN stabilisatie_start date,
  ADD COLUMN stabilisatie_end date,
  ADD COLUMN oplossing_soort text CHECK (oplossing_soort IN ('Betalingsregeling', 'Herfinanciering',
    'Saneringskrediet', 'Schuldbemiddeling', '0%-aanbod')),
  ADD COLUMN oplossing_start date,
  ADD COLUMN oplossing_end date,
  -- Vrij te laten bedrag per month, in cents (DDAS: whole euros).
  ADD COLUMN vtlb_cents bigint CHECK (vtlb_cents >= 0),
  ADD COLUMN schuldregeling_on date,
  ADD COLUMN schuldregeling_toegekend date,
  ADD COLUMN schuldregeling_afgewezen date,
  ADD COLUMN schuldregeling_ingetrokken date,
  ADD COLUMN dwangakkoord boolean NOT NULL DEFAULT false,
  ADD COLUMN dwangakkoord_verzoek_on date,
  ADD COLUMN nazorg_start date,
  ADD COLUMN nazorg_end date,
  ADD COLUMN uitstroom_on date,
  ADD COLUMN uitstroom_reden text CHECK (uitstroom_reden IN ('Overleden', 'Verhuisd', 'Nietverschenen',
    'Ingetrokken', 'Niet passend', 'Overig', 'Voldoet niet', 'Afgerond', 'Zelf')),
  ADD COLUMN uitstroom_omschrijving text,
  ADD COLUMN beeindigingsbeschikking_on date,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  -- An uitstroom always has a reason (DDAS EnumUitstroomreden); a beschikking always has its kind.
  ADD CONSTRAINT debt_help_uitstroom_reden CHECK (uitstroom_on IS NULL OR uitstroom_reden IS NOT NULL),
  ADD CONSTRAINT debt_help_beschikking_soort CHECK ((beschikking_on IS NULL) = (beschikkingssoort IS NULL)),
  ADD CONSTRAINT debt_help_oplossing_soort CHECK (oplossing_start IS NULL OR oplossing_soort IS NOT NULL),
  ADD CONSTRAINT debt_help_dwangakkoord CHECK (dwangakkoord_verzoek_on IS NULL OR dwangakkoord);

-- The caseload of a counsellor and the export's period scan.
CREATE INDEX debt_help_requests_counsellor_idx ON debt_help_requests (municipality_id, counsellor_id, requested_on)
  WHERE uitstroom_on IS NULL;
CREATE INDEX debt_help_requests_period_idx ON debt_help_requests (municipality_id, requested_on, id);

-- The one or two residents the trajectory is for (DDAS client, 1..2): persons of the BRP.
CREATE TABLE debt_help_clients (
  debt_help_request_id uuid NOT NULL REFERENCES debt_help_requests (id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES persons (id),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  position smallint NOT NULL CHECK (position IN (1, 2)),
  PRIMARY KEY (debt_help_request_id, person_id),
  UNIQUE (debt_help_request_id, position)
);

-- Repeating parts with a start and an end: crisisinterventies, moratoria, voorlopige voorzieningen, begeleiding.
CREATE TABLE debt_help_periods (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  debt_help_request_id uuid NOT NULL REFERENCES debt_help_requests (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('crisisinterventie', 'moratorium', 'voorlopige_voorziening', 'begeleiding')),
  start_on date NOT NULL,
  end_on date,
  -- Moratorium: the request to the court and its approval (Fw art. 287b).
  requested_on date,
  approved_on date,
  -- Begeleiding: DDAS EnumBegeleidingssoort, verbatim.
  begeleidingssoort text CHECK (begeleidingssoort IN ('Budgetcoaching', 'Budgetbeheer', 'Beschermingsbewind',
    'Lange Termijn Begeleiding (DFD)', 'Budgetbegeleiding')),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT debt_help_periods_order CHECK (end_on IS NULL OR end_on >= start_on),
  CONSTRAINT debt_help_periods_begeleiding CHECK ((kind = 'begeleiding') = (begeleidingssoort IS NOT NULL)),
  -- Fw art. 287b lid 4: a moratorium lasts at most six months.
  CONSTRAINT debt_help_periods_moratorium CHECK (kind <> 'moratorium' OR end_on IS NULL
    OR end_on <= (start_on + interval '6 months')::date)
);
CREATE INDEX debt_help_periods_request_idx ON debt_help_periods (debt_help_request_id, kind, start_on);

-- Debts per creditor, in cents. DDAS EnumSchuldensoort verbatim; the status is Vangnet's own.
CREATE TABLE debts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  debt_help_request_id uuid NOT NULL REFERENCES debt_help_requests (id) ON DELETE CASCADE,
  creditor_name text NOT NULL CHECK (length(creditor_name) BETWEEN 1 AND 200),
  creditor_kvk text CHECK (creditor_kvk ~ '^[0-9]{8}$'),
  creditor_postcode text CHECK (creditor_postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'),
  creditor_is_private boolean NOT NULL DEFAULT false,
  schuldsoort text NOT NULL CHECK (schuldsoort IN ('Zorg', 'Publiek', 'Nuts', 'Overig')),
  is_business boolean NOT NULL DEFAULT false,
  original_cents bigint NOT NULL CHECK (original_cents >= 0 AND original_cents <= 100000000000),
  current_cents bigint NOT NULL CHECK (current_cents >= 0 AND current_cents <= 100000000000),
  status text NOT NULL DEFAULT 'in_inventarisatie' CHECK (status IN ('in_inventarisatie', 'aanbod_verstuurd',
    'akkoord', 'betaald')),
  -- DDAS peildatum: the day the amount was established.
  established_on date NOT NULL,
  reference text CHECK (length(reference) <= 100),
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX debts_request_idx ON debts (debt_help_request_id, created_at, id);

-- Reminders of the statutory clocks, written by the daily job (idempotent: one per clock, period and kind).
CREATE TABLE debt_help_reminders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  debt_help_request_id uuid NOT NULL REFERENCES debt_help_requests (id) ON DELETE CASCADE,
  clock text NOT NULL CHECK (clock IN ('eerste_gesprek', 'beschikking', 'crisisinterventie', 'moratorium',
    'schuldregeling')),
  period_id uuid REFERENCES debt_help_periods (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
  due_on date NOT NULL,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz
);
CREATE UNIQUE INDEX debt_help_reminders_once_idx ON debt_help_reminders (debt_help_request_id, clock,
  coalesce(period_id, '00000000-0000-0000-0000-000000000000'::uuid), kind);
CREATE INDEX debt_help_reminders_open_idx ON debt_help_reminders (municipality_id, user_id, due_on)
  WHERE resolved_at IS NULL;
