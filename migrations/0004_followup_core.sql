-- Vroegsignalering follow-up: the shared data model that outreach, closing and the DDAS export build on.
-- Melding lifecycle: open (nog niet opgepakt) -> in_behandeling (opgepakt) -> afgesloten.

ALTER TABLE meldingen
  -- Optimistic locking: every change bumps version; a stale write gets 409.
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN assigned_to uuid REFERENCES users (id) ON DELETE SET NULL,
  ADD COLUMN assigned_at timestamptz,
  -- DDAS vroegsignaalzaak.datumOpgepakt: the day the municipality took the melding up.
  ADD COLUMN taken_up_on date,
  ADD COLUMN closed_at timestamptz,
  ADD COLUMN closed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  -- DDAS EnumEindresultaat, verbatim.
  ADD COLUMN eindresultaat text CHECK (eindresultaat IN ('(Budget)advies en/of quick fix',
    'Definitief geen contact kunnen krijgen', 'Geen reactie na eerder contact',
    'Inwoner al bekend bij schuldhulpverlening', 'Inwoner heeft al een ander lopend traject',
    'Inwoner heeft zelf al betaald/betalingsregeling getroffen', 'Inwoner is overleden',
    'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering', 'Niet opgepakt: andere reden',
    'Niet opgepakt: herhaalde melding', 'Niet opgepakt: onterecht signaal',
    'Persoon is geen inwoner (meer) in de gemeente', 'Vervolghulp en/of verwijzing',
    'Vervolghulp en/of verwijzing financieel', 'Vervolghulp en/of verwijzing niet financieel',
    'Verwijzing zonder tussenkomst inwoner')),
  ADD COLUMN closing_note text,
  ADD CONSTRAINT meldingen_closed_has_result CHECK (status <> 'afgesloten' OR eindresultaat IS NOT NULL);

CREATE INDEX meldingen_assigned_idx ON meldingen (municipality_id, assigned_to, status, deadline)
  WHERE assigned_to IS NOT NULL;

-- DDAS contactpogingen: every attempt to reach the resident, whatever the channel.
CREATE TABLE contact_attempts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  melding_id uuid NOT NULL REFERENCES meldingen (id) ON DELETE CASCADE,
  -- DDAS EnumContactsoort, verbatim.
  soort text NOT NULL CHECK (soort IN ('Administratief', 'Afspraak op locatie', 'Brief', 'Huisbezoek', 'Kaartje',
    'Mail', 'Onbekend', 'Overige', 'SMS/Whatsapp', 'Telefoon')),
  datum date NOT NULL,
  -- DDAS EnumDagdeel, verbatim.
  dagdeel text CHECK (dagdeel IN ('Ochtend', 'Middag', 'Avond')),
  bereikt boolean NOT NULL DEFAULT false,
  note text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_attempts_melding_idx ON contact_attempts (melding_id, datum);
CREATE INDEX contact_attempts_municipality_idx ON contact_attempts (municipality_id, datum);
