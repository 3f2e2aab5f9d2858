-- Vroegsignalering follow-up workflow on top of 0004 (lifecycle, version, assignment, contact attempts):
-- deadline settings per municipality, first-contact facts on the melding for the overdue lists, planned actions
-- (personal agenda, home-visit route), the 30-day quick-fix check, warm handovers, and the minimal household
-- record (household_cases) and Wgs help request (debt_help_requests) that the household-plan capability builds on.

-- Deadlines per municipality. Counts are in calendar days ('kalenderdagen', moved forward to the next working
-- day when they end on a day off) or working days ('werkdagen'); the calendar is Dutch public holidays plus
-- Bevrijdingsdag by policy plus the municipality's own closing days.
CREATE TABLE followup_settings (
  municipality_id uuid PRIMARY KEY REFERENCES municipalities (id),
  first_contact_days integer NOT NULL DEFAULT 14 CHECK (first_contact_days BETWEEN 1 AND 365),
  first_contact_unit text NOT NULL DEFAULT 'kalenderdagen' CHECK (first_contact_unit IN ('kalenderdagen', 'werkdagen')),
  first_analysis_days integer NOT NULL DEFAULT 28 CHECK (first_analysis_days BETWEEN 1 AND 365),
  first_analysis_unit text NOT NULL DEFAULT 'kalenderdagen' CHECK (first_analysis_unit IN ('kalenderdagen', 'werkdagen')),
  crisis_working_days integer NOT NULL DEFAULT 3 CHECK (crisis_working_days BETWEEN 1 AND 30),
  due_soon_working_days integer NOT NULL DEFAULT 3 CHECK (due_soon_working_days BETWEEN 0 AND 30),
  bevrijdingsdag text NOT NULL DEFAULT 'lustrum' CHECK (bevrijdingsdag IN ('lustrum', 'always', 'never')),
  extra_closing_days date[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL
);

-- The first contact attempt and the first time the resident was reached: what the overdue lists look at.
ALTER TABLE meldingen
  ADD COLUMN first_contact_on date,
  ADD COLUMN first_reached_on date;
-- The work lists show the meldingen not yet closed, first page by priority or deadline, optionally per werkbakje.
CREATE INDEX meldingen_active_priority_idx ON meldingen (municipality_id, priority, deadline, id)
  WHERE status <> 'afgesloten';
CREATE INDEX meldingen_active_deadline_idx ON meldingen (municipality_id, deadline, priority, id)
  WHERE status <> 'afgesloten';
CREATE INDEX meldingen_active_queue_idx ON meldingen (municipality_id, queue_id, priority, deadline, id)
  WHERE status <> 'afgesloten';
-- "My work" and the crisis list: small slices that a scan of the whole active list would look for in vain.
CREATE INDEX meldingen_active_assignee_idx ON meldingen (municipality_id, assigned_to, deadline, priority, id)
  WHERE status <> 'afgesloten' AND assigned_to IS NOT NULL;
CREATE INDEX meldingen_active_crisis_idx ON meldingen (municipality_id, priority, deadline, id)
  WHERE status <> 'afgesloten' AND is_crisis;

-- Planned actions: call back, home visit, appointment, the quick-fix confirmation, informing a new municipality.
CREATE TABLE planned_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  melding_id uuid NOT NULL REFERENCES meldingen (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('terugbellen', 'huisbezoek', 'afspraak', 'quick_fix_controle',
    'gemeente_informeren', 'overig')),
  planned_for date NOT NULL,
  -- DDAS EnumDagdeel, verbatim.
  dagdeel text CHECK (dagdeel IN ('Ochtend', 'Middag', 'Avond')),
  assigned_to uuid REFERENCES users (id) ON DELETE SET NULL,
  note text,
  status text NOT NULL DEFAULT 'gepland' CHECK (status IN ('gepland', 'gedaan', 'vervallen')),
  done_at timestamptz,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX planned_actions_agenda_idx ON planned_actions (municipality_id, assigned_to, planned_for)
  WHERE status = 'gepland';
CREATE INDEX planned_actions_melding_idx ON planned_actions (melding_id);

-- Quick fix: the arrears must be solved within 30 days after the resident accepted help. A job marks the check
-- due and the worker confirms.
CREATE TABLE quick_fix_checks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  melding_id uuid NOT NULL UNIQUE REFERENCES meldingen (id) ON DELETE CASCADE,
  accepted_on date NOT NULL,
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'gepland' CHECK (status IN ('gepland', 'te_bevestigen', 'opgelost', 'niet_opgelost')),
  assigned_to uuid REFERENCES users (id) ON DELETE SET NULL,
  confirmed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  confirmed_at timestamptz,
  note text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quick_fix_checks_due_idx ON quick_fix_checks (status, due_on);

-- The household record the household-plan capability builds on: at most one open case per household.
CREATE TABLE household_cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_id uuid REFERENCES households (id),
  regisseur_id uuid REFERENCES users (id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'gesloten')),
  opened_at timestamptz NOT NULL DEFAULT now(),
  opened_from_melding_id uuid REFERENCES meldingen (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX household_cases_one_open_idx ON household_cases (municipality_id, household_id)
  WHERE status = 'open' AND household_id IS NOT NULL;

-- A Wgs help request (schuldhulpverlening) with its own clock: the first conversation within 4 weeks, within 3
-- working days when the situation is threatening (Wgs art. 4a).
CREATE TABLE debt_help_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_case_id uuid NOT NULL REFERENCES household_cases (id),
  melding_id uuid REFERENCES meldingen (id) ON DELETE SET NULL,
  requested_on date NOT NULL,
  is_threatening boolean NOT NULL DEFAULT false,
  first_conversation_due date NOT NULL,
  first_conversation_on date,
  status text NOT NULL DEFAULT 'aangevraagd' CHECK (status IN ('aangevraagd', 'in_behandeling', 'afgerond', 'ingetrokken')),
  note text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX debt_help_requests_clock_idx ON debt_help_requests (municipality_id, status, first_conversation_due);

-- Warm handover from a melding: internal debt help, the household's regisseur, or an external organisation
-- (only with the resident's recorded consent).
CREATE TABLE melding_handovers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  melding_id uuid NOT NULL REFERENCES meldingen (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('schuldhulp', 'regisseur', 'extern')),
  household_case_id uuid REFERENCES household_cases (id),
  debt_help_request_id uuid REFERENCES debt_help_requests (id),
  organisation text,
  consent_given_on date,
  consent_note text,
  note text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT melding_handovers_extern_consent CHECK (
    kind <> 'extern' OR (organisation IS NOT NULL AND consent_given_on IS NOT NULL))
);
CREATE INDEX melding_handovers_melding_idx ON melding_handovers (melding_id);
