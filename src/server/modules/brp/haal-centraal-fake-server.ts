/**
 * A test fixture, but real HTTP: a small Haal Centraal BRP Personen bevragen v2 server over the synthetic BRP in
 * our database, for one municipality. It implements the subset the HaalCentraalBrpAdapter uses:
 *
 *   POST /personen  type ZoekMetPostcodeEnHuisnummer | ZoekMetGeslachtsnaamEnGeboortedatum |
 *                        RaadpleegMetBurgerservicenummer
 *
 * with the X-API-KEY header (401 without it), `fields` projection, `inclusiefOverledenPersonen`,
 * `gemeenteVanInschrijving`, case- and diacritics-insensitive geslachtsnaam with a trailing wildcard (at least
 * three letters), at most 20 BSNs per raadpleeg, search answers limited to the "PersoonBeperkt" data, and
 * application/problem+json errors (400 for an unknown type or invalid parameters).
 *
 * Simplification: a person whose brp_status is 'verhuisd' is served with opschortingBijhouding reden E
 * (emigratie) but stays registered at the old address in the municipality, so that the HTTP adapter and the
 * embedded adapter see the same persons. (In the real BRP someone who moved to another municipality has that
 * municipality as gemeenteVanInschrijving and is no longer found at the old address.)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '../../db/client.ts';
import { foldDiacritics } from '../vroegsignalering/matching/normalise.ts';

export type FakeHaalCentraalServer = { url: string; close: () => Promise<void> };

type Row = {
  bsn: string;
  voornamen: string;
  voorvoegsel: string | null;
  geslachtsnaam: string;
  partner_voorvoegsel: string | null;
  partner_geslachtsnaam: string | null;
  naamgebruik: string;
  geboortedatum: string;
  geslacht: string;
  straat: string;
  huisnummer: number;
  huisletter: string | null;
  toevoeging: string | null;
  postcode: string;
  woonplaats: string;
  brp_status: string;
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SELECT = `SELECT p.bsn, p.voornamen, p.voorvoegsel, p.geslachtsnaam, p.partner_voorvoegsel,
    p.partner_geslachtsnaam, p.naamgebruik, to_char(p.geboortedatum, 'YYYY-MM-DD') AS geboortedatum, p.geslacht,
    a.straat, a.huisnummer, a.huisletter, a.toevoeging, a.postcode, a.woonplaats, p.brp_status
  FROM persons p JOIN addresses a ON a.id = p.address_id`;

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

const NAAMGEBRUIK: Readonly<Record<string, string>> = {
  E: 'eigen geslachtsnaam',
  P: 'geslachtsnaam echtgenoot/geregistreerd partner',
  V: 'geslachtsnaam echtgenoot/geregistreerd partner voor eigen geslachtsnaam',
  N: 'geslachtsnaam echtgenoot/geregistreerd partner na eigen geslachtsnaam',
};
const GESLACHT: Readonly<Record<string, string>> = { M: 'man', V: 'vrouw', O: 'onbekend' };

function omit(o: { [key: string]: Json | undefined }): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}

function datum(iso: string): JsonObject {
  const [y, m, d] = iso.split('-').map(Number);
  return { type: 'Datum', datum: iso, langFormaat: `${d} ${MONTHS[(m ?? 1) - 1]} ${y}` };
}

/** The full persoon as RaadpleegMetBurgerservicenummer gives it. */
function persoon(r: Row, gemeente: { code: string; omschrijving: string }): JsonObject {
  const reden =
    r.brp_status === 'overleden'
      ? { code: 'O', omschrijving: 'overlijden' }
      : r.brp_status === 'verhuisd'
        ? { code: 'E', omschrijving: 'emigratie' }
        : null;
  return omit({
    burgerservicenummer: r.bsn,
    naam: omit({
      voornamen: r.voornamen,
      voorvoegsel: r.voorvoegsel,
      geslachtsnaam: r.geslachtsnaam,
      aanduidingNaamgebruik: { code: r.naamgebruik, omschrijving: NAAMGEBRUIK[r.naamgebruik] ?? '' },
    }),
    partners: r.partner_geslachtsnaam
      ? [{ naam: omit({ voorvoegsel: r.partner_voorvoegsel, geslachtsnaam: r.partner_geslachtsnaam }) }]
      : undefined,
    geboorte: { datum: datum(r.geboortedatum) },
    geslacht: { code: r.geslacht, omschrijving: GESLACHT[r.geslacht] ?? 'onbekend' },
    verblijfplaats: {
      type: 'Adres',
      verblijfadres: omit({
        officieleStraatnaam: r.straat,
        korteStraatnaam: r.straat.slice(0, 24),
        huisnummer: r.huisnummer,
        huisletter: r.huisletter,
        huisnummertoevoeging: r.toevoeging,
        postcode: r.postcode,
        woonplaats: r.woonplaats,
      }),
    },
    gemeenteVanInschrijving: gemeente,
    opschortingBijhouding: reden ? { reden } : undefined,
  });
}

/** PersoonBeperkt, the answer of the search operations: no naamgebruik, partners or full address. */
function persoonBeperkt(r: Row, gemeente: { code: string; omschrijving: string }): JsonObject {
  const full = persoon(r, gemeente);
  const naam = full.naam as JsonObject;
  return omit({
    burgerservicenummer: full.burgerservicenummer,
    naam: omit({
      voornamen: naam.voornamen,
      voorvoegsel: naam.voorvoegsel,
      geslachtsnaam: naam.geslachtsnaam,
    }),
    geboorte: full.geboorte,
    geslacht: full.geslacht,
    gemeenteVanInschrijving: full.gemeenteVanInschrijving,
    opschortingBijhouding: full.opschortingBijhouding,
    adressering: {
      adresregel1: `${r.straat} ${r.huisnummer}${r.huisletter ?? ''}${r.toevoeging ? `-${r.toevoeging}` : ''}`,
      adresregel2: `${r.postcode.slice(0, 4)} ${r.postcode.slice(4)}  ${r.woonplaats.toUpperCase()}`,
    },
  });
}

type FieldTree = Map<string, FieldTree | true>;

function fieldTree(fields: readonly string[]): FieldTree {
  const root: FieldTree = new Map();
  for (const f of fields) {
    let node = root;
    const parts = f.split('.');
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const existing = node.get(part);
      if (existing === true) return;
      if (last) node.set(part, true);
      else {
        const child: FieldTree = existing ?? new Map();
        node.set(part, child);
        node = child;
      }
    });
  }
  return root;
}

/** Keeps only the requested field paths ("naam.voornamen", "partners.naam", "geslacht"). */
function project(value: Json, tree: FieldTree): Json {
  if (Array.isArray(value)) return value.map((v) => project(v, tree));
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [key, sub] of tree) {
    const v = value[key];
    if (v === undefined) continue;
    out[key] = sub === true ? v : project(v, sub);
  }
  return out;
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: JsonObject,
  ) {
    super(String(body.title));
  }
}

function invalidParams(params: { name: string; code: string; reason: string }[]): HttpProblem {
  return new HttpProblem(400, {
    type: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.1',
    title: 'Een of meerdere parameters zijn niet correct.',
    status: 400,
    instance: '/personen',
    code: 'paramsValidation',
    invalidParams: params,
  });
}

function requireString(body: JsonObject, name: string, pattern?: RegExp): string {
  const v = body[name];
  if (typeof v !== 'string' || v === '') {
    throw invalidParams([{ name, code: 'required', reason: 'Parameter is verplicht.' }]);
  }
  if (pattern && !pattern.test(v)) {
    throw invalidParams([
      { name, code: 'pattern', reason: `Waarde voldoet niet aan patroon ${pattern.source}.` },
    ]);
  }
  return v;
}

function optionalString(body: JsonObject, name: string): string | null {
  const v = body[name];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string')
    throw invalidParams([{ name, code: 'string', reason: 'Waarde is geen string.' }]);
  return v;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TYPES = new Set([
  'ZoekMetPostcodeEnHuisnummer',
  'ZoekMetGeslachtsnaamEnGeboortedatum',
  'RaadpleegMetBurgerservicenummer',
]);

/** Case- and diacritics-insensitive, with "*" at the end matching zero or more non-space characters. */
function geslachtsnaamMatches(filter: string, geslachtsnaam: string): boolean {
  const name = foldDiacritics(geslachtsnaam);
  const f = foldDiacritics(filter);
  if (!f.endsWith('*')) return name === f;
  const prefix = f.slice(0, -1);
  return name.startsWith(prefix) && !/\s/.test(name.slice(prefix.length));
}

export async function startHaalCentraalServer(options: {
  database: Database;
  municipalityId: string;
  apiKey: string;
}): Promise<FakeHaalCentraalServer> {
  const { database, municipalityId, apiKey } = options;
  const [municipality] = await database.query<{ cbs_code: string; name: string }>(
    'SELECT cbs_code, name FROM municipalities WHERE id = $1',
    [municipalityId],
  );
  if (!municipality) throw new Error(`fake Haal Centraal: no municipality ${municipalityId}`);
  const gemeente = { code: municipality.cbs_code, omschrijving: municipality.name };

  async function answer(body: JsonObject): Promise<JsonObject> {
    const type = body.type;
    if (typeof type !== 'string' || !TYPES.has(type)) {
      throw invalidParams([{ name: 'type', code: 'value', reason: 'Waarde is geen geldig zoek type.' }]);
    }
    const fields = body.fields;
    if (
      !Array.isArray(fields) ||
      fields.length === 0 ||
      !fields.every((f) => typeof f === 'string' && f !== '')
    ) {
      throw invalidParams([{ name: 'fields', code: 'required', reason: 'Parameter is verplicht.' }]);
    }
    const tree = fieldTree(fields as string[]);
    const gemeenteFilter = optionalString(body, 'gemeenteVanInschrijving');
    const withDeceased = body.inclusiefOverledenPersonen === true;
    const reply = (rows: Row[], shape: (r: Row) => JsonObject): JsonObject => ({
      type,
      personen:
        gemeenteFilter !== null && gemeenteFilter !== gemeente.code
          ? []
          : rows.map((r) => project(shape(r), tree)),
    });
    const alive = (rows: Row[]) => (withDeceased ? rows : rows.filter((r) => r.brp_status !== 'overleden'));

    if (type === 'ZoekMetPostcodeEnHuisnummer') {
      const postcode = requireString(body, 'postcode', /^[1-9][0-9]{3} ?[A-Za-z]{2}$/)
        .replace(/\s+/g, '')
        .toUpperCase();
      const huisnummer = body.huisnummer;
      if (
        typeof huisnummer !== 'number' ||
        !Number.isInteger(huisnummer) ||
        huisnummer < 1 ||
        huisnummer > 99999
      ) {
        throw invalidParams([
          { name: 'huisnummer', code: 'integer', reason: 'Waarde is geen geldig getal.' },
        ]);
      }
      const huisletter = optionalString(body, 'huisletter');
      const toevoeging = optionalString(body, 'huisnummertoevoeging');
      const rows = await database.query<Row>(
        `${SELECT} WHERE p.municipality_id = $1 AND a.postcode = $2 AND a.huisnummer = $3 ORDER BY p.bsn`,
        [municipalityId, postcode, huisnummer],
      );
      const filtered = rows.filter(
        (r) =>
          (huisletter === null || (r.huisletter ?? '').toLowerCase() === huisletter.toLowerCase()) &&
          (toevoeging === null || (r.toevoeging ?? '').toLowerCase() === toevoeging.toLowerCase()),
      );
      return reply(alive(filtered), (r) => persoonBeperkt(r, gemeente));
    }
    if (type === 'ZoekMetGeslachtsnaamEnGeboortedatum') {
      const geslachtsnaam = requireString(body, 'geslachtsnaam');
      if (geslachtsnaam.endsWith('*') && geslachtsnaam.replace(/\*/g, '').length < 3) {
        throw invalidParams([
          { name: 'geslachtsnaam', code: 'pattern', reason: 'Minimaal 3 letters voor de wildcard.' },
        ]);
      }
      const geboortedatum = requireString(body, 'geboortedatum', DATE);
      const rows = await database.query<Row>(
        `${SELECT} WHERE p.municipality_id = $1 AND p.geboortedatum = $2::date ORDER BY p.bsn`,
        [municipalityId, geboortedatum],
      );
      return reply(alive(rows.filter((r) => geslachtsnaamMatches(geslachtsnaam, r.geslachtsnaam))), (r) =>
        persoonBeperkt(r, gemeente),
      );
    }
    const bsns = body.burgerservicenummer;
    if (
      !Array.isArray(bsns) ||
      bsns.length === 0 ||
      bsns.length > 20 ||
      !bsns.every((b) => typeof b === 'string' && /^\d{9}$/.test(b))
    ) {
      throw invalidParams([
        {
          name: 'burgerservicenummer',
          code: 'array',
          reason: 'Geef 1 tot 20 burgerservicenummers van 9 cijfers.',
        },
      ]);
    }
    const rows = await database.query<Row>(
      `${SELECT} WHERE p.municipality_id = $1 AND p.bsn = ANY($2::text[]) ORDER BY p.bsn`,
      [municipalityId, bsns],
    );
    return reply(rows, (r) => persoon(r, gemeente));
  }

  function send(res: http.ServerResponse, status: number, body: JsonObject, problem: boolean): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': problem ? 'application/problem+json' : 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 1_000_000) chunks.push(c);
    });
    req.on('end', () => {
      void (async () => {
        try {
          if (req.method !== 'POST' || req.url?.split('?')[0] !== '/personen') {
            throw new HttpProblem(404, {
              title: 'Opgevraagde resource bestaat niet.',
              status: 404,
              code: 'notFound',
            });
          }
          if (req.headers['x-api-key'] !== apiKey) {
            throw new HttpProblem(401, {
              type: 'https://datatracker.ietf.org/doc/html/rfc7235#section-3.1',
              title: 'Niet correct geauthenticeerd.',
              status: 401,
              instance: '/personen',
              code: 'authentication',
            });
          }
          let body: Json;
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
          } catch {
            throw invalidParams([{ name: 'body', code: 'json', reason: 'De body is geen geldige JSON.' }]);
          }
          if (body === null || typeof body !== 'object' || Array.isArray(body)) {
            throw invalidParams([{ name: 'body', code: 'object', reason: 'De body is geen object.' }]);
          }
          send(res, 200, await answer(body), false);
        } catch (err) {
          if (err instanceof HttpProblem) send(res, err.status, err.body, true);
          else send(res, 500, { title: 'Interne serverfout.', status: 500, detail: String(err) }, true);
        }
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
