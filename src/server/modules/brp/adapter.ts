/**
 * The BRP as intake matching sees it: a few batched look-ups that return persons with their current address.
 *
 * Two implementations: {@link ./embedded.ts} over our own persons/addresses tables (the synthetic BRP of the demo,
 * or a municipality's own copy) and {@link ./haal-centraal.ts} over the Haal Centraal BRP Personen bevragen API
 * v2. Intake matches up to a million signals in batches of a few thousand, so the address and BSN look-ups take
 * a whole batch of keys at once.
 */

export type BrpNaamgebruik = 'E' | 'P' | 'V' | 'N';
export type BrpGeslacht = 'M' | 'V' | 'O';
export type BrpStatus = 'ingeschreven' | 'verhuisd' | 'overleden';

export type BrpPerson = {
  /** Our persons.id for the embedded BRP; the BSN for Haal Centraal, which has no other stable id. */
  id: string;
  bsn: string;
  voornamen: string;
  voorvoegsel: string | null;
  geslachtsnaam: string;
  partnerVoorvoegsel: string | null;
  partnerGeslachtsnaam: string | null;
  /** BRP aanduiding naamgebruik: E eigen, P partner, V partner + eigen, N eigen + partner. */
  naamgebruik: BrpNaamgebruik;
  /** YYYY-MM-DD; an unknown month or day is 00, as in the BRP itself. */
  geboortedatum: string;
  geslacht: BrpGeslacht;
  householdId: string;
  addressId: string;
  postcode: string;
  huisnummer: number;
  huisletter: string | null;
  toevoeging: string | null;
  brpStatus: BrpStatus;
};

export type BrpAddressKey = { postcode: string; huisnummer: number };

/** The key of {@link BrpAdapter.findByAddresses} results: `${postcode}|${huisnummer}`, postcode as 1234AB. */
export function brpAddressKey(postcode: string, huisnummer: number): string {
  return `${normaliseBrpPostcode(postcode)}|${huisnummer}`;
}

/** "1234 ab" -> "1234AB". */
export function normaliseBrpPostcode(postcode: string): string {
  return postcode.replace(/\s+/g, '').toUpperCase();
}

export interface BrpAdapter {
  /**
   * All persons registered at each postcode + huisnummer (every huisletter and toevoeging of that number), also
   * those who moved away or died (with their brpStatus). The map has an entry, possibly empty, for every key;
   * its keys are {@link brpAddressKey}.
   */
  findByAddresses(municipalityId: string, keys: BrpAddressKey[]): Promise<Map<string, BrpPerson[]>>;
  /**
   * Persons born on that date whose surname resembles the given one: own name, partner name or a combination,
   * compared on the normalised surname key of matching (tussenvoegsels, diacritics, ij/y, small typos).
   */
  findByNameAndBirthDate(
    municipalityId: string,
    q: { geslachtsnaam: string; geboortedatum: string },
  ): Promise<BrpPerson[]>;
  /** The persons with these BSNs; unknown BSNs are absent from the map. */
  findByBsn(municipalityId: string, bsns: string[]): Promise<Map<string, BrpPerson>>;
  household(municipalityId: string, householdId: string): Promise<{ members: BrpPerson[] }>;
}

export type BrpUnavailableReason =
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'bad_request'
  | 'server_error'
  | 'invalid_response'
  | 'configuration';

/** The BRP could not answer: nothing was matched, and the batch should be retried later. */
export class BrpUnavailableError extends Error {
  override readonly name = 'BrpUnavailableError';
  readonly reason: BrpUnavailableReason;
  readonly status: number | undefined;

  constructor(message: string, options: { reason: BrpUnavailableReason; status?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.reason = options.reason;
    this.status = options.status;
  }
}
