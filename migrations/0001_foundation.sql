-- Foundation: organisation, staff, sessions, machine clients, audit log and the embedded BRP.
-- Runs unchanged on PostgreSQL 15 and on PGlite.

CREATE TABLE regions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE municipalities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  -- CBS gemeentecode, four digits (GM prefix not stored).
  cbs_code text NOT NULL UNIQUE CHECK (cbs_code ~ '^[0-9]{4}$'),
  name text NOT NULL,
  inhabitants integer NOT NULL DEFAULT 0 CHECK (inhabitants >= 0),
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX municipalities_region_idx ON municipalities (region_id);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  email text NOT NULL,
  display_name text NOT NULL,
  password_hash text,
  totp_secret_enc text,
  totp_enabled_at timestamptz,
  oidc_subject text UNIQUE,
  preferred_language text NOT NULL DEFAULT 'nl',
  is_active boolean NOT NULL DEFAULT true,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));

CREATE TABLE memberships (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  role text NOT NULL CHECK (role IN ('functioneel_beheerder', 'vroegsignalering_medewerker', 'schuldhulpverlener',
    'regisseur', 'coordinator_vrijwilligers', 'vrijwilliger', 'beleidsmedewerker', 'auditor')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, municipality_id, role)
);
CREATE INDEX memberships_municipality_idx ON memberships (municipality_id);

CREATE TABLE teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, name)
);

CREATE TABLE team_members (
  team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, user_id)
);

CREATE TABLE wijken (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  -- CBS wijkcode, e.g. WK036301.
  code text NOT NULL CHECK (code ~ '^WK[0-9]{6}$'),
  name text NOT NULL,
  team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, code)
);

CREATE TABLE sessions (
  -- sha256 of the opaque cookie token; the token itself is never stored.
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  active_municipality_id uuid REFERENCES municipalities (id),
  csrf_token text NOT NULL,
  mfa_state text NOT NULL CHECK (mfa_state IN ('not_required', 'enrol', 'verify', 'verified')),
  auth_method text NOT NULL CHECK (auth_method IN ('password', 'oidc')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE oidc_login_states (
  state text PRIMARY KEY,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE machine_clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id text NOT NULL UNIQUE,
  secret_hash text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('signaalpartner', 'cbs')),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  scopes text[] NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE machine_tokens (
  token_hash text PRIMARY KEY,
  machine_client_id uuid NOT NULL REFERENCES machine_clients (id) ON DELETE CASCADE,
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  scopes text[] NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Logboek dataverwerkingen: append-only, enforced below.
CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_type text NOT NULL CHECK (actor_type IN ('user', 'machine', 'system')),
  actor_id text,
  municipality_id uuid REFERENCES municipalities (id),
  action text NOT NULL,
  subject_type text,
  subject_ids text[] NOT NULL DEFAULT '{}',
  purpose text NOT NULL,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_events_municipality_time_idx ON audit_events (municipality_id, occurred_at DESC, id DESC);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, occurred_at DESC);

CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

-- The embedded BRP (synthetic in the demo): addresses, households and persons per municipality.
CREATE TABLE addresses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  straat text NOT NULL,
  huisnummer integer NOT NULL CHECK (huisnummer BETWEEN 1 AND 99999),
  huisletter text CHECK (huisletter ~ '^[A-Za-z]$'),
  toevoeging text CHECK (length(toevoeging) <= 4),
  postcode text NOT NULL CHECK (postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'),
  woonplaats text NOT NULL,
  wijk_id uuid REFERENCES wijken (id)
);
CREATE INDEX addresses_lookup_idx ON addresses (municipality_id, postcode, huisnummer);

CREATE TABLE households (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  address_id uuid NOT NULL REFERENCES addresses (id)
);
CREATE INDEX households_municipality_idx ON households (municipality_id);

CREATE TABLE persons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  bsn text NOT NULL CHECK (bsn ~ '^[0-9]{9}$'),
  voornamen text NOT NULL,
  voorvoegsel text,
  geslachtsnaam text NOT NULL,
  partner_voorvoegsel text,
  partner_geslachtsnaam text,
  -- BRP aanduiding naamgebruik: E eigen, P partner, V partner + eigen, N eigen + partner.
  naamgebruik text NOT NULL DEFAULT 'E' CHECK (naamgebruik IN ('E', 'P', 'V', 'N')),
  geslacht text NOT NULL CHECK (geslacht IN ('M', 'V', 'O')),
  geboortedatum date NOT NULL,
  household_id uuid NOT NULL REFERENCES households (id),
  address_id uuid NOT NULL REFERENCES addresses (id),
  household_role text NOT NULL CHECK (household_role IN ('hoofd', 'partner', 'kind', 'overig')),
  monthly_income_cents integer NOT NULL DEFAULT 0,
  income_source text NOT NULL DEFAULT 'geen' CHECK (income_source IN ('loon', 'uitkering', 'pensioen', 'zelfstandig', 'studiefinanciering', 'geen')),
  UNIQUE (municipality_id, bsn)
);
CREATE INDEX persons_household_idx ON persons (household_id);
CREATE INDEX persons_address_idx ON persons (address_id);
