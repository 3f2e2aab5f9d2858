/**
 * Name, initials and house-number normalisation for BRP matching.
 *
 * Signalling partners write names the way their own systems store them: "Berg, van den", "VAN DEN BERG",
 * "Berg vd", "Muller" for Müller, "Weiss" for Weiß, "Meyer" for Meijer, "J.P." for Jan Pieter, the partner's
 * name for a married woman, or only one half of a double name. Everything here maps such variants onto the same
 * keys, cheaply: matching runs on up to a million signals, so these functions avoid regular-expression work on
 * plain ASCII input and are called once per signal and once per BRP person (see prepare* in match.ts).
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /['’‘`´ʼ]/g;
const NON_LETTERS = /[^\p{L}]+/u;
const ASCII_NON_LETTERS = /[^a-z]+/;
const ASCII = /^[\x20-\x7e]*$/;

/** Letters that NFKD does not decompose into a base letter plus marks. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ł: 'l',
  ı: 'i',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
  ŀ: 'l',
};
const SPECIAL_LETTERS_RE = /[ßłıøæœđðþħŀ]/g;

/** Lower case without diacritics: "Özdemir" -> "ozdemir", "Weiß" -> "weiss", "İbrahim" -> "ibrahim", "ĳ" -> "ij". */
export function foldDiacritics(s: string): string {
  const lower = s.toLowerCase();
  if (ASCII.test(lower)) return lower;
  return lower
    .replace(SPECIAL_LETTERS_RE, (c) => SPECIAL_LETTERS[c] ?? c)
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '');
}

/** Words of a name: apostrophes dropped ("'t" -> "t", "d'Hondt" -> "dhondt"), any other non-letter splits. */
function splitWords(s: string, ascii: boolean): string[] {
  const text = s.includes("'") || !ascii ? s.replace(APOSTROPHES, '') : s;
  const parts = text.split(ascii ? ASCII_NON_LETTERS : NON_LETTERS);
  if (parts[0] === '' || parts[parts.length - 1] === '') return parts.filter((w) => w !== '');
  return parts;
}

/**
 * Tussenvoegsels (BRP voorvoegsels) and their abbreviations as single words, recognised anywhere in a surname:
 * "van den Berg", "Berg, van den", "Berg vd", "v.d. Berg", "in 't Veld", "de la Cour", "von Weizsäcker".
 * Words such as "el", "ben" or "a" are not in the list: in "El Amrani" or "Lie A Kwie" they are part of the
 * geslachtsnaam in the BRP.
 */
// biome-ignore format: a dense word list is easier to scan than one word per line
export const TUSSENVOEGSEL_WORDS: ReadonlySet<string> = new Set([
  'van', 'de', 'der', 'den', 'het', 't', 's', 'te', 'ter', 'ten', 'in', 'op', 'uit', 'aan', 'bij', 'tot', 'onder',
  'la', 'le', 'les', 'l', 'du', 'des', 'da', 'dal', 'das', 'do', 'dos', 'di', 'del', 'della', 'von', 'vom', 'zu',
  'zum', 'zur', 'vd', 'vdr', 'vder', 'vden', 'v', 'd',
]);

export type SurnameKey = {
  /** Lower case, spacing around hyphens and runs of spaces normalised; diacritics kept. */
  raw: string;
  /**
   * The folded words (no diacritics, ß -> ss, ij for y) without tussenvoegsels: "van den Berg" -> ["berg"]; all
   * words when nothing else is left. Empty for a combination of two names ({@link combineSurnames}), which is
   * never split into parts.
   */
  core: readonly string[];
  /** core joined: the main comparison key. */
  coreKey: string;
  /** All folded words joined, tussenvoegsels included, so that "Vandenberg" still meets "van den Berg". */
  fullKey: string;
  /** All folded words in order, joined by a space: tells "Berg, van den" from "van den Berg". */
  sequence: string;
  /** The core key without the ij/y mapping: tells "Meyer" from "Meijer". */
  strippedCoreKey: string;
  /** The core key with diacritics kept: tells "Muller" from "Müller". */
  plainCoreKey: string;
};

function rawName(s: string): string {
  const lower = s.trim().toLowerCase();
  return /\s-|-\s|\s\s|[\t\n\r]/.test(lower) ? lower.replace(/\s*-\s*/g, '-').replace(/\s+/g, ' ') : lower;
}

function coreOf(words: readonly string[]): string[] {
  const core: string[] = [];
  for (const w of words) if (!TUSSENVOEGSEL_WORDS.has(w)) core.push(w);
  return core.length > 0 ? core : [...words];
}

function ijForY(words: string[]): string[] {
  let out: string[] | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w.includes('y')) {
      out ??= [...words];
      out[i] = w.replaceAll('y', 'ij');
    }
  }
  return out ?? words;
}

/** Normalises a surname as written, tussenvoegsels included in any position, into comparison keys. */
export function normaliseSurname(name: string): SurnameKey {
  const raw = rawName(name);
  const ascii = ASCII.test(raw);
  const folded = ascii ? raw : foldDiacritics(raw);
  const strippedWords = splitWords(folded, ascii && folded === raw);
  const words = ijForY(strippedWords);
  const core = coreOf(words);
  // Tussenvoegsels never carry diacritics or a y, so the same positions are dropped from the other variants.
  const strippedCore = words === strippedWords ? core : coreOf(strippedWords);
  const plainCore = folded === raw ? strippedCore : coreOf(splitWords(raw, false));
  return {
    raw,
    core,
    coreKey: core.join(''),
    fullKey: words.join(''),
    sequence: words.join(' '),
    strippedCoreKey: strippedCore.join(''),
    plainCoreKey: plainCore.join(''),
  };
}

const NO_WORDS: readonly string[] = Object.freeze([]);

/** "partner-own" (naamgebruik V) or "own-partner" (N) from two normalised names, without normalising again. */
export function combineSurnames(first: SurnameKey, second: SurnameKey): SurnameKey {
  return {
    raw: `${first.raw}-${second.raw}`,
    core: NO_WORDS,
    coreKey: first.coreKey + second.coreKey,
    fullKey: first.fullKey + second.fullKey,
    sequence: `${first.sequence} ${second.sequence}`,
    strippedCoreKey: first.strippedCoreKey + second.strippedCoreKey,
    plainCoreKey: first.plainCoreKey + second.plainCoreKey,
  };
}

/** A surname with its voorvoegsel in front, as the BRP displays it: ("van den", "Berg") -> "van den Berg". */
export function fullSurname(voorvoegsel: string | null | undefined, geslachtsnaam: string): string {
  return voorvoegsel ? `${voorvoegsel} ${geslachtsnaam}` : geslachtsnaam;
}

/** First names as folded words: "Jan-Willem Ömer" -> ["jan", "willem", "omer"]. */
export function firstNameWords(voornamen: string): string[] {
  const folded = foldDiacritics(voornamen);
  return splitWords(folded, ASCII.test(folded));
}

/** Initials of the first names, Dutch style (a hyphenated name gives two): "Jan-Willem Pieter" -> "jwp". */
export function initialsFromVoornamen(voornamen: string): string {
  return initialsOf(firstNameWords(voornamen));
}

/** Initials of first names already split by {@link firstNameWords}. */
export function initialsOf(words: readonly string[]): string {
  let out = '';
  for (const w of words) out += w[0] ?? '';
  return out;
}

/** Abbreviations that stand for one first name: Th. (Theodorus), Chr. (Christiaan), Ph. (Philippus), IJ. */
const MULTI_LETTER_INITIALS: ReadonlySet<string> = new Set([
  'th',
  'ch',
  'chr',
  'ph',
  'ij',
  'sj',
  'joh',
  'jac',
]);

/** Initials as written by a partner: "J.P.", "J. P.", "JP", "Th.J.", "IJ." or even "Jan P." -> "jp", "tj", "i". */
export function initialsFromVoorletters(voorletters: string): string {
  let out = '';
  for (const token of voorletters.replace(APOSTROPHES, '').split(/[\s.,_/-]+/)) {
    if (token === '') continue;
    const folded = foldDiacritics(token).replace(/[^\p{L}]/gu, '');
    if (folded === '') continue;
    if (folded.length === 1 || MULTI_LETTER_INITIALS.has(folded)) out += folded[0];
    else if (token === token.toUpperCase()) out += folded;
    else out += folded[0];
  }
  return out;
}

const ROMAN: Readonly<Record<string, string>> = {
  i: '1',
  ii: '2',
  iii: '3',
  iv: '4',
  v: '5',
  vi: '6',
  vii: '7',
  viii: '8',
  ix: '9',
  x: '10',
};
const GROUND_FLOOR: ReadonlySet<string> = new Set([
  'h',
  'hs',
  'huis',
  'bg',
  'beg',
  'begane',
  'grond',
  'parterre',
  '0',
]);
const FLOOR_WORDS: ReadonlySet<string> = new Set(['hoog', 'hg', 'etage', 'et', 'verd', 'verdieping']);

/**
 * Huisletter and huisnummertoevoeging as one comparable unit: "2-hoog", "2e", "II" and "2" -> "2"; "H", "hs",
 * "huis" and "bg" -> "h"; huisletter "A" and toevoeging "a" -> "a". Empty when neither is given.
 */
export function normaliseUnit(
  huisletter: string | null | undefined,
  toevoeging: string | null | undefined,
): string {
  if (!huisletter && !toevoeging) return '';
  // "2e", "2ste", "3de" (floor ordinals) -> the number; a lone huisletter "E" stays.
  const text = `${huisletter ?? ''} ${toevoeging ?? ''}`
    .toLowerCase()
    .replace(/(\d)\s*(?:ste|de|e)\b/g, '$1');
  let out = '';
  let ground = false;
  for (const token of text.split(/[\s\-./,]+|(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)/)) {
    if (token === '' || FLOOR_WORDS.has(token)) continue;
    if (GROUND_FLOOR.has(token)) {
      if (!ground) out += 'h';
      ground = true;
      continue;
    }
    out += ROMAN[token] ?? token;
  }
  return out;
}

/** Names that belong to an organisation rather than a person: "Bakker Installaties B.V.", "Stichting …", "& Zn". */
const BUSINESS_NAME =
  /(?:^|[\s,.(&-])(?:b\.?\s?v\.?|n\.?\s?v\.?|v\.?\s?o\.?\s?f\.?|c\.?\s?v\.?|bvba|gmbh|ltd|llc|inc|stichting|holding|vereniging|co[oö]peratie|maatschap|beheer|eenmanszaak|onderneming|handelsonderneming|firma|installatiebedrijf|aannemersbedrijf|bedrijf|group|groep|&\s?zn|en\s+zn|&\s?zonen|en\s+zonen|&\s?co|&\s?partners)(?=$|[\s,.)&-])/i;

export function looksLikeBusiness(name: string): boolean {
  return BUSINESS_NAME.test(name);
}

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Damerau-Levenshtein distance (optimal string alignment: substitutions, insertions, deletions and adjacent
 * transpositions), or max + 1 as soon as it is certain to exceed max.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0 || lb === 0) return Math.max(la, lb) <= max ? Math.max(la, lb) : max + 1;
  if (lb + 1 > rowA.length) {
    rowA = new Int32Array(lb + 1);
    rowB = new Int32Array(lb + 1);
    rowC = new Int32Array(lb + 1);
  }
  // prev2 = row i-2, prev = row i-1, cur = row i.
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  const d = prev[lb] as number;
  return d <= max ? d : max + 1;
}
