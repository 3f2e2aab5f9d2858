-- Vroegsignalering outreach: letter, card, e-mail and text-message templates per municipality, the worker's
-- contact card (direct phone number, photo), printed letter batches and every message sent, with its status.
-- Each message that reaches the resident's door or inbox is also a DDAS contact attempt (contact_attempts).

CREATE TABLE outreach_settings (
  municipality_id uuid PRIMARY KEY REFERENCES municipalities (id),
  -- Sender block and return address above the envelope window.
  sender_name text NOT NULL DEFAULT '',
  return_address text NOT NULL DEFAULT '',
  -- Base of the personal appointment link; the letter adds ?ref=<reference>, never a name or BSN.
  appointment_url text,
  -- The municipality's choice to name the partner types (never amounts) in letters and messages.
  mention_partner_types boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE outreach_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  channel text NOT NULL CHECK (channel IN ('brief', 'kaartje', 'mail', 'sms')),
  language text NOT NULL CHECK (language IN ('nl', 'en', 'ar', 'tr')),
  name text NOT NULL,
  subject text NOT NULL DEFAULT '',
  body text NOT NULL,
  -- The template used when none is chosen, per channel and language.
  is_default boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, name)
);
CREATE UNIQUE INDEX outreach_templates_default_idx ON outreach_templates (municipality_id, channel, language)
  WHERE is_default;

-- What a resident sees of the worker: direct number and photo, per municipality the worker works in.
CREATE TABLE worker_contact_cards (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  direct_phone text NOT NULL DEFAULT '',
  photo bytea,
  photo_type text CHECK (photo_type IN ('image/png', 'image/jpeg')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, user_id)
);

-- One print run: a werkbakje's letters, or a single letter for one melding (no queue). The client's batch key
-- makes a retried request return the same batch instead of printing and registering twice.
CREATE TABLE letter_batches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  queue_id uuid REFERENCES work_queues (id),
  channel text NOT NULL CHECK (channel IN ('brief', 'kaartje')),
  batch_key uuid NOT NULL,
  letter_count integer NOT NULL,
  -- The PDF as printed, so a retry or a second download gives exactly the same letters.
  pdf bytea NOT NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, batch_key)
);
CREATE INDEX letter_batches_queue_idx ON letter_batches (municipality_id, queue_id, created_at DESC);

CREATE TABLE outreach_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  melding_id uuid NOT NULL REFERENCES meldingen (id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('brief', 'kaartje', 'mail', 'sms')),
  template_id uuid REFERENCES outreach_templates (id) ON DELETE SET NULL,
  language text NOT NULL,
  batch_id uuid REFERENCES letter_batches (id) ON DELETE CASCADE,
  -- E-mail address or phone number (personal data; null for paper).
  recipient text,
  subject text NOT NULL DEFAULT '',
  body text NOT NULL DEFAULT '',
  -- Short random reference in the appointment link: says which letter brought the resident, nothing else.
  reference text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'printed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  provider_message_id text,
  contact_attempt_id uuid REFERENCES contact_attempts (id) ON DELETE SET NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  UNIQUE (batch_id, melding_id)
);
CREATE INDEX outreach_messages_log_idx ON outreach_messages (municipality_id, created_at DESC, id DESC);
CREATE INDEX outreach_messages_melding_idx ON outreach_messages (melding_id);
CREATE INDEX outreach_messages_failed_idx ON outreach_messages (municipality_id, status) WHERE status = 'failed';
