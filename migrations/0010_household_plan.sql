-- The integrated household plan on the household record of 0005 (household_cases): members, the one regisseur
-- and the recorded hand-overs, the network, consent (AVG), the timeline, ZRM and Mobility Mentoring assessments,
-- goals with actions and progress, and referrals. The debt-help trajectory (modules/schuldhulp) hangs its own
-- tables on household_cases too.

-- A professional of another organisation (maatschappelijk werk, GGZ, bewindvoerder) gets a login of their own
-- with the role netwerkpartner: they see a household plan only as far as the resident's consent reaches.
ALTER TABLE memberships DROP CONSTRAINT memberships_role_check;
ALTER TABLE memberships ADD CONSTRAINT memberships_role_check CHECK (role IN ('functioneel_beheerder',
  'vroegsignalering_medewerker', 'schuldhulpverlener', 'regisseur', 'coordinator_vrijwilligers', 'vrijwilliger',
  'beleidsmedewerker', 'auditor', 'netwerkpartner'));

-- The case itself: a version for optimistic locking (hand-over of the regisseur), a label for the caseload list,
-- the language of the plan, and when anything last happened (caseload sort order).
ALTER TABLE household_cases
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN label text NOT NULL DEFAULT '',
  ADD COLUMN plan_language text NOT NULL DEFAULT 'nl' CHECK (plan_language ~ '^[a-z]{2}$'),
  ADD COLUMN closed_at timestamptz,
  ADD COLUMN closed_reason text,
  ADD COLUMN last_activity_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN created_by uuid REFERENCES users (id) ON DELETE SET NULL;
-- The regisseur's caseload: open cases of one regisseur, most recently active first.
-- Both in the exact order of the list (last_activity_at DESC, id DESC), so a page is read from the index and the
-- per-household counts are computed for the 50 rows shown, not for every household of the regisseur.
CREATE INDEX household_cases_caseload_idx
  ON household_cases (municipality_id, regisseur_id, status, last_activity_at DESC, id DESC);
CREATE INDEX household_cases_status_idx
  ON household_cases (municipality_id, status, last_activity_at DESC, id DESC);

-- Members of the household: from the BRP where matched (person_id), otherwise entered by hand.
CREATE TABLE household_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_case_id uuid NOT NULL REFERENCES household_cases (id) ON DELETE CASCADE,
  person_id uuid REFERENCES persons (id),
  source text NOT NULL CHECK (source IN ('brp', 'ingevoerd')),
  voornamen text NOT NULL CHECK (length(voornamen) BETWEEN 1 AND 200),
  voorvoegsel text,
  geslachtsnaam text NOT NULL CHECK (length(geslachtsnaam) BETWEEN 1 AND 200),
  geboortedatum date,
  role text NOT NULL CHECK (role IN ('hoofd', 'partner', 'kind', 'overig')),
  phone text,
  email text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT household_members_brp_person CHECK ((source = 'brp') = (person_id IS NOT NULL))
);
CREATE INDEX household_members_case_idx ON household_members (household_case_id);
CREATE UNIQUE INDEX household_members_person_idx ON household_members (household_case_id, person_id)
  WHERE person_id IS NOT NULL;

-- Every change of regisseur, explicit and recorded (also the first assignment).
CREATE TABLE household_regisseur_handovers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_case_id uuid NOT NULL REFERENCES household_cases (id) ON DELETE CASCADE,
  from_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  to_user_id uuid NOT NULL REFERENCES users (id),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  handed_over_by uuid REFERENCES users (id) ON DELETE SET NULL,
  handed_over_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX household_regisseur_handovers_case_idx ON household_regisseur_handovers (household_case_id, handed_over_at);

-- The network: informal (family, friends, neighbours, a budgetmaatje) and formal (professionals of named
-- organisations). A member with a login (user_id) may open the plan, as far as the resident's consent reaches.
CREATE TABLE household_network_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_case_id uuid NOT NULL REFERENCES household_cases (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('informeel', 'formeel')),
  relation text NOT NULL CHECK (relation IN ('familie', 'vriend', 'buur', 'budgetmaatje', 'wijkteam',
    'maatschappelijk_werk', 'woningcorporatie', 'ggz', 'bewindvoerder', 'schuldhulp', 'overig')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  organisation text,
  phone text,
  email text,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  ended_on date,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT household_network_formal_org CHECK (kind <> 'formeel' OR organisation IS NOT NULL)
);
CREATE INDEX household_network_case_idx ON household_network_members (household_case_id);
CREATE INDEX household_network_user_idx ON household_network_members (user_id, household_case_id)
  WHERE user_id IS NOT NULL AND ended_on IS NULL;

-- Consent (AVG): which categories of the plan are shared with which network member, for what purpose; given and
-- withdrawn with the date and the household member who said so, and the worker who recorded it.
CREATE TABLE household_consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_case_id uuid NOT NULL REFERENCES household_cases (id) ON DELETE CASCADE,
  network_member_id uuid NOT NULL REFERENCES household_network_members (id) ON DELETE CASCADE,
  categories text[] NOT NULL CHECK (cardinality(categories) > 0 AND categories <@ ARRAY['netwerk', 'plan', 'zrm',
    'tijdlijn', 'verwijzingen', 'financien']::text[]),
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 2000),
  given_on date NOT NULL,
  given_by_member_id uuid NOT NULL REFERENCES household_members (id),
  recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_on date,
  withdrawn_by_member_id uuid REFERENCES household_members (id),
  withdrawal_recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
  withdrawal_recorded_at timestamptz,
  CONSTRAINT household_consents_withdrawal CHECK ((withdrawn_on IS NULL) = (withdrawn_by_member_id IS NULL))
);
CREATE INDEX household_consents_case_idx ON household_consents (household_case_id);
CREATE INDEX household_consents_member_idx ON household_consents (network_member_id) WHERE withdrawn_on IS NULL;

-- Zelfredzaamheid-Matrix: 13 domains scored 1-5, repeated over time (optionally about one member).
CREATE TABLE household_zrm_assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_case_id uuid NOT NULL REFERENCES household_cases (id) ON DELETE CASCADE,
  member_id uuid REFERENCES household_members (id),
  assessed_on date NOT NULL,
  scores jsonb NOT NULL,
  note text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX household_zrm_case_idx ON household_zrm_assessments (household_case_id, assessed_on);

-- Mobility Mentoring bridge: where the household stands on each of the five pillars (1-5).
CREATE TABLE household_bridge_assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_case_id uuid NOT NULL REFERENCES household_cases (id) ON DELETE CASCADE,
  assessed_on date NOT NULL,
  levels jsonb NOT NULL,
  note text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX household_bridge_case_idx ON household_bridge_assessments (household_case_id, assessed_on);

-- Goals the resident chose, linked to a ZRM domain or a pillar, with a target date.
CREATE TABLE household_goals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_case_id uuid NOT NULL REFERENCES household_cases (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
  description text,
  zrm_domain text,
  pillar text,
  chosen_by_member_id uuid NOT NULL REFERENCES household_members (id),
  target_date date NOT NULL,
  status text NOT NULL DEFAULT 'actief' CHECK (status IN ('actief', 'bereikt', 'gestopt')),
  reached_on date,
  recognition text,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT household_goals_link CHECK (zrm_domain IS NOT NULL OR pillar IS NOT NULL),
  CONSTRAINT household_goals_reached CHECK ((status = 'bereikt') = (reached_on IS NOT NULL))
);
CREATE INDEX household_goals_case_idx ON household_goals (household_case_id, status);

-- Small actions under a goal, each with one owner: a household member, a network member or the regisseur.
CREATE TABLE household_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_case_id uuid NOT NULL REFERENCES household_cases (id) ON DELETE CASCADE,
  goal_id uuid NOT NULL REFERENCES household_goals (id) ON DELETE CASCADE,
  description text NOT NULL CHECK (length(description) BETWEEN 3 AND 500),
  owner_kind text NOT NULL CHECK (owner_kind IN ('bewoner', 'netwerk', 'regisseur')),
  owner_member_id uuid REFERENCES household_members (id),
  owner_network_member_id uuid REFERENCES household_network_members (id),
  owner_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  due_date date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'gedaan', 'vervallen')),
  done_on date,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT household_actions_owner CHECK (
    (owner_kind = 'bewoner' AND owner_member_id IS NOT NULL AND owner_network_member_id IS NULL)
    OR (owner_kind = 'netwerk' AND owner_network_member_id IS NOT NULL AND owner_member_id IS NULL)
    OR (owner_kind = 'regisseur' AND owner_member_id IS NULL AND owner_network_member_id IS NULL))
);
CREATE INDEX household_actions_goal_idx ON household_actions (goal_id);
CREATE INDEX household_actions_case_idx ON household_actions (household_case_id, due_date);
CREATE INDEX household_actions_open_idx ON household_actions (household_case_id, due_date) WHERE status = 'open';

-- Progress on a goal: small steps, milestones, and the moment it was reached.
CREATE TABLE household_goal_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_case_id uuid NOT NULL REFERENCES household_cases (id) ON DELETE CASCADE,
  goal_id uuid NOT NULL REFERENCES household_goals (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('voortgang', 'mijlpaal', 'bereikt')),
  note text NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
  occurred_on date NOT NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX household_goal_events_goal_idx ON household_goal_events (goal_id, occurred_on);
CREATE INDEX household_goal_events_case_idx ON household_goal_events (household_case_id, occurred_on);

-- Referrals from the plan, internal (municipal schemes) or external, with the resident's consent.
CREATE TABLE household_referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_case_id uuid NOT NULL REFERENCES household_cases (id) ON DELETE CASCADE,
  goal_id uuid REFERENCES household_goals (id) ON DELETE SET NULL,
  kind text NOT NULL CHECK (kind IN ('intern', 'extern')),
  target text NOT NULL CHECK (target IN ('participatiewet', 'armoederegelingen', 'wmo', 'jeugdhulp',
    'gemeentelijke_belastingen', 'maatschappelijk_werk', 'voedselbank', 'woningcorporatie', 'uwv', 'school',
    'overig')),
  organisation text,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  status text NOT NULL DEFAULT 'verzonden' CHECK (status IN ('verzonden', 'geaccepteerd', 'afgewezen', 'afgerond')),
  reply text,
  replied_on date,
  remind_on date,
  consent_given_on date NOT NULL,
  consent_member_id uuid NOT NULL REFERENCES household_members (id),
  consent_shared text NOT NULL CHECK (length(consent_shared) BETWEEN 1 AND 1000),
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT household_referrals_other CHECK (target <> 'overig' OR organisation IS NOT NULL)
);
CREATE INDEX household_referrals_case_idx ON household_referrals (household_case_id, created_at);
CREATE INDEX household_referrals_remind_idx ON household_referrals (municipality_id, remind_on)
  WHERE status IN ('verzonden', 'geaccepteerd') AND remind_on IS NOT NULL;

-- Everything that happened in the household, with who did it. Written by the services in the same transaction
-- as the change; the debt-help module writes its own events here with category 'schuldhulp'.
CREATE TABLE household_timeline (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_case_id uuid NOT NULL REFERENCES household_cases (id) ON DELETE CASCADE,
  occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  category text NOT NULL CHECK (category IN ('huishouden', 'netwerk', 'toestemming', 'zrm', 'plan',
    'verwijzing', 'melding', 'schuldhulp')),
  kind text NOT NULL CHECK (kind ~ '^[a-z_]{3,60}$'),
  actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  subject_id uuid,
  text text NOT NULL DEFAULT '',
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX household_timeline_case_idx ON household_timeline (household_case_id, occurred_at DESC, id DESC);
-- The timeline reads the warm handovers of meldingen (0005) per household case.
CREATE INDEX melding_handovers_case_idx ON melding_handovers (household_case_id) WHERE household_case_id IS NOT NULL;
