// DDAS vroegsignalering v1.2 code lists, verbatim from ../shared/standards/ddas/vroegsignalering/v1.2/
// json_schema_Uitwisselmodel.json ($defs). Never translate or reorder them here; map to them explicitly.
// src/shared/ddas.test.ts checks these lists against the schema file.

export const DDAS_SIGNAALPARTNERS = [
  'Belastingdienst',
  'CAK Eigen bijdrage',
  'CAK Zorgverzekeringen',
  'Dienst Toeslagen',
  'DUO',
  'Energie',
  'Huur',
  'Hypotheek',
  'Overige',
  'Water',
  'Zorg',
] as const;
export type DdasSignaalpartner = (typeof DDAS_SIGNAALPARTNERS)[number];

export const DDAS_SIGNAALSTATUSSEN = [
  'Inwoner al bekend bij schuldhulpverlening',
  'Inwoner is overleden',
  'Niet opgepakt: andere reden',
  'Niet opgepakt: herhaalde melding',
  'Niet opgepakt: onterecht signaal',
  'Nog niet opgepakt',
  'Opgepakt',
  'Persoon is geen inwoner (meer) in de gemeente',
] as const;
export type DdasSignaalstatus = (typeof DDAS_SIGNAALSTATUSSEN)[number];

export const DDAS_CONTACTSOORTEN = [
  'Administratief',
  'Afspraak op locatie',
  'Brief',
  'Huisbezoek',
  'Kaartje',
  'Mail',
  'Onbekend',
  'Overige',
  'SMS/Whatsapp',
  'Telefoon',
] as const;
export type DdasContactsoort = (typeof DDAS_CONTACTSOORTEN)[number];

export const DDAS_EINDRESULTATEN = [
  '(Budget)advies en/of quick fix',
  'Definitief geen contact kunnen krijgen',
  'Geen reactie na eerder contact',
  'Inwoner al bekend bij schuldhulpverlening',
  'Inwoner heeft al een ander lopend traject',
  'Inwoner heeft zelf al betaald/betalingsregeling getroffen',
  'Inwoner is overleden',
  'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
  'Niet opgepakt: andere reden',
  'Niet opgepakt: herhaalde melding',
  'Niet opgepakt: onterecht signaal',
  'Persoon is geen inwoner (meer) in de gemeente',
  'Vervolghulp en/of verwijzing',
  'Vervolghulp en/of verwijzing financieel',
  'Vervolghulp en/of verwijzing niet financieel',
  'Verwijzing zonder tussenkomst inwoner',
] as const;
export type DdasEindresultaat = (typeof DDAS_EINDRESULTATEN)[number];

export const DDAS_DAGDELEN = ['Ochtend', 'Middag', 'Avond'] as const;
export type DdasDagdeel = (typeof DDAS_DAGDELEN)[number];

/** DDAS `geslacht` of the client (Uitwisselmodel $defs.geslacht), verbatim. */
export const DDAS_GESLACHTEN = ['Man', 'Vrouw', 'Onbekend', 'Leeg'] as const;
export type DdasGeslacht = (typeof DDAS_GESLACHTEN)[number];
