/**
 * BrpAdapter over the Haal Centraal BRP Personen bevragen API v2 (RvIG): `POST {baseUrl}/personen` with a JSON
 * query whose `type` picks the operation, and `fields` listing the data wanted (data minimisation is built into
 * the API: nothing that is not asked for comes back).
 *
 * How the adapter uses it:
 * - The search operations (ZoekMetPostcodeEnHuisnummer, ZoekMetGeslachtsnaamEnGeboortedatum) return a limited
 *   "PersoonBeperkt" without naamgebruik or partners, so the adapter asks them only for `burgerservicenummer`
 *   and then fetches the persons with RaadpleegMetBurgerservicenummer, at most 20 BSNs per request. Searches
 *   ask for `inclusiefOverledenPersonen` (deceased persons must be recognised) and are limited to the
 *   municipality's gemeenteVanInschrijving.
 * - The API has no batch search: a batch of address keys becomes one search per key, run with limited
 *   concurrency (default 8 requests at a time).
 * - Haal Centraal has no internal person id: BrpPerson.id is the BSN. It has no households either (that would be
 *   the separate BRP bewoning API): householdId is derived from the full address (postcode, huisnummer,
 *   huisletter, toevoeging), so `household()` answers with everybody registered at that address, found again
 *   with ZoekMetPostcodeEnHuisnummer. addressId is the BAG adresseerbaarObjectIdentificatie when given, else
 *   the same address key.
 * - brpStatus: opschortingBijhouding reden O (overlijden) is 'overleden'; E (emigratie), M (ministerieel besluit)
 *   and R (RNI) are 'verhuisd', as is a person whose gemeenteVanInschrijving is another municipality. For such a
 *   person the address in the other municipality is not kept (postcode empty, huisnummer 0). Persons with reden
 *   F (fout, afgevoerd) are ignored.
 * - The name search of the API is exact on the geslachtsnaam (ignoring case and diacritics) or a prefix with a
 *   wildcard of at least three letters. The adapter searches each part of the given surname by its first three
 *   letters (with an ij/y variant) and keeps the persons whose own, partner or combined name fits the
 *   normalised surname key of matching, like the embedded adapter. A typo in the first three letters, or a
 *   partner name, is therefore not found through this search (the embedded adapter also finds those).
 * - Every failure (network, timeout, 401/403, 400, 5xx, an unexpected body) is a BrpUnavailableError.
 */
import { z } from 'zod';
import { surnameMatches } from '../vroegsignalering/matching/match.ts';
import { foldDiacritics, TUSSENVOEGSEL_WORDS } from '../vroegsignalering/matching/normalise.ts';
import {
  type BrpAdapter,
  type BrpAddressKey,
  type BrpGeslacht,
  type BrpNaamgebruik,
  type BrpPerson,
  type BrpStatus,
  BrpUnavailableError,
  brpAddressKey,
  normaliseBrpPostcode,
} from './adapter.ts';

export type HaalCentraalConfig = {
  /** Up to and excluding /personen, e.g. https://proefomgeving.haalcentraal.nl/haalcentraal/api/brp */
  baseUrl: string;
  /** Sent as X-API-KEY. */
  apiKey: string;
  /** CBS gemeentecode (four digits) of each municipality id, for gemeenteVanInschrijving. */
  gemeentecodes: Readonly<Record<string, string>> | ((municipalityId: string) => string | undefined);
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  /** Requests in flight at once. Default 8. */
  concurrency?: number;
  /** For tests. */
  fetch?: typeof fetch;
};

/** RaadpleegMetBurgerservicenummer takes at most 20 BSNs per request. */
export const HC_MAX_BSNS_PER_REQUEST = 20;

/** The fields asked for when a person is fetched: only what matching needs. */
export const HC_PERSON_FIELDS = [
  'burgerservicenummer',
  'naam.voornamen',
  'naam.voorvoegsel',
  'naam.geslachtsnaam',
  'naam.aanduidingNaamgebruik',
  'partners.naam.voorvoegsel',
  'partners.naam.geslachtsnaam',
  'partners.ontbindingHuwelijkPartnerschap',
  'geboorte.datum',
  'geslacht',
  'verblijfplaats.verblijfadres.postcode',
  'verblijfplaats.verblijfadres.huisnummer',
  'verblijfplaats.verblijfadres.huisletter',
  'verblijfplaats.verblijfadres.huisnummertoevoeging',
  'verblijfplaats.adresseerbaarObjectIdentificatie',
  'gemeenteVanInschrijving',
  'opschortingBijhouding',
] as const;

const Waardetabel = z.object({ code: z.string().nullish(), omschrijving: z.string().nullish() });
const HcDatum = z.object({
  type: z.string().nullish(),
  datum: z.string().nullish(),
  jaar: z.number().nullish(),
  maand: z.number().nullish(),
});
const HcPersoon = z.object({
  burgerservicenummer: z.string().nullish(),
  naam: z
    .object({
      voornamen: z.string().nullish(),
      voorvoegsel: z.string().nullish(),
      geslachtsnaam: z.string().nullish(),
      aanduidingNaamgebruik: Waardetabel.nullish(),
    })
    .nullish(),
  partners: z
    .array(
      z.object({
        naam: z.object({ voorvoegsel: z.string().nullish(), geslachtsnaam: z.string().nullish() }).nullish(),
        ontbindingHuwelijkPartnerschap: z.unknown().optional(),
      }),
    )
    .nullish(),
  geboorte: z.object({ datum: HcDatum.nullish() }).nullish(),
  geslacht: Waardetabel.nullish(),
  verblijfplaats: z
    .object({
      type: z.string().nullish(),
      verblijfadres: z
        .object({
          postcode: z.string().nullish(),
          huisnummer: z.number().nullish(),
          huisletter: z.string().nullish(),
          huisnummertoevoeging: z.string().nullish(),
        })
        .nullish(),
      adresseerbaarObjectIdentificatie: z.string().nullish(),
    })
    .nullish(),
  gemeenteVanInschrijving: Waardetabel.nullish(),
  opschortingBijhouding: z.object({ reden: Waardetabel.nullish() }).nullish(),
});
export type HcPersoon = z.infer<typeof HcPersoon>;
const HcPersonenResponse = z.object({ type: z.string().optional(), personen: z.array(HcPersoon) });
const HcProblem = z.object({
  title: z.string().nullish(),
  detail: z.string().nullish(),
  code: z.string().nullish(),
  invalidParams: z
    .array(z.object({ name: z.string().nullish(), reason: z.string().nullish(), code: z.string().nullish() }))
    .nullish(),
});

function pad2(n: number | null | undefined): string {
  if (!n) return '00';
  return n < 10 ? `0${n}` : String(n);
}

function birthDate(d: z.infer<typeof HcDatum> | null | undefined): string {
  if (!d) return '0000-00-00';
  if (d.datum && /^\d{4}-\d{2}-\d{2}$/.test(d.datum)) return d.datum;
  // JaarMaandDatum, JaarDatum, DatumOnbekend: unknown parts are 00, as in the BRP itself.
  return `${d.jaar ? String(d.jaar).padStart(4, '0') : '0000'}-${pad2(d.maand)}-00`;
}

const NAAMGEBRUIK = new Set(['E', 'P', 'V', 'N']);
const GESLACHT = new Set(['M', 'V', 'O']);
const MOVED_AWAY = new Set(['E', 'M', 'R']);

/** `hc:` + the full address; see the module comment on households. */
export function hcHouseholdId(a: {
  postcode: string;
  huisnummer: number;
  huisletter: string | null;
  toevoeging: string | null;
}): string {
  return `hc:${a.postcode}|${a.huisnummer}|${a.huisletter ?? ''}|${a.toevoeging ?? ''}`;
}

function parseHouseholdId(
  id: string,
): { postcode: string; huisnummer: number; huisletter: string | null; toevoeging: string | null } | null {
  const m = /^hc:([1-9][0-9]{3}[A-Z]{2})\|(\d{1,5})\|([A-Za-z]?)\|(.{0,4})$/.exec(id);
  if (!m) return null;
  return {
    postcode: m[1] as string,
    huisnummer: Number(m[2]),
    huisletter: m[3] || null,
    toevoeging: m[4] || null,
  };
}

/** Maps a Haal Centraal person onto a BrpPerson (null for a person without BSN or one that was afgevoerd). */
export function hcToBrpPerson(p: HcPersoon, gemeentecode: string): BrpPerson | null {
  const bsn = p.burgerservicenummer;
  if (!bsn) return null;
  const reden = p.opschortingBijhouding?.reden?.code ?? null;
  if (reden === 'F') return null;
  const gemeente = p.gemeenteVanInschrijving?.code ?? null;
  const elsewhere = gemeente !== null && gemeente !== gemeentecode;
  const brpStatus: BrpStatus =
    reden === 'O'
      ? 'overleden'
      : (reden !== null && MOVED_AWAY.has(reden)) || elsewhere
        ? 'verhuisd'
        : 'ingeschreven';
  // The current partner: one without ontbinding, else the last one listed (the naamgebruik may continue after a
  // partner died).
  const partners = p.partners ?? [];
  const partner = partners.find((x) => x.ontbindingHuwelijkPartnerschap === undefined) ?? partners.at(-1);
  const adres = elsewhere ? null : p.verblijfplaats?.verblijfadres;
  const postcode = adres?.postcode ? normaliseBrpPostcode(adres.postcode) : '';
  const huisnummer = adres?.huisnummer ?? 0;
  const huisletter = adres?.huisletter || null;
  const toevoeging = adres?.huisnummertoevoeging || null;
  const household = hcHouseholdId({ postcode, huisnummer, huisletter, toevoeging });
  const naamgebruik = p.naam?.aanduidingNaamgebruik?.code ?? 'E';
  const geslacht = p.geslacht?.code ?? 'O';
  return {
    id: bsn,
    bsn,
    voornamen: p.naam?.voornamen ?? '',
    voorvoegsel: p.naam?.voorvoegsel || null,
    geslachtsnaam: p.naam?.geslachtsnaam ?? '',
    partnerVoorvoegsel: partner?.naam?.voorvoegsel || null,
    partnerGeslachtsnaam: partner?.naam?.geslachtsnaam || null,
    naamgebruik: NAAMGEBRUIK.has(naamgebruik) ? (naamgebruik as BrpNaamgebruik) : 'E',
    geboortedatum: birthDate(p.geboorte?.datum),
    geslacht: GESLACHT.has(geslacht) ? (geslacht as BrpGeslacht) : 'O',
    householdId: household,
    addressId: (elsewhere ? null : p.verblijfplaats?.adresseerbaarObjectIdentificatie) || household,
    postcode,
    huisnummer,
    huisletter,
    toevoeging,
    brpStatus,
  };
}

/** Runs fn over items with at most `limit` in flight; stops starting new ones after the first failure. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i] as T);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return out;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Search terms for ZoekMetGeslachtsnaamEnGeboortedatum: per word of the surname that is not a tussenvoegsel,
 * its first three letters plus the wildcard (also with ij for y and y for ij), or the word itself when shorter;
 * and the whole name after leading tussenvoegsels when it has several words ("Bosch van Drakestein").
 */
export function hcSurnameSearchTerms(geslachtsnaam: string): string[] {
  const words = foldDiacritics(geslachtsnaam)
    .replace(/['’‘`´]/g, '')
    .split(/[^\p{L}]+/u)
    .filter((w) => w !== '');
  const terms = new Set<string>();
  for (const w of words) {
    if (TUSSENVOEGSEL_WORDS.has(w)) continue;
    if (w.length < 3) {
      terms.add(w);
      continue;
    }
    for (const variant of [w, w.replaceAll('y', 'ij'), w.replaceAll('ij', 'y')])
      terms.add(`${variant.slice(0, 3)}*`);
  }
  // A geslachtsnaam of several words ("Bosch van Drakestein", "Savornin Lohman, de") is searched whole: the
  // wildcard does not cross spaces. Tussenvoegsels in front or (moved) at the end are not part of it.
  let from = 0;
  let to = words.length;
  while (from < to && TUSSENVOEGSEL_WORDS.has(words[from] as string)) from++;
  while (to > from && TUSSENVOEGSEL_WORDS.has(words[to - 1] as string)) to--;
  if (to - from > 1 && !geslachtsnaam.includes('-')) terms.add(words.slice(from, to).join(' '));
  return [...terms].slice(0, 8);
}

export class HaalCentraalBrpAdapter implements BrpAdapter {
  private readonly url: string;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly config: HaalCentraalConfig) {
    this.url = `${config.baseUrl.replace(/\/+$/, '')}/personen`;
    this.timeoutMs = config.timeoutMs ?? 10_000;
    this.concurrency = config.concurrency ?? 8;
    this.fetchFn = config.fetch ?? ((input, init) => fetch(input, init));
  }

  private gemeentecode(municipalityId: string): string {
    const g = this.config.gemeentecodes;
    const code = typeof g === 'function' ? g(municipalityId) : g[municipalityId];
    if (!code || !/^\d{4}$/.test(code)) {
      throw new BrpUnavailableError(
        `No gemeentecode is configured for municipality ${municipalityId}, so Haal Centraal BRP cannot be asked ` +
          'about its residents. Configure the CBS gemeentecode of every municipality that uses Haal Centraal.',
        { reason: 'configuration' },
      );
    }
    return code;
  }

  private host(): string {
    try {
      return new URL(this.url).host;
    } catch {
      return this.url;
    }
  }

  /** One POST /personen; every failure becomes a BrpUnavailableError with a message fit for an operator. */
  private async post(body: Record<string, unknown>): Promise<HcPersoon[]> {
    const where = `Haal Centraal BRP at ${this.host()}`;
    let res: Response;
    try {
      res = await this.fetchFn(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          accept: 'application/json',
          'X-API-KEY': this.config.apiKey,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw this.networkError(err, where);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw this.networkError(err, where);
    }
    if (!res.ok) {
      const problem = parseProblem(text);
      if (res.status === 401 || res.status === 403) {
        throw new BrpUnavailableError(
          `${where} refused the request (${res.status}${problem ? `: ${problem}` : ''}). The API key (X-API-KEY) ` +
            (this.config.apiKey ? 'is not accepted' : 'is missing') +
            '; check the configured Haal Centraal API key.',
          { reason: 'unauthorized', status: res.status },
        );
      }
      if (res.status >= 400 && res.status < 500) {
        throw new BrpUnavailableError(
          `${where} rejected a ${String(body.type)} query (${res.status}${problem ? `: ${problem}` : ''}).`,
          { reason: 'bad_request', status: res.status },
        );
      }
      throw new BrpUnavailableError(
        `${where} answered ${res.status}${problem ? ` (${problem})` : ''}; try again later.`,
        { reason: 'server_error', status: res.status },
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new BrpUnavailableError(`${where} sent a response that is not JSON.`, {
        reason: 'invalid_response',
        status: res.status,
        cause: err,
      });
    }
    const parsed = HcPersonenResponse.safeParse(json);
    if (!parsed.success) {
      throw new BrpUnavailableError(
        `${where} sent a response that does not look like a personen answer: ${parsed.error.issues[0]?.message ?? ''}`,
        { reason: 'invalid_response', status: res.status, cause: parsed.error },
      );
    }
    return parsed.data.personen;
  }

  private networkError(err: unknown, where: string): BrpUnavailableError {
    const name = err instanceof Error ? err.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new BrpUnavailableError(`${where} did not answer within ${this.timeoutMs} ms.`, {
        reason: 'timeout',
        cause: err,
      });
    }
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : '';
    return new BrpUnavailableError(
      `${where} cannot be reached${cause ? ` (${cause})` : err instanceof Error ? ` (${err.message})` : ''}.`,
      { reason: 'unreachable', cause: err },
    );
  }

  private async searchBsns(query: Record<string, unknown>): Promise<string[]> {
    const personen = await this.post({ ...query, fields: ['burgerservicenummer'] });
    return personen.flatMap((p) => (p.burgerservicenummer ? [p.burgerservicenummer] : []));
  }

  /** RaadpleegMetBurgerservicenummer in chunks of 20, with limited concurrency. */
  private async fetchPersons(bsns: readonly string[], gemeentecode: string): Promise<BrpPerson[]> {
    const unique = [...new Set(bsns)];
    const answers = await mapLimit(chunks(unique, HC_MAX_BSNS_PER_REQUEST), this.concurrency, (part) =>
      this.post({
        type: 'RaadpleegMetBurgerservicenummer',
        burgerservicenummer: part,
        fields: HC_PERSON_FIELDS,
      }),
    );
    return answers.flat().flatMap((p) => hcToBrpPerson(p, gemeentecode) ?? []);
  }

  async findByAddresses(municipalityId: string, keys: BrpAddressKey[]): Promise<Map<string, BrpPerson[]>> {
    const gemeentecode = this.gemeentecode(municipalityId);
    const out = new Map<string, BrpPerson[]>();
    const todo: { key: string; postcode: string; huisnummer: number }[] = [];
    for (const k of keys) {
      const key = brpAddressKey(k.postcode, k.huisnummer);
      if (out.has(key)) continue;
      out.set(key, []);
      const postcode = normaliseBrpPostcode(k.postcode);
      if (/^[1-9][0-9]{3}[A-Z]{2}$/.test(postcode) && Number.isInteger(k.huisnummer) && k.huisnummer > 0) {
        todo.push({ key, postcode, huisnummer: k.huisnummer });
      }
    }
    const found = await mapLimit(todo, this.concurrency, (k) =>
      this.searchBsns({
        type: 'ZoekMetPostcodeEnHuisnummer',
        postcode: k.postcode,
        huisnummer: k.huisnummer,
        inclusiefOverledenPersonen: true,
        gemeenteVanInschrijving: gemeentecode,
      }),
    );
    const keyOf = new Map<string, string>();
    todo.forEach((k, i) => {
      for (const bsn of found[i] ?? []) keyOf.set(bsn, k.key);
    });
    for (const p of await this.fetchPersons([...keyOf.keys()], gemeentecode)) {
      const key = keyOf.get(p.bsn);
      if (key) out.get(key)?.push(p);
    }
    return out;
  }

  async findByNameAndBirthDate(
    municipalityId: string,
    q: { geslachtsnaam: string; geboortedatum: string },
  ): Promise<BrpPerson[]> {
    const gemeentecode = this.gemeentecode(municipalityId);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(q.geboortedatum)) return [];
    const terms = hcSurnameSearchTerms(q.geslachtsnaam);
    const found = await mapLimit(terms, this.concurrency, (geslachtsnaam) =>
      this.searchBsns({
        type: 'ZoekMetGeslachtsnaamEnGeboortedatum',
        geslachtsnaam,
        geboortedatum: q.geboortedatum,
        inclusiefOverledenPersonen: true,
        gemeenteVanInschrijving: gemeentecode,
      }),
    );
    const persons = await this.fetchPersons(found.flat(), gemeentecode);
    return persons.filter((p) => surnameMatches(q.geslachtsnaam, p));
  }

  async findByBsn(municipalityId: string, bsns: string[]): Promise<Map<string, BrpPerson>> {
    const gemeentecode = this.gemeentecode(municipalityId);
    const wanted = bsns.filter((b) => /^\d{9}$/.test(b));
    const out = new Map<string, BrpPerson>();
    for (const p of await this.fetchPersons(wanted, gemeentecode)) out.set(p.bsn, p);
    return out;
  }

  async household(municipalityId: string, householdId: string): Promise<{ members: BrpPerson[] }> {
    const gemeentecode = this.gemeentecode(municipalityId);
    const address = parseHouseholdId(householdId);
    if (!address) return { members: [] };
    const bsns = await this.searchBsns({
      type: 'ZoekMetPostcodeEnHuisnummer',
      postcode: address.postcode,
      huisnummer: address.huisnummer,
      ...(address.huisletter ? { huisletter: address.huisletter } : {}),
      ...(address.toevoeging ? { huisnummertoevoeging: address.toevoeging } : {}),
      inclusiefOverledenPersonen: true,
      gemeenteVanInschrijving: gemeentecode,
    });
    const persons = await this.fetchPersons(bsns, gemeentecode);
    return { members: persons.filter((p) => p.householdId === householdId) };
  }
}

function parseProblem(text: string): string | null {
  try {
    const parsed = HcProblem.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    const p = parsed.data;
    const params = (p.invalidParams ?? [])
      .map((i) => `${i.name ?? '?'}: ${i.reason ?? i.code ?? ''}`)
      .join('; ');
    return [p.title, p.detail, params].filter((x) => x).join(' - ') || null;
  } catch {
    return text.trim().slice(0, 200) || null;
  }
}
