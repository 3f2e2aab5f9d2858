-- Appointments of a household, the preparation call before the first conversation (with the list of documents
-- the resident brings, sent by letter or e-mail in the resident's language), and reminders for referrals that
-- got no answer by their reminder date. All hang on household_cases (0005/0010); their timeline events are
-- written to household_timeline with the existing categories 'plan' and 'verwijzing'.

-- An appointment: when (start and end), how (at a place, by phone, by video), with whom (one professional of the
-- municipality and zero or more members of the household's network), why, and what became of it.
CREATE TABLE household_appointments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_case_id uuid NOT NULL REFERENCES household_cases (id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  mode text NOT NULL CHECK (mode IN ('locatie', 'telefoon', 'video')),
  -- The address or room (locatie), or the link (video); nothing for a phone call.
  location text CHECK (length(location) <= 300),
  purpose text NOT NULL CHECK (purpose IN ('eerste_gesprek', 'vervolggesprek', 'huisbezoek', 'netwerkoverleg',
    'overig')),
  note text CHECK (length(note) <= 2000),
  professional_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'gepland' CHECK (status IN ('gepland', 'gehouden', 'geannuleerd',
    'niet_verschenen')),
  -- Why it was cancelled (or what happened), recorded with the status.
  status_reason text CHECK (length(status_reason) <= 2000),
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT household_appointments_order CHECK (ends_at > starts_at),
  CONSTRAINT household_appointments_place CHECK (mode <> 'locatie' OR location IS NOT NULL)
);
CREATE INDEX household_appointments_case_idx ON household_appointments (household_case_id, starts_at);

-- The network members taking part in an appointment (a budgetmaatje, the GGZ worker, ...).
CREATE TABLE household_appointment_network (
  appointment_id uuid NOT NULL REFERENCES household_appointments (id) ON DELETE CASCADE,
  network_member_id uuid NOT NULL REFERENCES household_network_members (id) ON DELETE CASCADE,
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  PRIMARY KEY (appointment_id, network_member_id)
);

-- The municipality's default list of documents to bring to the first conversation: built-in items by code (their
-- texts live in the code, in every letter language) and the municipality's own items with their texts. No row:
-- the built-in default list.
CREATE TABLE household_preparation_settings (
  municipality_id uuid PRIMARY KEY REFERENCES municipalities (id),
  items jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array'),
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A preparation call: that it happened (when, with which household member) and exactly what was sent after it,
-- by letter (the PDF as printed is kept) or by e-mail (delivered by the job queue, with its status).
CREATE TABLE household_preparations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_case_id uuid NOT NULL REFERENCES household_cases (id) ON DELETE CASCADE,
  appointment_id uuid REFERENCES household_appointments (id) ON DELETE SET NULL,
  called_on date NOT NULL,
  member_id uuid NOT NULL REFERENCES household_members (id),
  language text NOT NULL CHECK (language ~ '^[a-z]{2}$'),
  channel text NOT NULL CHECK (channel IN ('brief', 'mail')),
  -- The documents as sent, in the language of the letter: [{"code": "..."|null, "text": "..."}].
  items jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array' AND jsonb_array_length(items) > 0),
  subject text NOT NULL,
  -- The text as sent (the letter's words, or the e-mail's plain text) and the e-mail's HTML alternative.
  body text NOT NULL,
  html text,
  -- The e-mail address (personal data; null for a letter).
  recipient text,
  pdf bytea,
  status text NOT NULL CHECK (status IN ('afgedrukt', 'in_wachtrij', 'verzenden', 'verzonden', 'mislukt')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  provider_message_id text,
  sent_at timestamptz,
  note text CHECK (length(note) <= 2000),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT household_preparations_channel CHECK (
    (channel = 'brief' AND pdf IS NOT NULL AND recipient IS NULL)
    OR (channel = 'mail' AND recipient IS NOT NULL AND pdf IS NULL))
);
CREATE INDEX household_preparations_case_idx ON household_preparations (household_case_id, created_at DESC);

-- A referral that passed its reminder date without an answer. One per referral and reminder date (the daily job
-- is idempotent); resolved when the referral is answered, finished, rescheduled or the plan is closed.
CREATE TABLE household_referral_reminders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  household_case_id uuid NOT NULL REFERENCES household_cases (id) ON DELETE CASCADE,
  referral_id uuid NOT NULL REFERENCES household_referrals (id) ON DELETE CASCADE,
  remind_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  UNIQUE (referral_id, remind_on)
);
CREATE INDEX household_referral_reminders_open_idx ON household_referral_reminders (municipality_id, remind_on)
  WHERE resolved_at IS NULL;
CREATE INDEX household_referral_reminders_case_idx ON household_referral_reminders (household_case_id)
  WHERE resolved_at IS NULL;
