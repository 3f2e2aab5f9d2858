-- Vroegsignalering intake: signalling partners, signals (from API, files, manual entry and referrals), the
-- per-line import ledger, BRP matching results, meldingen (bundles per household address and period), rule sets,
-- work queues (werkbakjes) and the wijk postcode map.

CREATE TABLE signal_partners (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  name text NOT NULL,
  -- DDAS EnumSignaalpartner, verbatim.
  partner_type text NOT NULL CHECK (partner_type IN ('Belastingdienst', 'CAK Eigen bijdrage', 'CAK Zorgverzekeringen',
    'Dienst Toeslagen', 'DUO', 'Energie', 'Huur', 'Hypotheek', 'Overige', 'Water', 'Zorg')),
  contact_name text NOT NULL DEFAULT '',
  contact_email text NOT NULL DEFAULT '',
  delivery_channel text NOT NULL DEFAULT 'api' CHECK (delivery_channel IN ('api', 'bestand', 'beide')),
  machine_client_id uuid REFERENCES machine_clients (id) ON DELETE SET NULL,
  -- Saved column mapping for file uploads: {"columns": {"<our field>": "<their column header>"}, ...}.
  column_mapping jsonb,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, name)
);
CREATE UNIQUE INDEX signal_partners_machine_client_idx ON signal_partners (machine_client_id)
  WHERE machine_client_id IS NOT NULL;

-- Internal and external referrers for the referral form (configurable per municipality).
CREATE TABLE referral_sources (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('intern', 'extern')),
  is_active boolean NOT NULL DEFAULT true,
  UNIQUE (municipality_id, name)
);

CREATE TABLE signal_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  partner_id uuid NOT NULL REFERENCES signal_partners (id),
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  file_size bigint NOT NULL,
  file_format text NOT NULL CHECK (file_format IN ('csv', 'xlsx')),
  -- The column mapping this import uses, fixed at upload so a resumed run reads the file the same way.
  column_mapping jsonb NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
  total_rows integer,
  processed_rows integer NOT NULL DEFAULT 0,
  accepted_rows integer NOT NULL DEFAULT 0,
  quarantined_rows integer NOT NULL DEFAULT 0,
  duplicate_rows integer NOT NULL DEFAULT 0,
  error text,
  uploaded_by_type text NOT NULL CHECK (uploaded_by_type IN ('user', 'machine')),
  uploaded_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  -- The same file from the same partner is recognised, also when two uploads race.
  UNIQUE (partner_id, file_sha256)
);
CREATE INDEX signal_imports_municipality_idx ON signal_imports (municipality_id, created_at DESC);

CREATE TABLE meldingen (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_id uuid REFERENCES households (id),
  address_id uuid REFERENCES addresses (id),
  -- HMAC of the normalised address: the 6-month look-back survives deletion of personal data.
  address_fingerprint text NOT NULL,
  period_start date NOT NULL,
  period_end date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_behandeling', 'afgesloten')),
  is_crisis boolean NOT NULL DEFAULT false,
  enkelvoudig boolean NOT NULL DEFAULT false,
  meervoudig boolean NOT NULL DEFAULT false,
  opeenvolgend boolean NOT NULL DEFAULT false,
  known_to_shv boolean NOT NULL DEFAULT false,
  queue_id uuid,
  priority integer NOT NULL DEFAULT 3,
  contact_strategy text,
  deadline date,
  rule_set_id uuid,
  rule_explanation jsonb NOT NULL DEFAULT '[]'::jsonb,
  wijk_id uuid REFERENCES wijken (id),
  team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
  total_amount_cents bigint NOT NULL DEFAULT 0,
  signal_count integer NOT NULL DEFAULT 0,
  -- Denormalised for the list filters, so they stay index-friendly at 100,000 meldingen.
  partner_types text[] NOT NULL DEFAULT '{}',
  youngest_adult_age integer,
  oldest_adult_age integer,
  has_minor_children boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meldingen_partner_types_idx ON meldingen USING gin (partner_types);
CREATE INDEX meldingen_list_idx ON meldingen (municipality_id, status, priority, deadline, id);
CREATE INDEX meldingen_queue_idx ON meldingen (municipality_id, queue_id, status);
CREATE INDEX meldingen_amount_idx ON meldingen (municipality_id, total_amount_cents DESC, id DESC);
CREATE INDEX meldingen_deadline_idx ON meldingen (municipality_id, status, deadline, priority, id);
CREATE INDEX meldingen_fingerprint_idx ON meldingen (municipality_id, address_fingerprint, period_start);
CREATE INDEX meldingen_household_idx ON meldingen (household_id);

CREATE TABLE signals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  partner_id uuid REFERENCES signal_partners (id),
  source text NOT NULL CHECK (source IN ('api', 'bestand', 'handmatig', 'verwijzing')),
  import_id uuid REFERENCES signal_imports (id),
  import_row integer,
  -- The partner's own id; a resend with the same id never duplicates, a changed one is a new version.
  external_id text,
  version integer NOT NULL DEFAULT 1,
  previous_version_id uuid REFERENCES signals (id),
  content_hash text NOT NULL,
  referral_source_id uuid REFERENCES referral_sources (id),
  referrer_name text,
  created_by_type text NOT NULL CHECK (created_by_type IN ('user', 'machine', 'system')),
  created_by text NOT NULL,
  -- The person as the partner knows them.
  bsn text CHECK (bsn ~ '^[0-9]{9}$'),
  voornamen text,
  voorletters text,
  voorvoegsel text,
  achternaam text NOT NULL,
  geboortedatum date,
  straat text,
  huisnummer integer,
  huisletter text,
  toevoeging text,
  postcode text,
  woonplaats text,
  telefoon text,
  email text,
  is_business boolean NOT NULL DEFAULT false,
  customer_number text,
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  arrears_since date,
  signal_date date NOT NULL,
  months_in_arrears integer CHECK (months_in_arrears >= 0),
  days_in_arrears integer CHECK (days_in_arrears >= 0),
  end_of_supply boolean NOT NULL DEFAULT false,
  end_of_supply_date date,
  eviction_announced boolean NOT NULL DEFAULT false,
  eviction_date date,
  insurance_termination boolean NOT NULL DEFAULT false,
  warm_handover boolean NOT NULL DEFAULT false,
  remark text,
  is_crisis boolean GENERATED ALWAYS AS (end_of_supply OR eviction_announced OR insurance_termination) STORED,
  -- BRP matching.
  match_status text NOT NULL DEFAULT 'pending' CHECK (match_status IN ('pending', 'matched', 'moved_out', 'deceased',
    'not_found', 'ambiguous', 'business')),
  match_score real,
  match_reasons jsonb NOT NULL DEFAULT '[]'::jsonb,
  match_candidates jsonb NOT NULL DEFAULT '[]'::jsonb,
  person_id uuid REFERENCES persons (id),
  household_id uuid REFERENCES households (id),
  matched_by text,
  matched_at timestamptz,
  -- DDAS EnumSignaalstatus, verbatim, with our reason.
  ddas_status text NOT NULL DEFAULT 'Nog niet opgepakt' CHECK (ddas_status IN ('Inwoner al bekend bij schuldhulpverlening',
    'Inwoner is overleden', 'Niet opgepakt: andere reden', 'Niet opgepakt: herhaalde melding',
    'Niet opgepakt: onterecht signaal', 'Nog niet opgepakt', 'Opgepakt', 'Persoon is geen inwoner (meer) in de gemeente')),
  status_reason text,
  related_signal_id uuid REFERENCES signals (id),
  melding_id uuid REFERENCES meldingen (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX signals_external_version_idx ON signals (partner_id, external_id, version)
  WHERE external_id IS NOT NULL;
CREATE INDEX signals_municipality_idx ON signals (municipality_id, signal_date DESC);
CREATE INDEX signals_match_queue_idx ON signals (municipality_id, match_status) WHERE match_status IN ('not_found', 'ambiguous', 'business');
CREATE INDEX signals_person_idx ON signals (person_id, partner_id, signal_date);
CREATE INDEX signals_melding_idx ON signals (melding_id);
CREATE INDEX signals_import_idx ON signals (import_id, import_row);
CREATE INDEX signals_content_hash_idx ON signals (partner_id, content_hash);

-- Every line of every file: accepted, quarantined (with errors) or refused as a duplicate. Primary key per line
-- makes a resumed or repeated run idempotent.
CREATE TABLE signal_import_rows (
  import_id uuid NOT NULL REFERENCES signal_imports (id),
  row_number integer NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('accepted', 'quarantined', 'duplicate', 'resubmitted', 'discarded')),
  signal_id uuid REFERENCES signals (id),
  duplicate_of uuid REFERENCES signals (id),
  raw jsonb NOT NULL DEFAULT '{}'::jsonb,
  errors jsonb NOT NULL DEFAULT '[]'::jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (import_id, row_number)
);
CREATE INDEX signal_import_rows_open_idx ON signal_import_rows (import_id) WHERE outcome = 'quarantined';

-- Pseudonymous history for the Divosa look-back (enkelvoudig/opeenvolgend): kept after personal data is deleted.
CREATE TABLE signal_fingerprints (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  address_fingerprint text NOT NULL,
  signal_date date NOT NULL,
  partner_type text NOT NULL
);
CREATE INDEX signal_fingerprints_idx ON signal_fingerprints (municipality_id, address_fingerprint, signal_date);

CREATE TABLE work_queues (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  name text NOT NULL,
  kind text NOT NULL DEFAULT 'regulier' CHECK (kind IN ('regulier', 'crisis', 'matching')),
  team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
  target_working_days integer NOT NULL DEFAULT 10 CHECK (target_working_days > 0),
  UNIQUE (municipality_id, name)
);
ALTER TABLE meldingen ADD CONSTRAINT meldingen_queue_fk FOREIGN KEY (queue_id) REFERENCES work_queues (id);

-- Versioned afwegingskader per municipality. Only one version is active; old versions stay for explanations.
CREATE TABLE rule_sets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  version integer NOT NULL,
  definition jsonb NOT NULL,
  is_active boolean NOT NULL DEFAULT false,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, version)
);
CREATE UNIQUE INDEX rule_sets_active_idx ON rule_sets (municipality_id) WHERE is_active;
ALTER TABLE meldingen ADD CONSTRAINT meldingen_rule_set_fk FOREIGN KEY (rule_set_id) REFERENCES rule_sets (id);

-- Postcode ranges (PC4 or PC6, inclusive) that route an address to a wijk.
CREATE TABLE wijk_postcode_ranges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  wijk_id uuid NOT NULL REFERENCES wijken (id) ON DELETE CASCADE,
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  postcode_from text NOT NULL CHECK (postcode_from ~ '^[1-9][0-9]{3}([A-Z]{2})?$'),
  postcode_to text NOT NULL CHECK (postcode_to ~ '^[1-9][0-9]{3}([A-Z]{2})?$')
);
CREATE INDEX wijk_postcode_ranges_idx ON wijk_postcode_ranges (municipality_id, postcode_from);

-- Residents already in debt help or with an open household plan (filled by the household-plan capability;
-- intake flags them "Inwoner al bekend bij schuldhulpverlening" and routes to the regisseur).
CREATE TABLE known_residents (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  person_id uuid NOT NULL REFERENCES persons (id),
  regisseur_user_id uuid REFERENCES users (id),
  reason text NOT NULL,
  since date NOT NULL DEFAULT CURRENT_DATE,
  PRIMARY KEY (municipality_id, person_id)
);

-- Persons who left the municipality or died stay findable for matching, with their status.
ALTER TABLE persons ADD COLUMN brp_status text NOT NULL DEFAULT 'ingeschreven'
  CHECK (brp_status IN ('ingeschreven', 'verhuisd', 'overleden'));
