/**
 * A matching benchmark with known truth, built from the synthetic BRP generator in memory (no database).
 *
 * For sampled persons it writes a signal the way a signalling partner would, with one realistic distortion per
 * signal (tussenvoegsel moved, diacritics dropped, ij/y, initials, partner name, half a double name, a typo,
 * toevoeging written differently, a wrong or missing birth date, ...), on top of the everyday variation of
 * partner data (voorvoegsel in its own field or not, full first names, only the first one, or initials).
 * Negative cases are signals for people who are not registered at the address (someone from elsewhere, or an
 * unregistered relative with the residents' surname); twins at one address test that siblings with the same
 * surname and birth date are never confused. Used by matching.test.ts and bench/matching.bench.ts.
 */
import { displaySurname } from '../../../../shared/names.ts';
import { type AddressRow, generatePopulation, Prng } from '../../../seed/generator.ts';
import { TUSSENVOEGSELS } from '../../../seed/names.ts';
import { type BrpPerson, brpAddressKey } from '../../brp/adapter.ts';
import { type MatchResult, type MatchSignalInput, type MatchStatus, surnameMatches } from './match.ts';

export const POSITIVE_KINDS = [
  'clean',
  'case',
  'tussenvoegsel_order',
  'diacritics',
  'eszett',
  'ij_y',
  'initials',
  'roepnaam',
  'partner_name',
  'double_name_part',
  'typo',
  'toevoeging',
  'birth_date_swapped',
  'birth_date_missing',
  'birth_date_typo',
  'birth_date_wrong',
  'bsn',
  'no_address',
] as const;
export type PositiveKind = (typeof POSITIVE_KINDS)[number];
export type NegativeKind = 'other_person' | 'relative_not_registered';
export type TwinKind = 'twin_first_name' | 'twin_initials';
export type CaseKind = PositiveKind | NegativeKind | TwinKind | 'business';

/** How often each distortion occurs in the positive set (relative weights). */
export const POSITIVE_WEIGHTS: Readonly<Record<PositiveKind, number>> = {
  clean: 12,
  case: 5,
  tussenvoegsel_order: 9,
  diacritics: 6,
  eszett: 2,
  ij_y: 5,
  initials: 9,
  roepnaam: 4,
  partner_name: 7,
  double_name_part: 4,
  typo: 8,
  toevoeging: 8,
  birth_date_swapped: 3,
  birth_date_missing: 4,
  birth_date_typo: 3,
  birth_date_wrong: 2,
  bsn: 4,
  no_address: 3,
};

/**
 * Kinds where an automatic match is not expected: a birth date that is simply someone else's is left to a
 * person, unless name, first names and address are all strong (both outcomes count as correct).
 */
export const MANUAL_EXPECTED_KINDS: ReadonlySet<CaseKind> = new Set(['birth_date_wrong']);

export type BenchmarkCase = {
  kind: CaseKind;
  signal: MatchSignalInput;
  /** What the BRP adapter would return for this signal. */
  candidates: BrpPerson[];
  /** The person meant, or null when that person is not among the candidates (negatives, businesses). */
  truth: BrpPerson | null;
};

export type Population = {
  persons: BrpPerson[];
  byAddress: Map<string, BrpPerson[]>;
  byBirthDate: Map<string, BrpPerson[]>;
};

export type Benchmark = Population & {
  positives: BenchmarkCase[];
  negatives: BenchmarkCase[];
  twins: BenchmarkCase[];
  businesses: BenchmarkCase[];
};

export type BenchmarkOptions = {
  seed: number;
  inhabitants: number;
  positives: number;
  negatives?: number;
  twins?: number;
  businesses?: number;
  /** Share of persons marked as moved out / deceased in the BRP. Defaults 0.02 / 0.01. */
  movedShare?: number;
  deceasedShare?: number;
};

const ADULT_BORN_BEFORE = '2007-01-01';

// ---------------------------------------------------------------------------------------------------------------
// Population

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The generator's population as BRP persons, indexed the way the adapters look them up. */
export function buildPopulation(options: {
  seed: number;
  inhabitants: number;
  movedShare?: number;
  deceasedShare?: number;
}): Population {
  const rng = new Prng(`vangnet-matching-status:${options.seed}`);
  const moved = options.movedShare ?? 0.02;
  const deceased = options.deceasedShare ?? 0.01;
  const addresses = new Map<string, AddressRow>();
  const persons: BrpPerson[] = [];
  for (const row of generatePopulation({
    seed: options.seed,
    inhabitants: options.inhabitants,
    municipalityId: '00000000-0000-4000-8000-000000000001',
    cbsCode: '0999',
    woonplaats: 'Voorbeeldstad',
  })) {
    if (row.table === 'addresses') addresses.set(row.id, row);
    else if (row.table === 'persons') {
      const a = addresses.get(row.addressId);
      if (!a) continue;
      const u = rng.float();
      persons.push({
        id: row.id,
        bsn: row.bsn,
        voornamen: row.voornamen,
        voorvoegsel: row.voorvoegsel,
        geslachtsnaam: row.geslachtsnaam,
        partnerVoorvoegsel: row.partnerVoorvoegsel,
        partnerGeslachtsnaam: row.partnerGeslachtsnaam,
        naamgebruik: row.naamgebruik,
        geboortedatum: row.geboortedatum,
        geslacht: row.geslacht,
        householdId: row.householdId,
        addressId: row.addressId,
        postcode: a.postcode,
        huisnummer: a.huisnummer,
        huisletter: a.huisletter,
        toevoeging: a.toevoeging,
        brpStatus: u < deceased ? 'overleden' : u < deceased + moved ? 'verhuisd' : 'ingeschreven',
      });
    }
  }
  const byAddress = new Map<string, BrpPerson[]>();
  const byBirthDate = new Map<string, BrpPerson[]>();
  for (const p of persons) {
    push(byAddress, brpAddressKey(p.postcode, p.huisnummer), p);
    push(byBirthDate, p.geboortedatum, p);
  }
  return { persons, byAddress, byBirthDate };
}

// ---------------------------------------------------------------------------------------------------------------
// Text helpers

const ASCII_FOLD: Readonly<Record<string, string>> = { ı: 'i', ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', İ: 'I' };

function stripDiacritics(s: string): string {
  return s
    .replace(/[ıłŁøØİ]/g, (c) => ASCII_FOLD[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

function hasDiacritics(s: string): boolean {
  return stripDiacritics(s) !== s;
}

function capitalise(word: string): string {
  return word.length === 0 ? word : (word[0] as string).toUpperCase() + word.slice(1);
}

function titleCase(s: string): string {
  return s
    .split(' ')
    .map((w) => (w.startsWith("'") ? w : capitalise(w)))
    .join(' ');
}

/** "van den Berg" -> ["van den", "Berg"]; the longest tussenvoegsel first, as the BRP splits them. */
function splitLeadingTussenvoegsel(name: string): [string | null, string] {
  const lower = name.toLowerCase();
  for (const t of TUSSENVOEGSELS) {
    if (lower.startsWith(`${t} `) && name.length > t.length + 1) {
      return [name.slice(0, t.length), name.slice(t.length + 1)];
    }
  }
  return [null, name];
}

function ownName(p: BrpPerson): string {
  return p.voorvoegsel ? `${p.voorvoegsel} ${p.geslachtsnaam}` : p.geslachtsnaam;
}

function partnerName(p: BrpPerson): string | null {
  if (!p.partnerGeslachtsnaam) return null;
  return p.partnerVoorvoegsel ? `${p.partnerVoorvoegsel} ${p.partnerGeslachtsnaam}` : p.partnerGeslachtsnaam;
}

function firstVoornaam(p: BrpPerson): string {
  return p.voornamen.split(' ')[0] ?? p.voornamen;
}

function voorletters(voornamen: string, rng: Prng, onlyFirst = false): string {
  const words = voornamen.split(/[\s-]+/).filter(Boolean);
  const letters = (onlyFirst ? words.slice(0, 1) : words).map((w) =>
    w.startsWith('IJ') ? 'IJ' : (w[0] ?? '').toUpperCase(),
  );
  switch (rng.int(0, 3)) {
    case 0:
      return `${letters.join('.')}.`;
    case 1:
      return letters.map((l) => `${l}.`).join(' ');
    case 2:
      return letters.join('');
    default:
      return letters.join('.');
  }
}

const VALID_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(s: string): boolean {
  const m = VALID_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// ---------------------------------------------------------------------------------------------------------------
// Distortions

/** Call names for common Dutch baptismal names (some start with another letter: Kees for Cornelis). */
const ROEPNAMEN: Readonly<Record<string, readonly string[]>> = {
  Johannes: ['Jan', 'Hans', 'Joop'],
  Cornelis: ['Kees', 'Cor'],
  Hendrik: ['Henk', 'Henny'],
  Hendrikus: ['Henk'],
  Jacobus: ['Jaap', 'Koos'],
  Pieter: ['Piet'],
  Petrus: ['Piet', 'Peter'],
  Wilhelmus: ['Wim', 'Willem'],
  Gerardus: ['Gerard', 'Gert'],
  Theodorus: ['Theo', 'Dick'],
  Adrianus: ['Ad', 'Arie'],
  Antonius: ['Toon', 'Ton'],
  Franciscus: ['Frans'],
  Bernardus: ['Ben', 'Bernard'],
  Hubertus: ['Huub'],
  Josephus: ['Jos', 'Sjef'],
  Leonardus: ['Leo'],
  Martinus: ['Martin', 'Tinus'],
  Nicolaas: ['Klaas', 'Niek'],
  Albertus: ['Bert'],
  Lambertus: ['Bert'],
  Gijsbertus: ['Gijs'],
  Hermanus: ['Herman'],
  Maria: ['Marie', 'Mies', 'Ria'],
  Johanna: ['Jo', 'Annie', 'Joke'],
  Cornelia: ['Corrie', 'Cor'],
  Hendrika: ['Riek', 'Henny'],
  Wilhelmina: ['Mien', 'Willy'],
  Geertruida: ['Truus'],
  Elisabeth: ['Els', 'Lies', 'Bep'],
  Catharina: ['Toos', 'Tiny'],
  Margaretha: ['Greet'],
  Petronella: ['Nel', 'Nelly'],
  Jacoba: ['Co', 'Coby'],
  Alida: ['Alie'],
  Mohammed: ['Mo'],
  Mohamed: ['Mo'],
  Aleksandra: ['Ola'],
  Małgorzata: ['Gosia'],
  Katarzyna: ['Kasia'],
};

function nameParts(display: string): string[] {
  return display
    .split('-')
    .map((s) => s.trim())
    .filter((s) => splitLeadingTussenvoegsel(s)[1].replace(/[^\p{L}]/gu, '').length >= 3);
}

/** Whether a distortion kind can be applied to this person (a tussenvoegsel to move, a diacritic to drop, ...). */
export function applicable(p: BrpPerson, kind: PositiveKind): boolean {
  const display = displaySurname(p);
  switch (kind) {
    case 'tussenvoegsel_order':
      return displaySurname(p) === ownName(p) && p.voorvoegsel !== null;
    case 'diacritics':
      return hasDiacritics(display) || hasDiacritics(p.voornamen);
    case 'eszett':
      return display.includes('ß');
    case 'ij_y':
      return /ij|y/i.test(display);
    case 'roepnaam':
      return ROEPNAMEN[firstVoornaam(p)] !== undefined;
    case 'partner_name':
      return p.partnerGeslachtsnaam !== null;
    case 'double_name_part':
      return nameParts(display).length >= 2;
    case 'typo':
      return /[a-xz]{4,}/.test(
        splitLeadingTussenvoegsel(display.split('-').at(-1) ?? display)[1].toLowerCase(),
      );
    case 'toevoeging':
      return p.huisletter !== null || p.toevoeging !== null;
    case 'birth_date_swapped': {
      const m = p.geboortedatum.slice(5, 7);
      const d = p.geboortedatum.slice(8, 10);
      return Number(d) <= 12 && d !== m;
    }
    default:
      return true;
  }
}

/** The signal as a partner's system would typically hold it, before any distortion. */
function baseSignal(p: BrpPerson, rng: Prng): MatchSignalInput {
  const display = displaySurname(p);
  const signal: MatchSignalInput = {
    achternaam: display,
    geboortedatum: p.geboortedatum,
    postcode: p.postcode,
    huisnummer: p.huisnummer,
    huisletter: p.huisletter ?? undefined,
    toevoeging: p.toevoeging ?? undefined,
  };
  if (rng.chance(0.35)) {
    const [v, rest] = splitLeadingTussenvoegsel(display);
    if (v) {
      signal.voorvoegsel = v;
      signal.achternaam = rest;
    }
  }
  const u = rng.float();
  if (u < 0.55) signal.voornamen = p.voornamen;
  else if (u < 0.8) signal.voornamen = firstVoornaam(p);
  else signal.voorletters = voorletters(p.voornamen, rng);
  return signal;
}

function surnameOf(s: MatchSignalInput): string {
  return s.voorvoegsel ? `${s.voorvoegsel} ${s.achternaam}` : s.achternaam;
}

function setSurname(s: MatchSignalInput, name: string): void {
  s.voorvoegsel = undefined;
  s.achternaam = name;
}

const KEYBOARD_NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'sq',
  b: 'vn',
  c: 'xv',
  d: 'sf',
  e: 'wr',
  f: 'dg',
  g: 'fh',
  h: 'gj',
  i: 'uo',
  j: 'hk',
  k: 'jl',
  l: 'k',
  m: 'n',
  n: 'bm',
  o: 'ip',
  p: 'o',
  q: 'wa',
  r: 'et',
  s: 'ad',
  t: 'r',
  u: 'i',
  v: 'cb',
  w: 'qe',
  x: 'zc',
  z: 'x',
};

/** One keyboard slip in the main part of the surname: a neighbouring key, a dropped, doubled or swapped letter. */
function typo(name: string, rng: Prng): string {
  const start = name.lastIndexOf('-') + 1;
  const [v, core] = splitLeadingTussenvoegsel(name.slice(start));
  const offset = start + (v ? v.length + 1 : 0);
  const positions: number[] = [];
  for (let i = 0; i < core.length; i++) if (/[a-xz]/.test(core[i] as string)) positions.push(offset + i);
  if (positions.length < 4) return name;
  for (let attempt = 0; attempt < 10; attempt++) {
    const i = rng.pick(positions);
    const c = name[i] as string;
    let out: string;
    switch (rng.int(0, 3)) {
      case 0: {
        const options = KEYBOARD_NEIGHBOURS[c] ?? 'e';
        out = name.slice(0, i) + (options[rng.int(0, options.length - 1)] as string) + name.slice(i + 1);
        break;
      }
      case 1:
        out = name.slice(0, i) + name.slice(i + 1);
        break;
      case 2:
        out = name.slice(0, i) + c + name.slice(i);
        break;
      default: {
        const next = name[i + 1];
        if (next === undefined || !/[a-xz]/.test(next) || next === c) continue;
        out = name.slice(0, i) + next + c + name.slice(i + 2);
      }
    }
    if (out !== name && out.toLowerCase() !== name.toLowerCase()) return out;
  }
  return name;
}

function rewriteUnit(p: BrpPerson, s: MatchSignalInput, rng: Prng): void {
  if (rng.chance(0.4)) {
    s.huisletter = undefined;
    s.toevoeging = undefined;
    return;
  }
  if (p.huisletter) {
    // The letter in the toevoeging field, or lower case.
    s.huisletter = undefined;
    s.toevoeging = rng.chance(0.5) ? p.huisletter.toLowerCase() : p.huisletter;
    return;
  }
  const t = p.toevoeging ?? '';
  const roman: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4 };
  let out = t;
  if (/^\d$/.test(t))
    out = rng.pick([
      `${t}-hoog`,
      `${t}e`,
      `${t} hg`,
      ['', 'I', 'II', 'III', 'IV', 'V', 'VI'][Number(t)] ?? t,
    ]);
  else if (roman[t] !== undefined) out = rng.pick([String(roman[t]), `${roman[t]}-hoog`, `${roman[t]}e`]);
  else if (t === 'H' || t === 'hs') out = rng.pick(['huis', 'bg', t === 'H' ? 'hs' : 'H']);
  else out = t.toLowerCase() === t ? t.toUpperCase() : t.toLowerCase();
  s.toevoeging = out.slice(0, 4);
}

function birthDateTypo(date: string, rng: Prng): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const pos = rng.pick([3, 6, 8, 9]);
    const digit = String(rng.int(0, 9));
    if (date[pos] === digit) continue;
    const out = date.slice(0, pos) + digit + date.slice(pos + 1);
    if (isRealDate(out) && out < '2025-01-01') return out;
  }
  return date;
}

function wrongBirthDate(p: BrpPerson, pop: Population, rng: Prng): string {
  // Often the date of the other adult in the household (the contract holder's partner), else a random one.
  const housemates = (pop.byAddress.get(brpAddressKey(p.postcode, p.huisnummer)) ?? []).filter(
    (o) => o.id !== p.id && o.householdId === p.householdId && o.geboortedatum < ADULT_BORN_BEFORE,
  );
  const other = housemates.length > 0 && rng.chance(0.5) ? rng.pick(housemates).geboortedatum : null;
  if (other && other.slice(0, 4) !== p.geboortedatum.slice(0, 4)) return other;
  for (;;) {
    const year = Number(p.geboortedatum.slice(0, 4)) + rng.pick([-1, 1]) * rng.int(2, 15);
    const out = `${year}-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))}`;
    if (out < '2025-01-01') return out;
  }
}

/** Applies one distortion of the given kind to a person's signal. */
export function distort(p: BrpPerson, kind: PositiveKind, rng: Prng, pop: Population): MatchSignalInput {
  const s = baseSignal(p, rng);
  switch (kind) {
    case 'clean':
      break;
    case 'case': {
      const name = surnameOf(s);
      setSurname(s, rng.chance(0.6) ? name.toUpperCase() : name.toLowerCase());
      if (s.voornamen && rng.chance(0.5)) s.voornamen = s.voornamen.toUpperCase();
      break;
    }
    case 'tussenvoegsel_order': {
      const v = p.voorvoegsel as string;
      const g = p.geslachtsnaam;
      const abbreviation = /^van (den|der|de)$/.test(v) ? rng.pick(['vd', 'v.d.', 'v/d']) : null;
      const forms = [
        `${g}, ${v}`,
        `${g} ${v}`,
        `${g}, ${titleCase(v)}`,
        `${titleCase(v)} ${g}`,
        `${(v + g)
          .replace(/[\s']/g, '')
          .toLowerCase()
          .replace(/^./, (c) => c.toUpperCase())}`,
        `${v} ${g}`.toUpperCase(),
      ];
      if (abbreviation) forms.push(`${g} ${abbreviation}`, `${abbreviation} ${g}`);
      setSurname(s, rng.pick(forms));
      break;
    }
    case 'diacritics':
      setSurname(s, stripDiacritics(surnameOf(s)));
      if (s.voornamen) s.voornamen = stripDiacritics(s.voornamen);
      if (s.voorletters) s.voorletters = stripDiacritics(s.voorletters);
      break;
    case 'eszett':
      setSurname(s, surnameOf(s).replaceAll('ß', 'ss'));
      break;
    case 'ij_y': {
      const name = surnameOf(s);
      setSurname(
        s,
        /ij/i.test(name)
          ? name.replace(/IJ/g, 'Y').replace(/ij/gi, 'y')
          : name.replace(/Y/g, 'IJ').replace(/y/g, 'ij'),
      );
      break;
    }
    case 'initials':
      s.voornamen = undefined;
      s.voorletters = voorletters(p.voornamen, rng, rng.chance(0.3));
      break;
    case 'roepnaam':
      s.voorletters = undefined;
      s.voornamen = rng.pick(ROEPNAMEN[firstVoornaam(p)] ?? [firstVoornaam(p)]);
      break;
    case 'partner_name': {
      const own = ownName(p);
      const partner = partnerName(p) as string;
      const display = displaySurname(p);
      const forms = [own, partner, `${partner}-${own}`, `${own}-${partner}`, `${partner} - ${own}`].filter(
        (f) => f !== display,
      );
      setSurname(s, rng.pick(forms));
      break;
    }
    case 'double_name_part':
      setSurname(s, rng.pick(nameParts(displaySurname(p))));
      break;
    case 'typo':
      setSurname(s, typo(displaySurname(p), rng));
      break;
    case 'toevoeging':
      rewriteUnit(p, s, rng);
      break;
    case 'birth_date_swapped':
      s.geboortedatum = `${p.geboortedatum.slice(0, 4)}-${p.geboortedatum.slice(8, 10)}-${p.geboortedatum.slice(5, 7)}`;
      break;
    case 'birth_date_missing':
      s.geboortedatum = undefined;
      break;
    case 'birth_date_typo':
      s.geboortedatum = birthDateTypo(p.geboortedatum, rng);
      break;
    case 'birth_date_wrong':
      s.geboortedatum = wrongBirthDate(p, pop, rng);
      break;
    case 'bsn': {
      const other = rng.pick([
        'clean',
        'tussenvoegsel_order',
        'initials',
        'typo',
        'partner_name',
        'ij_y',
      ] as const);
      const inner = applicable(p, other) ? distort(p, other, rng, pop) : s;
      inner.bsn = p.bsn;
      if (rng.chance(0.3)) inner.geboortedatum = undefined;
      return inner;
    }
    case 'no_address':
      s.postcode = undefined;
      s.huisnummer = undefined;
      s.huisletter = undefined;
      s.toevoeging = undefined;
      break;
  }
  return s;
}

/** What the BRP adapters would return for a signal: persons at its address, its BSN, or its name and birth date. */
export function candidatesFor(
  s: MatchSignalInput,
  pop: Population,
  bsnIndex: Map<string, BrpPerson>,
): BrpPerson[] {
  const out: BrpPerson[] = [];
  if (s.postcode && s.huisnummer)
    out.push(...(pop.byAddress.get(brpAddressKey(s.postcode, s.huisnummer)) ?? []));
  else if (s.geboortedatum) {
    const name = surnameOf(s);
    for (const p of pop.byBirthDate.get(s.geboortedatum) ?? []) if (surnameMatches(name, p)) out.push(p);
  }
  if (s.bsn) {
    const p = bsnIndex.get(s.bsn);
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Negative cases and twins

const TWIN_NAMES = [
  'Anna',
  'Bram',
  'Cas',
  'Daan',
  'Eva',
  'Finn',
  'Gijs',
  'Hugo',
  'Isa',
  'Jesse',
  'Koen',
  'Lotte',
  'Milan',
  'Noor',
  'Olivia',
  'Pim',
  'Roos',
  'Sem',
  'Tess',
  'Vera',
  'Wout',
  'Yara',
  'Zoë',
  'Joris',
  'Jelle',
  'Sanne',
  'Sara',
];

function elfproefBsn(rng: Prng, taken: Set<string>): string {
  for (;;) {
    const digits = Array.from({ length: 8 }, (_, i) => (i === 0 ? rng.int(1, 9) : rng.int(0, 9)));
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * (digits[i] as number);
    const check = sum % 11;
    if (check === 10) continue;
    const bsn = digits.join('') + String(check);
    if (!taken.has(bsn)) {
      taken.add(bsn);
      return bsn;
    }
  }
}

function otherPersonCase(pop: Population, adults: BrpPerson[], rng: Prng): BenchmarkCase | null {
  const resident = rng.pick(adults);
  const key = brpAddressKey(resident.postcode, resident.huisnummer);
  const residents = pop.byAddress.get(key) ?? [];
  const q = rng.pick(adults);
  if (residents.some((r) => r.householdId === q.householdId || r.id === q.id)) return null;
  const signal = baseSignal(q, rng);
  signal.postcode = resident.postcode;
  signal.huisnummer = resident.huisnummer;
  signal.huisletter = resident.huisletter ?? undefined;
  signal.toevoeging = resident.toevoeging ?? undefined;
  const sameName = residents.some((r) => surnameMatches(surnameOf(signal), r));
  // The same surname and birth date at the address would be the same person, not a negative.
  if (sameName && residents.some((r) => r.geboortedatum === q.geboortedatum)) return null;
  if (!sameName && rng.chance(0.15)) signal.geboortedatum = undefined;
  return { kind: 'other_person', signal, candidates: residents, truth: null };
}

function relativeCase(pop: Population, adults: BrpPerson[], rng: Prng): BenchmarkCase {
  const resident = rng.pick(adults);
  const residents = pop.byAddress.get(brpAddressKey(resident.postcode, resident.huisnummer)) ?? [];
  const signal = baseSignal(resident, rng);
  const initial = resident.voornamen[0] ?? 'A';
  const sameInitial = rng.chance(0.3);
  // A first name nobody at the address has (else it would be a resident with a wrong birth date).
  const names = TWIN_NAMES.filter((n) => (n[0] === initial) === sameInitial && !nameTaken(residents, n));
  const name = names.length > 0 ? rng.pick(names) : 'Xander';
  signal.voorletters = undefined;
  signal.voornamen = undefined;
  if (rng.chance(0.6)) signal.voornamen = name;
  else signal.voorletters = `${name[0]}.`;
  const year = Number(resident.geboortedatum.slice(0, 4)) + rng.pick([-1, 1]) * rng.int(1, 8);
  signal.geboortedatum = `${year}-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))}`;
  return { kind: 'relative_not_registered', signal, candidates: residents, truth: null };
}

/**
 * Whether one of these persons has this first name, one of its call names, or one that starts the same
 * ("Gijs" next to "Gijsbertus"), ignoring diacritics.
 */
function nameTaken(persons: readonly BrpPerson[], name: string): boolean {
  const plain = stripDiacritics(name);
  return persons.some((o) =>
    o.voornamen
      .split(' ')
      .flatMap((v) => [v, ...(ROEPNAMEN[v] ?? [])])
      .some((v) => {
        const t = stripDiacritics(v);
        return t.startsWith(plain) || plain.startsWith(t);
      }),
  );
}

/** Adds a twin (same surname, birth date, address and household, other first name) for each chosen person. */
function addTwins(
  pop: Population,
  chosen: BrpPerson[],
  rng: Prng,
  bsns: Set<string>,
): [BrpPerson, BrpPerson][] {
  const pairs: [BrpPerson, BrpPerson][] = [];
  for (const p of chosen) {
    const initial = p.voornamen[0] ?? 'A';
    const sameInitial = rng.chance(0.3);
    const household = (pop.byAddress.get(brpAddressKey(p.postcode, p.huisnummer)) ?? []).filter(
      (o) => o.householdId === p.householdId,
    );
    const options = TWIN_NAMES.filter((n) => (n[0] === initial) === sameInitial && !nameTaken(household, n));
    const twin: BrpPerson = {
      ...p,
      id: `${p.id}-twin`,
      bsn: elfproefBsn(rng, bsns),
      voornamen: options.length > 0 ? rng.pick(options) : 'Xander',
      brpStatus: 'ingeschreven',
    };
    pop.persons.push(twin);
    push(pop.byAddress, brpAddressKey(twin.postcode, twin.huisnummer), twin);
    push(pop.byBirthDate, twin.geboortedatum, twin);
    pairs.push([p, twin]);
  }
  return pairs;
}

const BUSINESS_SUFFIXES = ['B.V.', 'BV', 'V.O.F.', 'Holding B.V.', '& Zn', 'Installaties B.V.', 'N.V.'];

// ---------------------------------------------------------------------------------------------------------------
// The benchmark

export function buildBenchmark(options: BenchmarkOptions): Benchmark {
  const pop = buildPopulation(options);
  const rng = new Prng(`vangnet-matching-benchmark:${options.seed}`);
  const taken = new Set(pop.persons.map((p) => p.bsn));
  const adults = pop.persons.filter((p) => p.geboortedatum < ADULT_BORN_BEFORE);

  // Twins first, so that positives may also meet them at their address.
  const twinCount = options.twins ?? 0;
  const twinBase: BrpPerson[] = [];
  const usedHouseholds = new Set<string>();
  while (twinBase.length < twinCount && twinBase.length < pop.persons.length / 4) {
    const p = rng.pick(pop.persons);
    // Twins are unmarried siblings: a clone of a married person would copy the spouse's name.
    if (usedHouseholds.has(p.householdId) || p.brpStatus !== 'ingeschreven' || p.partnerGeslachtsnaam)
      continue;
    usedHouseholds.add(p.householdId);
    twinBase.push(p);
  }
  const pairs = addTwins(pop, twinBase, rng, taken);
  const bsnIndex = new Map(pop.persons.map((p) => [p.bsn, p]));

  const lists = new Map<PositiveKind, BrpPerson[]>();
  for (const kind of POSITIVE_KINDS)
    lists.set(
      kind,
      adults.filter((p) => applicable(p, kind)),
    );
  const kinds = POSITIVE_KINDS.filter((k) => (lists.get(k)?.length ?? 0) > 0);
  const total = kinds.reduce((sum, k) => sum + POSITIVE_WEIGHTS[k], 0);

  const positives: BenchmarkCase[] = [];
  for (let i = 0; i < options.positives; i++) {
    let u = rng.float() * total;
    let kind: PositiveKind = 'clean';
    for (const k of kinds) {
      u -= POSITIVE_WEIGHTS[k];
      if (u < 0) {
        kind = k;
        break;
      }
    }
    const p = rng.pick(lists.get(kind) as BrpPerson[]);
    const signal = distort(p, kind, rng, pop);
    positives.push({ kind, signal, candidates: candidatesFor(signal, pop, bsnIndex), truth: p });
  }

  const negatives: BenchmarkCase[] = [];
  const negativeCount = options.negatives ?? 0;
  while (negatives.length < negativeCount) {
    const c = rng.chance(0.5) ? otherPersonCase(pop, adults, rng) : relativeCase(pop, adults, rng);
    if (c) negatives.push(c);
  }

  const twins: BenchmarkCase[] = pairs.map(([a, b]) => {
    const p = rng.chance(0.5) ? a : b;
    const signal = baseSignal(p, rng);
    const byFirstName = rng.chance(0.6);
    signal.voornamen = byFirstName ? firstVoornaam(p) : undefined;
    signal.voorletters = byFirstName ? undefined : voorletters(p.voornamen, rng, true);
    return {
      kind: byFirstName ? 'twin_first_name' : 'twin_initials',
      signal,
      candidates: candidatesFor(signal, pop, bsnIndex),
      truth: p,
    };
  });

  const businesses: BenchmarkCase[] = [];
  for (let i = 0; i < (options.businesses ?? 0); i++) {
    const p = rng.pick(adults);
    const signal = baseSignal(p, rng);
    if (rng.chance(0.3)) signal.isBusiness = true;
    else signal.achternaam = `${signal.achternaam} ${rng.pick(BUSINESS_SUFFIXES)}`;
    businesses.push({
      kind: 'business',
      signal,
      candidates: candidatesFor(signal, pop, bsnIndex),
      truth: null,
    });
  }

  return { ...pop, positives, negatives, twins, businesses };
}

// ---------------------------------------------------------------------------------------------------------------
// Scoring

export type Outcome = Pick<MatchResult, 'status'> & { personId?: string | null };

export type KindTally = {
  total: number;
  /** Matched automatically (matched, moved_out or deceased). */
  auto: number;
  /** Automatic matches of the right person with the right status. */
  correct: number;
  /** Automatic matches of a wrong person, or with a wrong status. */
  wrong: number;
};

export type Tally = KindTally & {
  byStatus: Record<MatchStatus, number>;
  byKind: Map<CaseKind, KindTally>;
};

const AUTO: ReadonlySet<MatchStatus> = new Set(['matched', 'moved_out', 'deceased']);

export function isAutomatic(status: MatchStatus): boolean {
  return AUTO.has(status);
}

export function expectedStatus(p: BrpPerson): MatchStatus {
  return p.brpStatus === 'overleden' ? 'deceased' : p.brpStatus === 'verhuisd' ? 'moved_out' : 'matched';
}

/** Counts outcomes against the truth: a wrong automatic match is any automatic match that is not the truth. */
export function tally(cases: readonly BenchmarkCase[], outcomes: readonly Outcome[]): Tally {
  const byStatus: Record<MatchStatus, number> = {
    matched: 0,
    moved_out: 0,
    deceased: 0,
    not_found: 0,
    ambiguous: 0,
    business: 0,
  };
  const byKind = new Map<CaseKind, KindTally>();
  const all: KindTally = { total: 0, auto: 0, correct: 0, wrong: 0 };
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i] as BenchmarkCase;
    const o = outcomes[i] as Outcome;
    byStatus[o.status]++;
    let k = byKind.get(c.kind);
    if (!k) {
      k = { total: 0, auto: 0, correct: 0, wrong: 0 };
      byKind.set(c.kind, k);
    }
    for (const t of [k, all]) {
      t.total++;
      if (isAutomatic(o.status)) {
        t.auto++;
        if (c.truth && o.personId === c.truth.id && o.status === expectedStatus(c.truth)) t.correct++;
        else t.wrong++;
      }
    }
  }
  return { ...all, byStatus, byKind };
}

/**
 * The naive baseline: exact lower-case surname (voorvoegsel + achternaam against the BRP's own name), postcode,
 * huisnummer and birth date, and exactly one such person.
 */
export function naiveMatch(signal: MatchSignalInput, candidates: readonly BrpPerson[]): Outcome {
  if (!signal.postcode || !signal.huisnummer || !signal.geboortedatum) return { status: 'not_found' };
  const name = surnameOf(signal).toLowerCase().trim();
  const postcode = signal.postcode.replace(/\s+/g, '').toUpperCase();
  const hits = candidates.filter(
    (p) =>
      p.postcode === postcode &&
      p.huisnummer === signal.huisnummer &&
      p.geboortedatum === signal.geboortedatum &&
      ownName(p).toLowerCase() === name,
  );
  if (hits.length === 1) {
    const p = hits[0] as BrpPerson;
    return { status: expectedStatus(p), personId: p.id };
  }
  return { status: hits.length === 0 ? 'not_found' : 'ambiguous' };
}
