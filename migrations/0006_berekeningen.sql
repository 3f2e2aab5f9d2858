-- Rules as code (issue 8): municipal schemes per municipality, a simple financial profile per BRP household, and
-- the results of the voorliggende-voorzieningen (non-take-up) scan. Amounts are whole cents.

-- Local schemes a municipality configures: kwijtschelding gemeentelijke belastingen, bijzondere bijstand,
-- individuele inkomenstoeslag, a local minimaregeling. A change of amount or limit from a date is a new row with
-- its own effective_from; the scan takes the rows in force on its peildatum.
CREATE TABLE municipal_schemes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  kind text NOT NULL CHECK (kind IN ('kwijtschelding', 'bijzondere-bijstand', 'individuele-inkomenstoeslag',
    'minimaregeling')),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
  -- Income limit as a percentage of the applicable bijstandsnorm (incl. vakantietoeslag), e.g. 120.00.
  income_limit_percent numeric(5, 2) NOT NULL CHECK (income_limit_percent > 0 AND income_limit_percent <= 300),
  -- Asset limit of the household; NULL: no asset test.
  asset_limit_cents bigint CHECK (asset_limit_cents >= 0),
  -- Amount per household, plus per child under 18, per month or per year.
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  amount_per_child_cents bigint NOT NULL DEFAULT 0 CHECK (amount_per_child_cents >= 0),
  amount_period text NOT NULL CHECK (amount_period IN ('maand', 'jaar')),
  -- Minimum age of the applicant (e.g. 21 for the individuele inkomenstoeslag); NULL: 18.
  min_age integer CHECK (min_age BETWEEN 15 AND 120),
  how_to_apply text NOT NULL DEFAULT '' CHECK (length(how_to_apply) <= 1000),
  application_url text CHECK (length(application_url) <= 500),
  effective_from date NOT NULL,
  effective_until date CHECK (effective_until IS NULL OR effective_until >= effective_from),
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, name, effective_from)
);
CREATE INDEX municipal_schemes_municipality_idx ON municipal_schemes (municipality_id, kind, effective_from);

-- The financial profile of a BRP household: what the scan needs and nothing more. The household plan (a later
-- issue) will own household finances; until then this table is filled by the demo seed or by hand.
CREATE TABLE household_finances (
  household_id uuid PRIMARY KEY REFERENCES households (id),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  -- Kale huur and service costs per month; NULL rent: owner-occupier or unknown (no huurtoeslag assessed).
  rent_cents integer CHECK (rent_cents >= 0),
  service_costs_cents integer NOT NULL DEFAULT 0 CHECK (service_costs_cents >= 0),
  -- Assets (vermogen) of the household on 1 January.
  assets_cents bigint NOT NULL DEFAULT 0 CHECK (assets_cents >= 0),
  -- National provisions currently received: zorgtoeslag, huurtoeslag, kindgebonden-budget, bijstand.
  receives text[] NOT NULL DEFAULT '{}'
    CHECK (receives <@ ARRAY['zorgtoeslag', 'huurtoeslag', 'kindgebonden-budget', 'bijstand']::text[]),
  -- Municipal schemes currently received (municipal_schemes.id; any version of the scheme counts).
  receives_schemes uuid[] NOT NULL DEFAULT '{}',
  source text NOT NULL DEFAULT 'handmatig' CHECK (source IN ('handmatig', 'demo', 'huishoudplan')),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX household_finances_municipality_idx ON household_finances (municipality_id, household_id);

-- Income per member of the household (persons of the BRP household).
CREATE TABLE household_member_incomes (
  person_id uuid PRIMARY KEY REFERENCES persons (id),
  household_id uuid NOT NULL REFERENCES household_finances (household_id) ON DELETE CASCADE,
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  -- Net income per month including vakantiegeld, and the belastbaar jaarinkomen (toetsingsinkomen).
  net_monthly_cents integer NOT NULL DEFAULT 0 CHECK (net_monthly_cents >= 0),
  taxable_yearly_cents integer NOT NULL DEFAULT 0 CHECK (taxable_yearly_cents >= 0)
);
CREATE INDEX household_member_incomes_household_idx ON household_member_incomes (household_id);

-- One batch scan over the households of a municipality (the outreach list for proactive contact).
CREATE TABLE nontakeup_scan_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  peildatum date NOT NULL,
  started_by text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  households integer NOT NULL DEFAULT 0,
  households_with_hits integer NOT NULL DEFAULT 0,
  total_yearly_cents bigint NOT NULL DEFAULT 0
);
CREATE INDEX nontakeup_scan_runs_municipality_idx ON nontakeup_scan_runs (municipality_id, started_at DESC, id DESC);

-- One row per household with at least one provision it probably misses; kansen lists them
-- ([{"v": provision, "r": scheme id or null, "m": cents per month, "y": cents per year}]).
CREATE TABLE nontakeup_scan_results (
  run_id uuid NOT NULL REFERENCES nontakeup_scan_runs (id) ON DELETE CASCADE,
  household_id uuid NOT NULL REFERENCES households (id),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  total_monthly_cents bigint NOT NULL,
  total_yearly_cents bigint NOT NULL,
  kansen jsonb NOT NULL,
  PRIMARY KEY (run_id, household_id)
);
CREATE INDEX nontakeup_scan_results_list_idx ON nontakeup_scan_results (run_id, total_yearly_cents DESC, household_id);
