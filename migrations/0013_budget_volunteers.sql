-- Issue 9: budgetmaatjes (volunteers matched to residents), the business case per intervention with a versioned
-- societal price list and the "wat werkt" catalogue, and the maatwerkbudget with its gate before approval.
-- Amounts are whole cents. Every table carries municipality_id; services filter on it.

-- === Budgetmaatjes ============================================================================================

-- A volunteer organisation (e.g. SchuldHulpMaatje, Humanitas) and the coordinators (users with the role
-- coordinator_vrijwilligers) who work for it.
CREATE TABLE volunteer_organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  contact_email text,
  phone text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, name)
);

CREATE TABLE volunteer_coordinators (
  organisation_id uuid NOT NULL REFERENCES volunteer_organisations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  PRIMARY KEY (organisation_id, user_id)
);

-- A volunteer: intake, training, VOG (verklaring omtrent het gedrag) with its expiry date, availability
-- (day-part slots such as 'ma-ochtend'), languages (ISO 639-1), background tags and migration experience, wijk,
-- and the kinds of help given. user_id links the volunteer's own login (role vrijwilliger), when they have one.
CREATE TABLE volunteers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  organisation_id uuid NOT NULL REFERENCES volunteer_organisations (id),
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  email text,
  phone text,
  intake_on date,
  training_status text NOT NULL DEFAULT 'niet_gestart'
    CHECK (training_status IN ('niet_gestart', 'bezig', 'afgerond')),
  vog_issued_on date,
  vog_expires_on date,
  availability text[] NOT NULL DEFAULT '{}',
  languages text[] NOT NULL DEFAULT '{}',
  backgrounds text[] NOT NULL DEFAULT '{}',
  migration_experience boolean NOT NULL DEFAULT false,
  wijk_id uuid REFERENCES wijken (id),
  help_kinds text[] NOT NULL DEFAULT '{}',
  max_matches integer NOT NULL DEFAULT 1 CHECK (max_matches BETWEEN 1 AND 10),
  status text NOT NULL DEFAULT 'actief' CHECK (status IN ('actief', 'pauze', 'gestopt')),
  note text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT volunteers_vog_order CHECK (vog_expires_on IS NULL OR vog_issued_on IS NULL OR vog_expires_on >= vog_issued_on)
);
CREATE INDEX volunteers_municipality_idx ON volunteers (municipality_id, status, display_name, id);
CREATE UNIQUE INDEX volunteers_user_idx ON volunteers (municipality_id, user_id) WHERE user_id IS NOT NULL;

-- A resident's request for a budgetmaatje, with what the resident consented to share with a volunteer (a name to
-- use, a way to reach them, a short summary) and the preferences matching looks at.
CREATE TABLE volunteer_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_case_id uuid REFERENCES household_cases (id),
  organisation_id uuid REFERENCES volunteer_organisations (id),
  resident_name text NOT NULL CHECK (length(resident_name) BETWEEN 1 AND 100),
  resident_contact text,
  shared_summary text NOT NULL CHECK (length(shared_summary) BETWEEN 1 AND 2000),
  consent_given_on date NOT NULL,
  help_kinds text[] NOT NULL CHECK (cardinality(help_kinds) > 0),
  languages text[] NOT NULL DEFAULT '{}',
  background text,
  wants_migration_experience boolean NOT NULL DEFAULT false,
  wijk_id uuid REFERENCES wijken (id),
  availability text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'gekoppeld', 'gesloten')),
  requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX volunteer_requests_list_idx ON volunteer_requests (municipality_id, status, created_at DESC, id);

-- A match: the coordinator's decision, with the reasons the ranking gave. Ending it names the side that ended it.
CREATE TABLE volunteer_matches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  request_id uuid NOT NULL REFERENCES volunteer_requests (id),
  volunteer_id uuid NOT NULL REFERENCES volunteers (id),
  household_case_id uuid REFERENCES household_cases (id),
  network_member_id uuid REFERENCES household_network_members (id) ON DELETE SET NULL,
  reasons jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'actief' CHECK (status IN ('actief', 'beeindigd')),
  matched_by uuid REFERENCES users (id) ON DELETE SET NULL,
  matched_at timestamptz NOT NULL DEFAULT now(),
  ended_on date,
  ended_side text CHECK (ended_side IN ('bewoner', 'vrijwilliger', 'organisatie')),
  end_reason text,
  ended_by uuid REFERENCES users (id) ON DELETE SET NULL,
  CONSTRAINT volunteer_matches_end CHECK ((status = 'beeindigd') = (ended_on IS NOT NULL AND ended_side IS NOT NULL))
);
CREATE UNIQUE INDEX volunteer_matches_one_active_idx ON volunteer_matches (request_id) WHERE status = 'actief';
CREATE INDEX volunteer_matches_volunteer_idx ON volunteer_matches (volunteer_id, status);
CREATE INDEX volunteer_matches_municipality_idx ON volunteer_matches (municipality_id, status, matched_at DESC, id);

-- Meetings and progress a volunteer logs.
CREATE TABLE volunteer_meetings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  match_id uuid NOT NULL REFERENCES volunteer_matches (id) ON DELETE CASCADE,
  met_on date NOT NULL,
  minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  note text NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
  goal_id uuid REFERENCES household_goals (id) ON DELETE SET NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX volunteer_meetings_match_idx ON volunteer_meetings (match_id, met_on DESC);

-- A volunteer's one-click escalation to the household's regisseur.
CREATE TABLE volunteer_escalations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  match_id uuid NOT NULL REFERENCES volunteer_matches (id) ON DELETE CASCADE,
  household_case_id uuid REFERENCES household_cases (id),
  regisseur_id uuid REFERENCES users (id) ON DELETE SET NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  handled_at timestamptz,
  handled_by uuid REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX volunteer_escalations_open_idx ON volunteer_escalations (municipality_id, regisseur_id, created_at DESC)
  WHERE handled_at IS NULL;

-- === Business case ===========================================================================================

-- The societal price list (maatschappelijke prijslijst): immutable versions; a change is a new version. Amounts
-- are in prices of price_year and indexed to the year asked for with index_percent per year.
CREATE TABLE price_list_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  version integer NOT NULL CHECK (version >= 1),
  valid_from date NOT NULL,
  index_percent numeric(5, 2) NOT NULL DEFAULT 0 CHECK (index_percent BETWEEN -20 AND 50),
  note text NOT NULL DEFAULT '',
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, version)
);
CREATE INDEX price_list_versions_valid_idx ON price_list_versions (municipality_id, valid_from DESC, version DESC);

CREATE TABLE price_list_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  version_id uuid NOT NULL REFERENCES price_list_versions (id) ON DELETE CASCADE,
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,59}$'),
  label text NOT NULL CHECK (length(label) BETWEEN 2 AND 200),
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  unit text NOT NULL CHECK (unit IN ('per_gebeurtenis', 'per_maand', 'per_jaar', 'per_traject')),
  price_year integer NOT NULL CHECK (price_year BETWEEN 1990 AND 2100),
  source text NOT NULL CHECK (length(btrim(source)) > 0),
  confidence text NOT NULL CHECK (confidence IN ('laag', 'midden', 'hoog')),
  valid_from date NOT NULL,
  is_example boolean NOT NULL DEFAULT false,
  UNIQUE (version_id, code)
);

-- The assumptions of the business case per municipality: the hourly rate of professional time and the ranges of
-- probability that an avoided risk would have happened, per confidence of the worker's judgement.
CREATE TABLE businesscase_settings (
  municipality_id uuid PRIMARY KEY REFERENCES municipalities (id),
  hourly_rate_cents integer NOT NULL DEFAULT 0 CHECK (hourly_rate_cents >= 0),
  assumptions jsonb NOT NULL DEFAULT '{}',
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- An intervention for a household, with its costs in money and professional hours. source_kind/source_id point at
-- the record that produced it (a maatwerkbudget payment, a budgetmaatje match) when it was not entered by hand.
CREATE TABLE interventions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_case_id uuid REFERENCES household_cases (id),
  intervention_type text NOT NULL CHECK (intervention_type ~ '^[a-z][a-z0-9_]{1,59}$'),
  started_on date NOT NULL,
  cost_cents bigint NOT NULL DEFAULT 0 CHECK (cost_cents >= 0),
  hours numeric(8, 2) NOT NULL DEFAULT 0 CHECK (hours >= 0),
  note text NOT NULL DEFAULT '',
  source_kind text NOT NULL DEFAULT 'handmatig' CHECK (source_kind IN ('handmatig', 'maatwerkbudget', 'budgetmaatje')),
  source_id uuid,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX interventions_period_idx ON interventions (municipality_id, started_on, intervention_type)
  INCLUDE (cost_cents, hours, household_case_id);
CREATE UNIQUE INDEX interventions_source_idx ON interventions (source_kind, source_id) WHERE source_id IS NOT NULL;
CREATE INDEX interventions_case_idx ON interventions (household_case_id);

-- An outcome: a risk the intervention likely avoided (a price-list code), with the worker's judgement and confidence.
CREATE TABLE intervention_outcomes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  intervention_id uuid NOT NULL REFERENCES interventions (id) ON DELETE CASCADE,
  -- Copied from the intervention (which never changes them), so the view aggregates outcomes without a join.
  intervention_type text NOT NULL,
  started_on date NOT NULL,
  risk_code text NOT NULL CHECK (risk_code ~ '^[a-z][a-z0-9_]{1,59}$'),
  quantity numeric(8, 2) NOT NULL DEFAULT 1 CHECK (quantity > 0),
  confidence text NOT NULL CHECK (confidence IN ('laag', 'midden', 'hoog')),
  judgement text NOT NULL CHECK (length(judgement) BETWEEN 1 AND 2000),
  recorded_on date NOT NULL,
  recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intervention_outcomes_intervention_idx ON intervention_outcomes (intervention_id);
CREATE INDEX intervention_outcomes_period_idx ON intervention_outcomes (municipality_id, started_on)
  INCLUDE (intervention_type, risk_code, confidence, quantity);

-- A scenario: an editable copy of every assumption (rate, ranges, index, amounts), to see what the view says if
-- an assumption were different. The real price list and settings are untouched.
CREATE TABLE businesscase_scenarios (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  assumptions jsonb NOT NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX businesscase_scenarios_idx ON businesscase_scenarios (municipality_id, created_at DESC);

-- The "wat werkt" catalogue: approaches with their evidence; imported entries keep where they came from.
CREATE TABLE whatworks_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  intervention_type text NOT NULL CHECK (intervention_type ~ '^[a-z][a-z0-9_]{1,59}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
  evidence_source text NOT NULL CHECK (length(btrim(evidence_source)) > 0),
  evidence_type text NOT NULL CHECK (evidence_type IN ('effectonderzoek', 'quasi_experimenteel', 'praktijkonderzoek',
    'ervaringskennis', 'lokale_monitor')),
  contact text NOT NULL DEFAULT '',
  origin text NOT NULL DEFAULT 'eigen' CHECK (origin IN ('eigen', 'geimporteerd')),
  origin_municipality text,
  shared_results jsonb,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX whatworks_entries_idx ON whatworks_entries (municipality_id, intervention_type, title);

-- === Maatwerkbudget ==========================================================================================

-- A budget per municipality and year, optionally per team, with the amount above which two people must approve.
CREATE TABLE budgets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  team_id uuid REFERENCES teams (id),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  total_cents bigint NOT NULL CHECK (total_cents >= 0),
  four_eyes_above_cents bigint NOT NULL DEFAULT 100000 CHECK (four_eyes_above_cents >= 0),
  -- Spending limit per request, per role: {"regisseur": 50000, "schuldhulpverlener": 150000}.
  limits jsonb NOT NULL DEFAULT '{}',
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX budgets_year_team_idx ON budgets (municipality_id, year, coalesce(team_id, '00000000-0000-0000-0000-000000000000'::uuid));

-- A request: for a household (and a goal of its plan), the problem, the amount, the payee and the expected effect;
-- the gate records whether the own network was considered.
CREATE TABLE budget_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  budget_id uuid NOT NULL REFERENCES budgets (id),
  household_case_id uuid NOT NULL REFERENCES household_cases (id),
  goal_id uuid REFERENCES household_goals (id) ON DELETE SET NULL,
  category text NOT NULL CHECK (category IN ('energie', 'huur', 'water', 'zorg', 'school', 'vervoer', 'inrichting',
    'schulden', 'levensonderhoud', 'overig')),
  problem text NOT NULL CHECK (length(problem) BETWEEN 3 AND 2000),
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  payee_name text NOT NULL CHECK (length(payee_name) BETWEEN 2 AND 200),
  payee_iban text NOT NULL CHECK (payee_iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
  payment_reference text NOT NULL DEFAULT '',
  expected_effect text NOT NULL CHECK (length(expected_effect) BETWEEN 3 AND 2000),
  network_considered boolean NOT NULL DEFAULT false,
  network_note text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'ingediend' CHECK (status IN ('ingediend', 'eerste_akkoord', 'goedgekeurd', 'afgewezen',
    'betaald', 'afgerond', 'ingetrokken')),
  -- When the non-take-up scan of the rules engine pre-filled the provisions (NULL: no financial profile to scan).
  scanned_at timestamptz,
  gate_override_reason text,
  gate_override_by uuid REFERENCES users (id) ON DELETE SET NULL,
  requested_by uuid NOT NULL REFERENCES users (id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX budget_requests_list_idx ON budget_requests (municipality_id, status, requested_at DESC, id);
CREATE INDEX budget_requests_budget_idx ON budget_requests (budget_id, status) INCLUDE (amount_cents, category);
CREATE INDEX budget_requests_case_idx ON budget_requests (household_case_id);

-- The voorliggende voorzieningen checked before approval, each with its outcome; likely_eligible comes from the
-- non-take-up scan of the rules engine.
CREATE TABLE budget_request_provisions (
  request_id uuid NOT NULL REFERENCES budget_requests (id) ON DELETE CASCADE,
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  provision text NOT NULL,
  label text NOT NULL,
  likely_eligible boolean NOT NULL DEFAULT false,
  estimate_yearly_cents bigint,
  outcome text NOT NULL DEFAULT 'niet_gecontroleerd' CHECK (outcome IN ('niet_gecontroleerd', 'ontvangt_al',
    'aangevraagd', 'toegekend', 'afgewezen', 'geen_recht', 'niet_van_toepassing')),
  note text NOT NULL DEFAULT '',
  checked_by uuid REFERENCES users (id) ON DELETE SET NULL,
  checked_at timestamptz,
  PRIMARY KEY (request_id, provision)
);

-- Every approval or rejection, with the approver's roles at that moment and an override of the gate if any.
CREATE TABLE budget_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  request_id uuid NOT NULL REFERENCES budget_requests (id) ON DELETE CASCADE,
  decision text NOT NULL CHECK (decision IN ('akkoord', 'afgewezen')),
  decided_by uuid NOT NULL REFERENCES users (id),
  roles text[] NOT NULL,
  limit_cents bigint,
  reason text NOT NULL DEFAULT '',
  gate_override_reason text,
  decided_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX budget_decisions_request_idx ON budget_decisions (request_id, decided_at);
CREATE UNIQUE INDEX budget_decisions_one_per_person_idx ON budget_decisions (request_id, decided_by);

-- The payment, for the financial administration.
CREATE TABLE budget_payments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  request_id uuid NOT NULL UNIQUE REFERENCES budget_requests (id),
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  paid_on date NOT NULL,
  payee_name text NOT NULL,
  payee_iban text NOT NULL,
  reference text NOT NULL,
  recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX budget_payments_period_idx ON budget_payments (municipality_id, paid_on, id);

-- Did the effect happen? Checked 30 and 90 days after the payment; a daily job marks checks that are due.
CREATE TABLE budget_followups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  request_id uuid NOT NULL REFERENCES budget_requests (id) ON DELETE CASCADE,
  after_days integer NOT NULL CHECK (after_days IN (30, 90)),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'gepland' CHECK (status IN ('gepland', 'te_beoordelen', 'beoordeeld')),
  effect text CHECK (effect IN ('bereikt', 'deels', 'niet_bereikt', 'onbekend')),
  note text,
  assessed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  assessed_at timestamptz,
  UNIQUE (request_id, after_days),
  CONSTRAINT budget_followups_effect CHECK ((status = 'beoordeeld') = (effect IS NOT NULL))
);
CREATE INDEX budget_followups_due_idx ON budget_followups (status, due_on);
CREATE INDEX budget_followups_municipality_idx ON budget_followups (municipality_id, status, due_on);
