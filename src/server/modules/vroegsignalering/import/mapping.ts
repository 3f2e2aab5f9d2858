// Column mapping: which partner header feeds which signal field. suggestMapping guesses it from Dutch and English
// header names; validateMapping checks a (user-edited) mapping against the file's headers.
import { z } from 'zod';
import { SIGNAL_FIELDS } from '../../../../shared/schemas/signals.ts';
import { FIELD_KINDS, isSignalField, parseFieldValue, REQUIRED_FIELDS, type SignalField } from './fields.ts';

export type ColumnMapping = {
  /** Field → the partner's header. */
  columns: Partial<Record<SignalField, string>>;
  /** Field → a fixed value for every row (parsed like a cell), for fields the file has no column for. */
  constants?: Partial<Record<SignalField, string>>;
  /** How to read ambiguous dates ("26-01-15", "20260115"); default 'dmy'. */
  dateOrder?: 'dmy' | 'ymd';
};

const fieldKeys = z.enum(SIGNAL_FIELDS as [SignalField, ...SignalField[]]);

/** A mapping as it comes in over HTTP or from storage. */
export const ColumnMappingSchema = z.strictObject({
  columns: z.partialRecord(fieldKeys, z.string().min(1).max(200)),
  constants: z.partialRecord(fieldKeys, z.string().max(2000)).optional(),
  dateOrder: z.enum(['dmy', 'ymd']).optional(),
});

export const MAPPING_ERROR_CODES = [
  'missing_required_column',
  'unknown_column',
  'unknown_field',
  'mapped_twice',
  'invalid_constant',
] as const;
export type MappingErrorCode = (typeof MAPPING_ERROR_CODES)[number];

export type MappingError = {
  code: MappingErrorCode;
  /** The signal field concerned. */
  field: string;
  /** The header concerned (unknown_column). */
  column?: string;
  /** For invalid_constant: the value parser's code. */
  detail?: string;
  message: string;
};

/**
 * Header synonyms per field, normalised (see normaliseHeader) and in order of preference: when two headers match
 * one field, the one matching the earlier synonym wins ("Achternaam" before "Naam").
 */
export const SYNONYMS: Readonly<Record<SignalField, readonly string[]>> = {
  externalId: [
    'kenmerk',
    'signaal-id',
    'signaalid',
    'signaalnummer',
    'signaal nr',
    'signaalkenmerk',
    'meldingsnummer',
    'melding id',
    'meldingskenmerk',
    'referentie',
    'referentienummer',
    'uw kenmerk',
    'ons kenmerk',
    'external id',
    'signal id',
    'reference',
    'id',
  ],
  bsn: ['bsn', 'burgerservicenummer', 'bsn nummer', 'sofinummer', 'sofi-nummer', 'citizen service number'],
  voornamen: ['voornamen', 'voornaam', 'roepnaam', 'first name', 'firstname', 'given name', 'given names'],
  voorletters: ['voorletters', 'voorletter', 'initialen', 'voorl', 'initials'],
  voorvoegsel: [
    'tussenvoegsel',
    'tussenvoegsels',
    'voorvoegsel',
    'voorvoegsels',
    'voorvoegsel geslachtsnaam',
    'tsv',
    'tussenv',
    'prefix',
    'infix',
  ],
  achternaam: [
    'achternaam',
    'geslachtsnaam',
    'familienaam',
    'naam',
    'klantnaam',
    'naam klant',
    'naam debiteur',
    'debiteurnaam',
    'naam huurder',
    'surname',
    'last name',
    'lastname',
    'family name',
    'name',
    'bedrijfsnaam',
  ],
  geboortedatum: [
    'geboortedatum',
    'geb datum',
    'gebdatum',
    'geboorte datum',
    'geb dat',
    'date of birth',
    'birth date',
    'birthdate',
    'dob',
  ],
  straat: ['straat', 'straatnaam', 'openbare ruimte', 'street', 'street name'],
  huisnummer: [
    'huisnummer',
    'huisnr',
    'huisnr.',
    'nr',
    'huisnummer en toevoeging',
    'huisnummer incl toevoeging',
    'huisnummer met toevoeging',
    'huisnr en toev',
    'house number',
    'housenumber',
  ],
  huisletter: ['huisletter', 'letter', 'house letter'],
  toevoeging: [
    'toevoeging',
    'huisnummertoevoeging',
    'huisnummer toevoeging',
    'huisnr toev',
    'huisnr toevoeging',
    'toev',
    'addition',
    'house number addition',
    'suffix',
  ],
  postcode: ['postcode', 'pc', 'post code', 'postal code', 'zip', 'zipcode', 'zip code'],
  woonplaats: ['woonplaats', 'plaats', 'plaatsnaam', 'stad', 'city', 'town', 'place'],
  telefoon: [
    'telefoon',
    'telefoonnummer',
    'tel',
    'telnr',
    'tel nr',
    'mobiel',
    'mobiel nummer',
    'mobielnummer',
    'gsm',
    'phone',
    'phone number',
    'telephone',
    'mobile',
  ],
  email: ['e-mail', 'email', 'e-mailadres', 'emailadres', 'mail', 'mailadres', 'email address'],
  isBusiness: [
    'zakelijk',
    'zakelijke klant',
    'bedrijf',
    'is bedrijf',
    'ondernemer',
    'business',
    'is business',
  ],
  customerNumber: [
    'klantnummer',
    'klantnr',
    'klant nr',
    'klant id',
    'klantid',
    'contractnummer',
    'contractnr',
    'contract nr',
    'huurcontractnummer',
    'debiteurnummer',
    'debiteurnr',
    'relatienummer',
    'polisnummer',
    'aansluitnummer',
    'customer number',
    'customer id',
    'account number',
    'contract number',
  ],
  amountCents: [
    'bedrag',
    'achterstand',
    'openstaand bedrag',
    'bedrag achterstand',
    'achterstallig bedrag',
    'hoogte achterstand',
    'totaal achterstand',
    'achterstand bedrag',
    'openstaand saldo',
    'openstaand',
    'saldo',
    'schuld',
    'amount',
    'arrears',
    'amount due',
    'outstanding amount',
  ],
  arrearsSince: [
    'ontstaansdatum',
    'datum ontstaan',
    'ontstaan',
    'achterstand sinds',
    'achterstand vanaf',
    'startdatum achterstand',
    'datum eerste achterstand',
    'arrears since',
  ],
  signalDate: [
    'datum signaal',
    'signaaldatum',
    'datum melding',
    'meldingsdatum',
    'meldatum',
    'signal date',
    'datum',
    'date',
  ],
  monthsInArrears: [
    'aantal maanden achterstand',
    'maanden achterstand',
    'achterstand in maanden',
    'aantal maanden',
    'maanden',
    'months in arrears',
  ],
  daysInArrears: [
    'aantal dagen achterstand',
    'dagen achterstand',
    'achterstand in dagen',
    'aantal dagen',
    'dagen',
    'days in arrears',
  ],
  endOfSupply: [
    'afsluiting',
    'afsluiting aangekondigd',
    'dreigende afsluiting',
    'afsluiting gepland',
    'end of supply',
    'disconnection',
  ],
  endOfSupplyDate: ['afsluitdatum', 'datum afsluiting', 'end of supply date', 'disconnection date'],
  evictionAnnounced: [
    'ontruiming',
    'ontruiming aangekondigd',
    'ontruiming aangezegd',
    'dreigende ontruiming',
    'eviction',
    'eviction announced',
  ],
  evictionDate: ['ontruimingsdatum', 'datum ontruiming', 'eviction date'],
  insuranceTermination: [
    'opzegging',
    'opzegging verzekering',
    'dreigende opzegging',
    'royement',
    'beeindiging verzekering',
    'insurance termination',
  ],
  warmHandover: ['warme overdracht', 'warme overdracht gewenst', 'warm handover', 'warm transfer'],
  remark: [
    'opmerking',
    'opmerkingen',
    'toelichting',
    'notitie',
    'notities',
    'memo',
    'remark',
    'remarks',
    'comment',
    'comments',
    'notes',
  ],
};

/** Lower case, without diacritics, bracketed notes ("Bedrag (€)") and anything but letters and digits. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*]/g, ' ')
    .replace(/[+&]/g, ' en ')
    .replace(/[^a-z0-9]+/g, '');
}

const SYNONYM_INDEX = new Map<string, { field: SignalField; rank: number }>();
for (const field of SIGNAL_FIELDS) {
  SYNONYMS[field].forEach((synonym, rank) => {
    const key = normaliseHeader(synonym);
    if (!SYNONYM_INDEX.has(key)) SYNONYM_INDEX.set(key, { field, rank });
  });
}

/** The synonym table (normalised synonym → field), for tests and for showing the user what is recognised. */
export function synonymIndex(): ReadonlyMap<string, { field: SignalField; rank: number }> {
  return SYNONYM_INDEX;
}

/**
 * Guesses the mapping from header names (case, diacritics, spacing and punctuation do not matter). A header is
 * used for at most one field. Headers that match no synonym exactly may still match by prefix ("Postcode klant").
 */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const columns: Partial<Record<SignalField, string>> = {};
  const best = new Map<SignalField, { header: string; rank: number }>();
  const used = new Set<string>();
  for (const header of headers) {
    const hit = SYNONYM_INDEX.get(normaliseHeader(header));
    if (!hit) continue;
    const current = best.get(hit.field);
    if (!current || hit.rank < current.rank) best.set(hit.field, { header, rank: hit.rank });
  }
  for (const [field, { header }] of best) {
    columns[field] = header;
    used.add(header);
  }
  // Second pass: an unused header that starts with a long synonym of a still unmapped field ("Postcode klant").
  // Not for yes/no fields: "Afsluitingskosten" is no afsluiting flag.
  for (const header of headers) {
    if (used.has(header)) continue;
    const key = normaliseHeader(header);
    let match: { field: SignalField; length: number } | undefined;
    for (const [synonym, { field }] of SYNONYM_INDEX) {
      if (synonym.length < 8 || FIELD_KINDS[field] === 'boolean') continue;
      if (columns[field] !== undefined || !key.startsWith(synonym)) continue;
      if (!match || synonym.length > match.length) match = { field, length: synonym.length };
    }
    if (match) {
      columns[match.field] = header;
      used.add(header);
    }
  }
  return { columns };
}

const hasOwn = (record: object | undefined, key: string): boolean =>
  record !== undefined && record !== null && Object.hasOwn(record, key);

function provided(mapping: ColumnMapping, field: SignalField): boolean {
  const column = hasOwn(mapping.columns, field) ? mapping.columns[field] : undefined;
  const constant = hasOwn(mapping.constants, field) ? mapping.constants?.[field] : undefined;
  return (
    (typeof column === 'string' && column !== '') || (typeof constant === 'string' && constant.trim() !== '')
  );
}

/**
 * Checks a mapping against the file's headers: required fields (achternaam, amountCents, signalDate, and
 * postcode + huisnummer or bsn) must come from a column or a constant; mapped headers must exist; field names must
 * be signal fields; a field cannot have both a column and a constant; constants must parse. Empty array: fine.
 */
export function validateMapping(mapping: ColumnMapping, headers: readonly string[]): MappingError[] {
  const errors: MappingError[] = [];
  const known = new Set(headers);
  const columns: Record<string, unknown> = mapping.columns ?? {};
  const constants: Record<string, unknown> = mapping.constants ?? {};
  for (const [field, header] of Object.entries(columns)) {
    if (header === undefined) continue;
    if (!isSignalField(field)) {
      errors.push({ code: 'unknown_field', field, message: `"${field}" is not a signal field.` });
    } else if (typeof header !== 'string' || !known.has(header)) {
      errors.push({
        code: 'unknown_column',
        field,
        column: String(header),
        message: `The file has no column "${String(header)}".`,
      });
    }
  }
  for (const [field, value] of Object.entries(constants)) {
    if (value === undefined) continue;
    if (!isSignalField(field)) {
      errors.push({ code: 'unknown_field', field, message: `"${field}" is not a signal field.` });
      continue;
    }
    if (hasOwn(columns, field) && columns[field] !== undefined) {
      errors.push({
        code: 'mapped_twice',
        field,
        message: `"${field}" has both a column and a fixed value.`,
      });
    }
    const parsed = parseFieldValue(field, typeof value === 'string' ? value : '', {
      dateOrder: mapping.dateOrder,
    });
    if (typeof value !== 'string' || !parsed.ok) {
      errors.push({
        code: 'invalid_constant',
        field,
        detail: parsed.ok ? 'invalid_type' : parsed.code,
        message: `The fixed value for "${field}" is not valid.`,
      });
    }
  }
  const missing = (field: SignalField, message: string) =>
    errors.push({ code: 'missing_required_column', field, message });
  for (const field of REQUIRED_FIELDS) {
    if (!provided(mapping, field)) missing(field, `Map a column to "${field}".`);
  }
  const hasBsn = provided(mapping, 'bsn');
  const hasPostcode = provided(mapping, 'postcode');
  const hasHuisnummer = provided(mapping, 'huisnummer');
  if (!hasBsn && !hasPostcode) missing('postcode', 'Map postcode and huisnummer, or BSN.');
  if ((hasPostcode || !hasBsn) && !hasHuisnummer) missing('huisnummer', 'Map huisnummer with postcode.');
  return errors;
}
