/**
 * Deterministic synthetic population ("embedded BRP") for the demo, tests and benchmarks.
 *
 * The same options always produce the same rows, ids included, on any machine: all randomness comes from one
 * seeded PRNG and ages are computed against a fixed reference date instead of the clock. Rows are yielded one
 * at a time (an address, then each of its households followed by its members), so a million persons never sit
 * in memory together.
 */
import {
  DUTCH_FIRST_NAMES,
  FIRST_NAMES,
  type NamePool,
  ORIGIN_WEIGHTS,
  type Origin,
  PLACE_NAMES,
  STREET_MODIFIERS,
  STREET_PERSONS,
  STREET_PLACES,
  STREET_STEMS,
  STREET_SUFFIXES,
  SURNAMES,
  splitSurname,
  UNISEX_FIRST_NAMES,
} from './names.ts';

export type Sex = 'M' | 'V' | 'O';
export type Naamgebruik = 'E' | 'P' | 'V' | 'N';
export type HouseholdRole = 'hoofd' | 'partner' | 'kind' | 'overig';
export type IncomeSource = 'loon' | 'uitkering' | 'pensioen' | 'zelfstandig' | 'studiefinanciering' | 'geen';

export interface AddressRow {
  table: 'addresses';
  id: string;
  municipalityId: string;
  straat: string;
  huisnummer: number;
  huisletter: string | null;
  toevoeging: string | null;
  postcode: string;
  woonplaats: string;
  wijkId: string | null;
}

export interface HouseholdRow {
  table: 'households';
  id: string;
  municipalityId: string;
  addressId: string;
}

export interface PersonRow {
  table: 'persons';
  id: string;
  municipalityId: string;
  bsn: string;
  voornamen: string;
  voorvoegsel: string | null;
  geslachtsnaam: string;
  partnerVoorvoegsel: string | null;
  partnerGeslachtsnaam: string | null;
  naamgebruik: Naamgebruik;
  geslacht: Sex;
  /** YYYY-MM-DD */
  geboortedatum: string;
  householdId: string;
  addressId: string;
  householdRole: HouseholdRole;
  monthlyIncomeCents: number;
  incomeSource: IncomeSource;
}

export type PopulationRow = AddressRow | HouseholdRow | PersonRow;

/** Inclusive range of four-digit postcode numbers (the "1234" of "1234 AB"). */
export interface PostcodeRange {
  from: number;
  to: number;
}

export interface PopulationOptions {
  seed: number;
  /** Exact number of persons to generate. */
  inhabitants: number;
  municipalityId: string;
  /** CBS gemeentecode, four digits. Mixed into the PRNG and the BSN range, so municipalities differ. */
  cbsCode: string;
  woonplaats: string;
  /** Defaults to {@link defaultPostcodeRange}. */
  postcodeRange?: PostcodeRange;
  /** When given, every address is assigned to one of these wijken, in contiguous postcode blocks. */
  wijkIds?: readonly string[];
  /** Ages are relative to this date (YYYY-MM-DD) rather than today, which would break determinism. */
  referenceDate?: string;
}

export const MAX_INHABITANTS = 10_000_000;
export const DEFAULT_REFERENCE_DATE = '2025-01-01';

export class PopulationOptionsError extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// PRNG

/** 128-bit string hash (cyrb128) used only to turn a seed key into PRNG state. */
function hash128(key: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < key.length; i++) {
    const k = key.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(x: number): string {
  return (
    (HEX[(x >>> 24) & 0xff] as string) +
    (HEX[(x >>> 16) & 0xff] as string) +
    (HEX[(x >>> 8) & 0xff] as string) +
    (HEX[x & 0xff] as string)
  );
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): small and fast, with 128 bits of state so that
 * different seeds do not fall onto overlapping streams as easily as with 32-bit generators such as mulberry32.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareGaussian: number | null = null;

  constructor(key: string) {
    [this.a, this.b, this.c, this.d] = hash128(key);
    // The first outputs of sfc32 still correlate with the seed words.
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform unsigned 32-bit integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Biased towards the start of the lists, which hold the most common names first. */
  pickCommon<T>(items: readonly T[]): T {
    const u = this.float();
    // Maps u onto [0, 1) with the head of the list about three times as likely as the tail.
    return items[Math.floor(u * (0.5 + 0.5 * u) * items.length)] as T;
  }

  weighted<T>(table: WeightTable<T>): T {
    const u = this.float() * table.total;
    const { cumulative, values } = table;
    for (let i = 0; i < cumulative.length; i++) {
      if (u < (cumulative[i] as number)) return values[i] as T;
    }
    return values[values.length - 1] as T;
  }

  /** Standard normal deviate (Box-Muller). */
  gaussian(): number {
    if (this.spareGaussian !== null) {
      const g = this.spareGaussian;
      this.spareGaussian = null;
      return g;
    }
    const r = Math.sqrt(-2 * Math.log(1 - this.float()));
    const theta = 2 * Math.PI * this.float();
    this.spareGaussian = r * Math.sin(theta);
    return r * Math.cos(theta);
  }
}

const HEX16 = (x: number) => (HEX[(x >>> 8) & 0xff] as string) + (HEX[x & 0xff] as string);

/**
 * Version 4 UUIDs whose first 48 bits count up from a seed-dependent random start, the rest drawn from the
 * PRNG. Ascending ids keep every B-tree the seed writes to (primary keys, persons.household_id,
 * persons.address_id) appending at its right edge instead of touching random pages, which makes loading a
 * million persons several times faster; this is the idea behind UUIDv7, without the clock. The counter makes
 * ids unique within a population outright, and the 74 random bits keep populations of different seeds or
 * municipalities apart.
 */
class IdSequence {
  private counter: number;

  constructor(private readonly rng: Prng) {
    // Below 2^47, so a population of any allowed size cannot overflow 48 bits.
    this.counter = (rng.next() >>> 1) * 65536 + (rng.next() & 0xffff);
  }

  next(): string {
    const c = this.counter++;
    const r1 = this.rng.next();
    const r2 = this.rng.next();
    const r3 = this.rng.next();
    return (
      `${hex32(Math.floor(c / 65536))}-${HEX16(c % 65536)}-${HEX16(0x4000 | (r1 & 0x0fff))}-` +
      `${HEX16(0x8000 | ((r1 >>> 12) & 0x3fff))}-${hex32(r2)}${HEX16(r3 & 0xffff)}`
    );
  }
}

interface WeightTable<T> {
  values: readonly T[];
  cumulative: readonly number[];
  total: number;
}

function weights<T>(entries: readonly (readonly [T, number])[]): WeightTable<T> {
  let total = 0;
  const cumulative: number[] = [];
  for (const [, w] of entries) {
    total += w;
    cumulative.push(total);
  }
  return { values: entries.map(([v]) => v), cumulative, total };
}

// ---------------------------------------------------------------------------------------------------------------
// BSN

/** Fibonacci-hashing multiplier (about 0.618 * 10^4, coprime with 10^4); see {@link BsnSequence}. */
const BSN_LANE_MULTIPLIER = 6181;
const BSN_LANES = 10_000;
const BSN_LANE_SIZE = 9_000;
const BSN_PREFIX_MIN = 10_000_000;
const BSN_PREFIX_SPACE = BSN_LANES * BSN_LANE_SIZE;
/** Odd, not divisible by 3 or 5, hence coprime with the lane size: an affine map with them is a bijection. */
const BSN_SHUFFLE_MULTIPLIERS = [4567, 2753, 6241, 1009, 7001, 3217, 5003, 8191] as const;

// The elfproef lives in src/shared/bsn.ts (also used to validate partner input); re-exported for the tests.
export { isValidBsn } from '../../shared/bsn.ts';

/**
 * Hands out elfproef-valid BSNs, unique within one generated population and disjoint between municipalities.
 *
 * The 8-digit prefixes 10000000..99999999 form 10,000 lanes of 9,000 prefixes (about 8,180 valid BSNs each,
 * since a prefix whose check digit would be 10 is skipped). A municipality starts in lane
 * (cbsCode * 6181) mod 10,000 and continues into the following lanes as its population grows. Because 6181 is
 * coprime with 10,000 every CBS code gets its own starting lane, so two municipalities with different codes
 * never share a BSN while each stays below about 8,180 persons. The golden-ratio multiplier spreads
 * numerically close codes (neighbours in the same province) far apart: codes that differ by at most 50 start
 * at least 154 lanes apart (room for ~1.2 million persons each), by at most 200 at least 19 lanes (~155,000),
 * by at most 1,000 at least 7 lanes (~57,000). Nine digits cannot do better for every pair of the 10,000
 * possible codes; the loader therefore also checks the database and refuses a seed that would reuse another
 * municipality's BSN. Within a lane the prefixes are visited in a seed-dependent shuffled order so that
 * household members do not get consecutive numbers.
 */
class BsnSequence {
  private readonly startLane: number;
  private readonly shuffleMultiplier: number;
  private readonly shuffleOffset: number;
  private counter = 0;

  constructor(cbsCode: number, rng: Prng) {
    this.startLane = (cbsCode * BSN_LANE_MULTIPLIER) % BSN_LANES;
    this.shuffleMultiplier = rng.pick(BSN_SHUFFLE_MULTIPLIERS);
    this.shuffleOffset = rng.int(0, BSN_LANE_SIZE - 1);
  }

  next(): string {
    for (;;) {
      if (this.counter >= BSN_PREFIX_SPACE) throw new Error('BSN space exhausted');
      const k = this.counter++;
      const lane = (this.startLane + Math.floor(k / BSN_LANE_SIZE)) % BSN_LANES;
      const offset = ((k % BSN_LANE_SIZE) * this.shuffleMultiplier + this.shuffleOffset) % BSN_LANE_SIZE;
      const prefix = BSN_PREFIX_MIN + lane * BSN_LANE_SIZE + offset;
      let rest = prefix;
      let sum = 0;
      for (let weight = 2; weight <= 9; weight++) {
        sum += weight * (rest % 10);
        rest = Math.floor(rest / 10);
      }
      const check = sum % 11;
      if (check !== 10) return String(prefix * 10 + check);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function formatDay(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

function parseDay(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = daysFromCivil(y, mo, d);
  return formatDay(days) === date ? days : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Addresses

/** PostNL does not issue the letter combinations SA, SD and SS. */
const POSTCODE_LETTERS: readonly string[] = (() => {
  const out: string[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const pair = String.fromCharCode(a, b);
      if (pair !== 'SA' && pair !== 'SD' && pair !== 'SS') out.push(pair);
    }
  }
  return out;
})();

const STREET_NAMES: readonly string[] = (() => {
  const out: string[] = [];
  for (const stem of STREET_STEMS) {
    const lower = stem.toLowerCase();
    // Skip doubled words such as "Dijkdijk" or "Gracht" + "gracht".
    for (const suffix of STREET_SUFFIXES) if (!lower.endsWith(suffix)) out.push(stem + suffix);
  }
  for (const person of STREET_PERSONS) {
    for (const suffix of ['straat', 'laan', 'plein', 'singel', 'kade', 'hof', 'park']) {
      out.push(person + suffix);
    }
  }
  for (const place of STREET_PLACES) {
    for (const suffix of ['weg', 'straat', 'straatweg', 'dijk', 'vaart', 'kade']) out.push(place + suffix);
  }
  return out;
})();

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** A step coprime with the number of street names, so walking by it visits every name before repeating. */
const STREET_STEP = (() => {
  let step = 7919;
  while (gcd(step, STREET_NAMES.length) !== 1) step++;
  return step;
})();

type FloorStyle = { field: 'toevoeging' | 'huisletter'; values: readonly string[] };

/** How apartments in one building are told apart in BAG: Amsterdam "H/1/2", roman floors, Rotterdam "12A/12B". */
const FLOOR_STYLES: readonly FloorStyle[] = [
  { field: 'toevoeging', values: ['H', '1', '2', '3', '4'] },
  { field: 'toevoeging', values: ['hs', '1', '2', '3'] },
  { field: 'toevoeging', values: ['I', 'II', 'III', 'IV'] },
  { field: 'toevoeging', values: ['1', '2', '3', '4', '5', '6'] },
  { field: 'huisletter', values: ['A', 'B', 'C', 'D'] },
  { field: 'toevoeging', values: ['A', 'B', 'C'] },
];

type StreetKind = 'houses' | 'portiek' | 'galerij';
const STREET_KINDS = weights<StreetKind>([
  ['houses', 62],
  ['portiek', 26],
  ['galerij', 12],
]);

interface AddressSpec {
  straat: string;
  huisnummer: number;
  huisletter: string | null;
  toevoeging: string | null;
  postcode: string;
  wijkId: string | null;
}

/** Four-digit postcode numbers sized to the population (a PC4 area holds ~4,000 people), placed by CBS code. */
export function defaultPostcodeRange(cbsCode: string, inhabitants: number): PostcodeRange {
  const size = Math.min(900, Math.max(1, Math.ceil(inhabitants / 4000)));
  const position = ((Number(cbsCode) * BSN_LANE_MULTIPLIER) % 10_000) / 10_000;
  const from = 1000 + Math.floor(position * (9000 - size));
  return { from, to: from + size - 1 };
}

class PostcodeAllocator {
  private pc4: number;
  private letterIndex: number;
  private round = 0;
  private readonly perPc4: number;

  constructor(
    private readonly range: PostcodeRange,
    inhabitants: number,
  ) {
    const rangeSize = range.to - range.from + 1;
    // ~2.1 persons per household and ~14 addresses per PC6, with room for skipped letter pairs.
    const expectedPc6 = inhabitants / 2.1 / 14;
    this.perPc4 = Math.min(POSTCODE_LETTERS.length, Math.max(40, Math.ceil((expectedPc6 * 1.5) / rangeSize)));
    this.pc4 = range.from;
    this.letterIndex = -1;
  }

  /** Next PC6 in postcode order. When the range is used up, later rounds take the unused letter pairs. */
  next(rng: Prng): string {
    this.letterIndex += rng.chance(0.2) ? rng.int(2, 4) : 1;
    if (this.letterIndex >= Math.min(POSTCODE_LETTERS.length, (this.round + 1) * this.perPc4)) {
      this.pc4++;
      if (this.pc4 > this.range.to) {
        this.pc4 = this.range.from;
        this.round++;
        if (this.round * this.perPc4 >= POSTCODE_LETTERS.length) {
          throw new PopulationOptionsError(
            `The postcode range ${this.range.from}-${this.range.to} is too small for this many inhabitants.`,
          );
        }
      }
      this.letterIndex = this.round * this.perPc4;
    }
    return `${this.pc4}${POSTCODE_LETTERS[this.letterIndex] as string}`;
  }
}

/** Streets of houses and apartment buildings, in postcode order; a new street always starts a new PC6. */
function* addressStream(
  rng: Prng,
  postcodes: PostcodeAllocator,
  wijkIds: readonly string[],
  progress: () => number,
): Generator<AddressSpec, never, undefined> {
  const streetOffset = rng.int(0, STREET_NAMES.length - 1);
  for (let streetNo = 0; ; streetNo++) {
    const base = STREET_NAMES[(streetOffset + streetNo * STREET_STEP) % STREET_NAMES.length] as string;
    const modifier = STREET_MODIFIERS[Math.floor(streetNo / STREET_NAMES.length) % STREET_MODIFIERS.length];
    const straat = `${modifier}${base}`;
    // Wijken follow generation progress, hence postcode order: each wijk is a contiguous block of streets.
    const wijkId =
      wijkIds.length === 0
        ? null
        : (wijkIds[Math.min(wijkIds.length - 1, Math.floor(progress() * wijkIds.length))] as string);
    let postcode = postcodes.next(rng);
    let inPc6 = 0;
    let pc6Capacity = rng.int(8, 24);
    const maybeNextPc6 = () => {
      if (inPc6 >= pc6Capacity) {
        postcode = postcodes.next(rng);
        inPc6 = 0;
        pc6Capacity = rng.int(8, 24);
      }
    };
    const spec = (huisnummer: number, huisletter: string | null, toevoeging: string | null): AddressSpec => {
      inPc6++;
      return { straat, huisnummer, huisletter, toevoeging, postcode, wijkId };
    };

    const kind = rng.weighted(STREET_KINDS);
    if (kind === 'houses') {
      const count = rng.int(6, 90);
      // Streets that continue from a neighbouring area do not start at 1.
      let huisnummer = rng.chance(0.1) ? rng.int(2, 60) : 1;
      for (let i = 0; i < count; i++) {
        if (huisnummer === 13 && rng.chance(0.3)) huisnummer++;
        maybeNextPc6();
        yield spec(huisnummer, null, null);
        if (rng.chance(0.03)) yield spec(huisnummer, 'A', null);
        if (rng.chance(0.004)) yield spec(huisnummer, null, 'bis');
        huisnummer += rng.chance(0.85) ? 1 : 2;
      }
    } else if (kind === 'portiek') {
      const buildings = rng.int(3, 24);
      const style = rng.pick(FLOOR_STYLES);
      const floors = rng.int(2, style.values.length);
      let huisnummer = rng.int(1, 3);
      for (let b = 0; b < buildings; b++) {
        maybeNextPc6();
        for (let f = 0; f < floors; f++) {
          const value = style.values[f] as string;
          yield style.field === 'huisletter' ? spec(huisnummer, value, null) : spec(huisnummer, null, value);
        }
        huisnummer += rng.chance(0.5) ? 1 : 2;
      }
    } else {
      const count = rng.int(30, 220);
      const first = rng.pick([1, 1, 2, 101, 201]);
      for (let i = 0; i < count; i++) {
        maybeNextPc6();
        yield spec(first + i, null, null);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// People

type HouseholdKind = 'single' | 'couple' | 'family' | 'singleParent' | 'other';

/** CBS household composition: ~39% alone, 28% couples, 24% couples with children, 8% single parents. */
const HOUSEHOLD_KINDS = weights<HouseholdKind>([
  ['single', 39],
  ['couple', 28],
  ['family', 24],
  ['singleParent', 8],
  ['other', 1],
]);

const ORIGINS = weights<Origin>(ORIGIN_WEIGHTS);

type AgeBand = readonly [number, number];
// Tuned so that the whole population roughly follows the CBS age pyramid (about 20% under 18, 20% over 65).
const SINGLE_AGES = weights<AgeBand>([
  [[18, 24], 14],
  [[25, 44], 24],
  [[45, 64], 30],
  [[65, 79], 19],
  [[80, 94], 12],
  [[95, 100], 1],
]);
const COUPLE_AGES = weights<AgeBand>([
  [[21, 34], 18],
  [[35, 49], 8],
  [[50, 66], 32],
  [[67, 79], 30],
  [[80, 94], 11],
  [[95, 100], 1],
]);
const OLDEST_CHILD_AGES = weights<AgeBand>([
  [[0, 5], 28],
  [[6, 11], 30],
  [[12, 17], 29],
  [[18, 22], 11],
  [[23, 27], 2],
]);
const CHILD_COUNTS = weights<number>([
  [1, 40],
  [2, 42],
  [3, 14],
  [4, 4],
]);

interface Draft {
  role: HouseholdRole;
  sex: Sex;
  age: number;
  origin: Origin;
  voornamen: string;
  voorvoegsel: string | null;
  geslachtsnaam: string;
  partnerVoorvoegsel: string | null;
  partnerGeslachtsnaam: string | null;
  naamgebruik: Naamgebruik;
}

interface Surname {
  voorvoegsel: string | null;
  geslachtsnaam: string;
}

const SPLIT_SURNAMES: Readonly<Record<Origin, readonly Surname[]>> = {
  nl: SURNAMES.nl.map(splitSurname),
  tr: SURNAMES.tr.map(splitSurname),
  ma: SURNAMES.ma.map(splitSurname),
  sr: SURNAMES.sr.map(splitSurname),
  pl: SURNAMES.pl.map(splitSurname),
};

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}

class PersonFactory {
  constructor(
    private readonly rng: Prng,
    private readonly referenceYear: number,
  ) {}

  origin(): Origin {
    return this.rng.weighted(ORIGINS);
  }

  /** Partners mostly share an origin; mixed couples are common enough to show up. */
  partnerOrigin(origin: Origin): Origin {
    return this.rng.chance(0.85) ? origin : this.origin();
  }

  ageIn(band: AgeBand): number {
    return this.rng.int(band[0], band[1]);
  }

  adultSex(): Sex {
    if (this.rng.chance(0.002)) return 'O';
    return this.rng.chance(0.5) ? 'M' : 'V';
  }

  surname(origin: Origin): Surname {
    return this.rng.pickCommon(SPLIT_SURNAMES[origin]);
  }

  private pool(origin: Origin, birthYear: number): NamePool {
    if (origin !== 'nl') return FIRST_NAMES[origin];
    if (birthYear < 1965) return DUTCH_FIRST_NAMES.old;
    if (birthYear < 1995) return DUTCH_FIRST_NAMES.mid;
    return DUTCH_FIRST_NAMES.young;
  }

  voornamen(origin: Origin, sex: Sex, age: number): string {
    const rng = this.rng;
    const birthYear = this.referenceYear - age;
    const pool = this.pool(origin, birthYear);
    const names: readonly string[] = sex === 'O' ? UNISEX_FIRST_NAMES : sex === 'M' ? pool.male : pool.female;
    // Older Dutch generations usually got two or three baptismal names; younger ones one or two.
    const u = rng.float();
    const count =
      origin !== 'nl'
        ? u < 0.72
          ? 1
          : 2
        : birthYear < 1965
          ? u < 0.2
            ? 1
            : u < 0.65
              ? 2
              : 3
          : birthYear < 1995
            ? u < 0.45
              ? 1
              : u < 0.9
                ? 2
                : 3
            : u < 0.6
              ? 1
              : u < 0.97
                ? 2
                : 3;
    const first = sex === 'O' ? rng.pick(names) : rng.pickCommon(names);
    if (count === 1) return first;
    const chosen = [first];
    // Catholic families often gave sons "Maria" as a second name.
    if (sex === 'M' && origin === 'nl' && birthYear < 1965 && rng.chance(0.15)) chosen.push('Maria');
    for (let tries = 0; chosen.length < count && tries < 10; tries++) {
      const next = rng.pick(names);
      if (!chosen.includes(next)) chosen.push(next);
    }
    return chosen.join(' ');
  }

  person(role: HouseholdRole, sex: Sex, age: number, origin: Origin, surname?: Surname): Draft {
    const name = surname ?? this.surname(origin);
    return {
      role,
      sex,
      age,
      origin,
      voornamen: this.voornamen(origin, sex, age),
      voorvoegsel: name.voorvoegsel,
      geslachtsnaam: name.geslachtsnaam,
      partnerVoorvoegsel: null,
      partnerGeslachtsnaam: null,
      naamgebruik: 'E',
    };
  }

  /**
   * BRP aanduiding naamgebruik: only spouses and registered partners may use the partner's name. Women of older
   * generations married to a man use it most, mostly as V ("Pietersen-Bakker": partner name first).
   */
  naamgebruik(sex: Sex, partnerSex: Sex, age: number): Naamgebruik {
    const u = this.rng.float();
    if (sex === 'V' && partnerSex === 'M') {
      if (age >= 60) return u < 0.25 ? 'E' : u < 0.45 ? 'P' : u < 0.9 ? 'V' : 'N';
      return u < 0.6 ? 'E' : u < 0.68 ? 'P' : u < 0.9 ? 'V' : 'N';
    }
    if (sex === 'M' && partnerSex === 'V') return u < 0.93 ? 'E' : u < 0.95 ? 'P' : u < 0.97 ? 'V' : 'N';
    return u < 0.85 ? 'E' : u < 0.9 ? 'P' : u < 0.95 ? 'V' : 'N';
  }

  marry(a: Draft, b: Draft): void {
    a.partnerVoorvoegsel = b.voorvoegsel;
    a.partnerGeslachtsnaam = b.geslachtsnaam;
    b.partnerVoorvoegsel = a.voorvoegsel;
    b.partnerGeslachtsnaam = a.geslachtsnaam;
    a.naamgebruik = this.naamgebruik(a.sex, b.sex, a.age);
    b.naamgebruik = this.naamgebruik(b.sex, a.sex, b.age);
  }

  /** Widows often keep the late husband's name on letters; the BRP keeps the naamgebruik after his death. */
  maybeWidowed(d: Draft): void {
    const rng = this.rng;
    const p = d.sex === 'V' ? (d.age >= 80 ? 0.6 : d.age >= 70 ? 0.4 : 0) : d.age >= 80 ? 0.3 : 0;
    if (p === 0 || !rng.chance(p)) return;
    const late = this.surname(d.origin);
    d.partnerVoorvoegsel = late.voorvoegsel;
    d.partnerGeslachtsnaam = late.geslachtsnaam;
    const u = rng.float();
    d.naamgebruik = d.sex === 'V' ? (u < 0.55 ? 'V' : u < 0.8 ? 'P' : u < 0.9 ? 'N' : 'E') : 'E';
  }

  couple(minAge: number, age: number): [Draft, Draft] {
    const rng = this.rng;
    const u = rng.float();
    const sexes: [Sex, Sex] = u < 0.97 ? ['M', 'V'] : u < 0.985 ? ['M', 'M'] : ['V', 'V'];
    if (rng.chance(0.004)) sexes[rng.int(0, 1)] = 'O';
    // In mixed-sex couples the man is on average about two years older.
    const gap = Math.round(rng.gaussian() * 3.5) + (sexes[0] === 'M' && sexes[1] === 'V' ? 2 : 0);
    const ageA = clamp(age + gap, minAge, 100);
    const originA = this.origin();
    const originB = this.partnerOrigin(originA);
    const a = this.person('hoofd', sexes[0], ageA, originA);
    const b = this.person('partner', sexes[1], age, originB);
    const married = rng.chance(age < 30 ? 0.35 : age < 50 ? 0.65 : 0.85);
    if (married) this.marry(a, b);
    // Who is listed first is arbitrary in practice.
    if (rng.chance(0.3)) {
      a.role = 'partner';
      b.role = 'hoofd';
      return [b, a];
    }
    return [a, b];
  }

  children(count: number, oldest: number, origin: Origin, surname: Surname): Draft[] {
    const rng = this.rng;
    const kids: Draft[] = [];
    let age = oldest;
    for (let i = 0; i < count; i++) {
      if (i > 0) {
        age -= rng.chance(0.03) ? 0 : rng.int(1, 5);
        if (age < 0) break;
      }
      const sex: Sex = rng.chance(0.002) ? 'O' : rng.chance(0.51) ? 'M' : 'V';
      kids.push(this.person('kind', sex, age, origin, surname));
    }
    return kids;
  }

  household(kind: HouseholdKind): Draft[] {
    const rng = this.rng;
    switch (kind) {
      case 'single': {
        const age = this.ageIn(rng.weighted(SINGLE_AGES));
        const d = this.person('hoofd', this.adultSex(), age, this.origin());
        this.maybeWidowed(d);
        return [d];
      }
      case 'couple':
        return this.couple(18, this.ageIn(rng.weighted(COUPLE_AGES)));
      case 'family': {
        const oldest = this.ageIn(rng.weighted(OLDEST_CHILD_AGES));
        const motherAge = clamp(oldest + 30 + Math.round(rng.gaussian() * 4.5), oldest + 18, oldest + 45);
        const [p1, p2] = this.couple(oldest + 16, motherAge);
        // Children mostly carry the father's name; parents may choose the mother's since 1998.
        const father = p1.sex === 'M' ? p1 : p2.sex === 'M' ? p2 : p1;
        const mother = father === p1 ? p2 : p1;
        const nameGiver = rng.chance(0.85) ? father : mother;
        const kids = this.children(rng.weighted(CHILD_COUNTS), oldest, nameGiver.origin, nameGiver);
        return [p1, p2, ...kids];
      }
      case 'singleParent': {
        const oldest = this.ageIn(rng.weighted(OLDEST_CHILD_AGES));
        const parentAge = clamp(oldest + 29 + Math.round(rng.gaussian() * 5), oldest + 18, oldest + 45);
        const sex: Sex = rng.chance(0.002) ? 'O' : rng.chance(0.8) ? 'V' : 'M';
        const origin = this.origin();
        const parent = this.person('hoofd', sex, parentAge, origin);
        // After a separation the children often keep the other parent's surname.
        const surname = rng.chance(0.55) ? parent : this.surname(origin);
        const kids = this.children(rng.weighted(CHILD_COUNTS), oldest, origin, surname);
        return [parent, ...kids];
      }
      case 'other': {
        if (rng.chance(0.55)) {
          // Friends sharing a house.
          const n = rng.int(2, 3);
          const out: Draft[] = [];
          for (let i = 0; i < n; i++) {
            out.push(
              this.person(i === 0 ? 'hoofd' : 'overig', this.adultSex(), rng.int(19, 35), this.origin()),
            );
          }
          return out;
        }
        // An elderly parent living in (inwoning) with a grown-up child.
        const headAge = rng.int(40, 65);
        const origin = this.origin();
        const head = this.person('hoofd', this.adultSex(), headAge, origin);
        const parentAge = clamp(headAge + rng.int(24, 36), 65, 100);
        const parentIsFather = rng.chance(0.3);
        const parent = parentIsFather
          ? this.person('overig', 'M', parentAge, origin, head)
          : this.person('overig', 'V', parentAge, origin);
        if (!parentIsFather) {
          parent.partnerVoorvoegsel = head.voorvoegsel;
          parent.partnerGeslachtsnaam = head.geslachtsnaam;
          parent.naamgebruik = rng.chance(0.6) ? 'V' : 'E';
        }
        return [head, parent];
      }
    }
  }

  /** A room in a shared house: students and young workers. */
  lodger(): Draft[] {
    return [this.person('hoofd', this.adultSex(), this.rng.int(18, 30), this.origin())];
  }
}

function lognormalCents(
  rng: Prng,
  medianEuros: number,
  sigma: number,
  minEuros: number,
  maxEuros: number,
): number {
  const euros = clamp(medianEuros * Math.exp(sigma * rng.gaussian()), minEuros, maxEuros);
  return Math.round(euros * 100);
}

/** Gross monthly amounts in cents, roughly in line with 2024-2025 Dutch wages, benefits and pensions. */
function income(rng: Prng, d: Draft, hasPartner: boolean): { source: IncomeSource; cents: number } {
  const age = d.age;
  if (age < 18) return { source: 'geen', cents: 0 };
  if (age >= 67) {
    if (rng.chance(0.04)) return { source: 'loon', cents: lognormalCents(rng, 1400, 0.5, 300, 6000) };
    // AOW (lower per person for couples) plus a supplementary pension that varies a lot.
    const aow = hasPartner ? 1060 : 1550;
    const extra = rng.chance(0.12) ? 0 : clamp(600 * Math.exp(0.9 * rng.gaussian()), 20, 6000);
    return { source: 'pensioen', cents: Math.round((aow + extra) * 100) };
  }
  const u = rng.float();
  if (age < 25 || (d.role === 'kind' && age < 28)) {
    if (u < (d.role === 'kind' ? 0.5 : 0.42)) {
      return { source: 'studiefinanciering', cents: rng.int(d.role === 'kind' ? 120 : 300, 1150) * 100 };
    }
    if (u < 0.85) return { source: 'loon', cents: lognormalCents(rng, 1300, 0.5, 250, 4000) };
    if (u < 0.93) return { source: 'uitkering', cents: rng.int(450, 1350) * 100 };
    return { source: 'geen', cents: 0 };
  }
  if (u < 0.68) return { source: 'loon', cents: lognormalCents(rng, 3200, 0.45, 1100, 16000) };
  if (u < 0.77) return { source: 'zelfstandig', cents: lognormalCents(rng, 2800, 0.8, 150, 25000) };
  if (u < (hasPartner ? 0.89 : 0.97)) {
    // Bijstand (Participatiewet), WW or WIA/Wajong.
    const v = rng.float();
    if (v < 0.45)
      return { source: 'uitkering', cents: rng.int(hasPartner ? 950 : 1250, hasPartner ? 1050 : 1450) * 100 };
    if (v < 0.7) return { source: 'uitkering', cents: rng.int(1500, 3200) * 100 };
    return { source: 'uitkering', cents: rng.int(1150, 2600) * 100 };
  }
  return { source: 'geen', cents: 0 };
}

// ---------------------------------------------------------------------------------------------------------------
// Generator

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ValidOptions {
  seed: number;
  inhabitants: number;
  municipalityId: string;
  cbsCode: string;
  woonplaats: string;
  postcodeRange: PostcodeRange;
  wijkIds: readonly string[];
  referenceDay: number;
}

export function validatePopulationOptions(options: PopulationOptions): ValidOptions {
  const fail = (message: string): never => {
    throw new PopulationOptionsError(message);
  };
  const { seed, inhabitants, municipalityId, cbsCode, woonplaats } = options;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    fail('seed must be an integer from 0 to 4294967295.');
  if (!Number.isInteger(inhabitants) || inhabitants < 1 || inhabitants > MAX_INHABITANTS) {
    fail(`inhabitants must be an integer from 1 to ${MAX_INHABITANTS.toLocaleString('en-US')}.`);
  }
  if (!UUID.test(municipalityId)) fail('municipalityId must be a UUID.');
  if (!/^[0-9]{4}$/.test(cbsCode)) fail('cbsCode must be four digits, e.g. 0363.');
  if (woonplaats.trim() === '') fail('woonplaats must not be empty.');
  const range = options.postcodeRange ?? defaultPostcodeRange(cbsCode, inhabitants);
  if (
    !Number.isInteger(range.from) ||
    !Number.isInteger(range.to) ||
    range.from < 1000 ||
    range.to > 9999 ||
    range.from > range.to
  ) {
    fail('postcodeRange must satisfy 1000 <= from <= to <= 9999.');
  }
  const wijkIds = options.wijkIds ?? [];
  for (const id of wijkIds) if (!UUID.test(id)) fail(`wijk id ${id} is not a UUID.`);
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  const referenceDay = parseDay(referenceDate);
  if (referenceDay === null) fail('referenceDate must be a date in the form YYYY-MM-DD.');
  return {
    seed,
    inhabitants,
    municipalityId,
    cbsCode,
    woonplaats,
    postcodeRange: range,
    wijkIds,
    referenceDay: referenceDay as number,
  };
}

/**
 * Yields exactly `inhabitants` persons, each address before its households and each household before its
 * members (the foreign-key order of the tables).
 */
export function* generatePopulation(options: PopulationOptions): Generator<PopulationRow, void, undefined> {
  const o = validatePopulationOptions(options);
  const rng = new Prng(`vangnet-population:v1:${o.seed}:${o.cbsCode}`);
  const referenceYear = Number(formatDay(o.referenceDay).slice(0, 4));
  const bsns = new BsnSequence(Number(o.cbsCode), rng);
  const ids = new IdSequence(rng);
  const people = new PersonFactory(rng, referenceYear);
  const postcodes = new PostcodeAllocator(o.postcodeRange, o.inhabitants);
  let generated = 0;
  const addresses = addressStream(rng, postcodes, o.wijkIds, () => generated / o.inhabitants);
  const municipalityId = o.municipalityId;

  while (generated < o.inhabitants) {
    const spec = addresses.next().value as AddressSpec;
    const address: AddressRow = {
      table: 'addresses',
      id: ids.next(),
      municipalityId,
      straat: spec.straat,
      huisnummer: spec.huisnummer,
      huisletter: spec.huisletter,
      toevoeging: spec.toevoeging,
      postcode: spec.postcode,
      woonplaats: o.woonplaats,
      wijkId: spec.wijkId,
    };
    yield address;

    // Rooms let to separate households (kamerverhuur) put several households on one address.
    const shared = rng.chance(0.025);
    const householdCount = shared ? rng.int(2, 4) : 1;
    for (let h = 0; h < householdCount && generated < o.inhabitants; h++) {
      let members =
        shared && (h > 0 || rng.chance(0.6))
          ? people.lodger()
          : people.household(rng.weighted(HOUSEHOLD_KINDS));
      const room = o.inhabitants - generated;
      if (members.length > room) members = members.slice(0, room);
      const household: HouseholdRow = {
        table: 'households',
        id: ids.next(),
        municipalityId,
        addressId: address.id,
      };
      yield household;
      const adults = members.filter((m) => m.role === 'hoofd' || m.role === 'partner').length;
      for (const d of members) {
        const { source, cents } = income(rng, d, adults > 1 && d.role !== 'kind' && d.role !== 'overig');
        // Spread birthdays over the year: age a on the reference date means born in (ref - a - 1 y, ref - a y].
        const birthDay = o.referenceDay - Math.floor((d.age + rng.float()) * 365.2425);
        const person: PersonRow = {
          table: 'persons',
          id: ids.next(),
          municipalityId,
          bsn: bsns.next(),
          voornamen: d.voornamen,
          voorvoegsel: d.voorvoegsel,
          geslachtsnaam: d.geslachtsnaam,
          partnerVoorvoegsel: d.partnerVoorvoegsel,
          partnerGeslachtsnaam: d.partnerGeslachtsnaam,
          naamgebruik: d.naamgebruik,
          geslacht: d.sex,
          geboortedatum: formatDay(birthDay),
          householdId: household.id,
          addressId: address.id,
          householdRole: d.role,
          monthlyIncomeCents: cents,
          incomeSource: source,
        };
        yield person;
      }
      generated += members.length;
    }
  }
}

/** A plausible default woonplaats when a municipality has no name to reuse. */
export function defaultWoonplaats(seed: number): string {
  return PLACE_NAMES[seed % PLACE_NAMES.length] as string;
}
