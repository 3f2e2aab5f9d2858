// THE cross-tenant test. It walks every operation of the published OpenAPI document as staff of Voorbeeldstad
// (municipality A) and proves that nothing of Dorpsveld (municipality B) can be read, changed or even confirmed
// to exist. New routes are walked automatically: a route the walker cannot handle fails the test.

import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindReferrals } from '../src/server/modules/households/appointments/service.ts';
import type { Vangnet } from '../src/server/server.ts';
import { todayInNetherlands } from '../src/shared/calendar.ts';
import { multipart, startTestApp, TestClient } from './harness.ts';

const API = '/api/v1';
const MARKER = `DORPSVELD-MARKER-${randomBytes(5).toString('hex')}`;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

/**
 * Routes that carry no tenant data in their path: they act on the caller's own session or credentials, or on
 * the process. They are still called (each with a fresh session, because several end or change it) and their
 * answers must not leak anything of B, but a 2xx answer is fine for them.
 */
const SESSION_ROUTES: Record<string, { reason: string; optional?: boolean }> = {
  'GET /health/live': { reason: 'liveness probe of the process; answers {status} only' },
  'GET /health/ready': { reason: 'readiness probe; pings the database, answers {status} only' },
  'GET /api/v1/session': { reason: "the caller's own session; lists only the caller's own memberships" },
  'POST /api/v1/auth/login': { reason: 'turns credentials into a session; no tenant resource is addressed' },
  'POST /api/v1/auth/totp/enrolment': { reason: "sets up the caller's own second factor" },
  'POST /api/v1/auth/totp/enrolment/confirm': { reason: "confirms the caller's own second factor" },
  'POST /api/v1/auth/totp/verify': { reason: "verifies the caller's own second factor" },
  'POST /api/v1/auth/logout': { reason: "ends the caller's own session" },
  'POST /api/v1/auth/logout-everywhere': { reason: "ends the caller's own sessions" },
  'PUT /api/v1/session/municipality': {
    reason: "checks the caller's own memberships; the refusal of B is asserted in its own test below",
  },
  'POST /api/v1/oauth/token': { reason: 'machine client credentials, no session and no tenant resource' },
  'GET /api/v1/auth/oidc/login': { reason: 'redirect to the identity provider', optional: true },
  'GET /api/v1/auth/oidc/callback': { reason: 'return from the identity provider', optional: true },
};

/** Not in the OpenAPI document (hidden), but public: must not leak either. */
const UNDOCUMENTED_GETS = [`${API}/openapi.json`];

/** Staff of Voorbeeldstad only, together holding every permission; plus the regional user, active in A. */
const PERSONAS = [
  { email: 'beheer@voorbeeldstad.demo', why: 'organisation:manage, users:manage' },
  { email: 'auditor@voorbeeldstad.demo', why: 'audit:read' },
  { email: 'schuldhulp@voorbeeldstad.demo', why: 'persons:read, persons:read_bsn' },
  { email: 'coordinator@voorbeeldstad.demo', why: 'volunteers:manage' },
  { email: 'beleid@voorbeeldstad.demo', why: 'aggregates:read' },
  { email: 'vroegsignalering@voorbeeldstad.demo', why: 'meldingen:manage, outreach:manage' },
  { email: 'regisseur@voorbeeldstad.demo', why: 'households:manage (household plans)' },
  { email: 'regio@voorbeeldstad.demo', why: 'member of A and B, with A active', memberOfB: true },
] as const;
type Persona = (typeof PERSONAS)[number];

type Kind =
  | 'team'
  | 'wijk'
  | 'user'
  | 'person'
  | 'household'
  | 'address'
  | 'municipality'
  | 'signaalpartner'
  | 'verwijzer'
  | 'werkbakje'
  | 'signal'
  | 'melding'
  | 'import'
  | 'regeling'
  | 'scan'
  | 'traject'
  | 'periode'
  | 'schuld'
  | 'actie'
  | 'quickfix'
  | 'overdracht'
  | 'contactpoging'
  | 'vrijwilliger'
  | 'maatje'
  | 'budget'
  | 'businesscase'
  | 'huishoudplan'
  | 'hhdoel'
  | 'hhactie'
  | 'hhnetwerk'
  | 'hhtoestemming'
  | 'hhverwijzing'
  | 'hhafspraak'
  | 'hhvoorbereiding';
const KIND_HINTS: [RegExp, Kind][] = [
  // Issue 7: the household plan and its parts (/huishoudplannen, /huishoudplan-doelen, -acties, -netwerk, ...).
  [/huishoudplan-doelen/i, 'hhdoel'],
  [/huishoudplan-acties/i, 'hhactie'],
  [/huishoudplan-netwerk/i, 'hhnetwerk'],
  [/huishoudplan-toestemmingen/i, 'hhtoestemming'],
  [/huishoudplan-verwijzingen/i, 'hhverwijzing'],
  // Issue 7: appointments and preparation calls (/huishoudplan-afspraken/{id}, /huishoudplan-voorbereidingen/{id}).
  [/huishoudplan-afspraken/i, 'hhafspraak'],
  [/huishoudplan-voorbereidingen/i, 'hhvoorbereiding'],
  [/huishoudplan/i, 'huishoudplan'],
  // Issue 9: volunteers, their requests/matches/escalations, the maatwerkbudget, the business case.
  [/^vrijwilligers$/i, 'vrijwilliger'],
  [/maatjes/i, 'maatje'],
  [/maatwerkbudget/i, 'budget'],
  [/prijslijst|interventie|businesscase/i, 'businesscase'],
  // Follow-up: /opvolging/acties/{id} (planned actions; not /huishoudplan-acties), quick-fix checks, handovers.
  [/^acties$/i, 'actie'],
  [/quick-?fix/i, 'quickfix'],
  [/^overdrachten$|handover/i, 'overdracht'],
  [/traject/i, 'traject'],
  [/perioden/i, 'periode'],
  [/schulden/i, 'schuld'],
  [/regeling/i, 'regeling'],
  [/scan/i, 'scan'],
  [/melding/i, 'melding'],
  [/vroegsignal/i, 'signal'],
  [/import/i, 'import'],
  [/team/i, 'team'],
  [/wijk/i, 'wijk'],
  [/user|gebruiker|medewerker|member/i, 'user'],
  [/person|persoon|personen|bewoner/i, 'person'],
  [/household|huishouden/i, 'household'],
  [/address|adres/i, 'address'],
  [/municipalit|gemeente/i, 'municipality'],
  [/signaalpartner|partner/i, 'signaalpartner'],
  [/verwijzer|referral/i, 'verwijzer'],
  [/werkbak|queue/i, 'werkbakje'],
];

function kindOf(text: string): Kind | null {
  for (const [re, kind] of KIND_HINTS) if (re.test(text)) return kind;
  return null;
}

// --- The OpenAPI document, as far as the walker reads it ---------------------------------------------------

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
};
type Parameter = { name: string; in: string; required?: boolean; schema?: JsonSchema };
type Operation = {
  tags?: string[];
  summary?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};
type OpenApi = {
  paths: Record<string, Partial<Record<Method, Operation>>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

type Tenant = {
  municipalityId: string;
  cbsCode: string;
  ids: Record<Kind, string[]>;
  bsns: string[];
  postcode: { postcode: string; huisnummer: number } | null;
};

/** Builds a small, valid-looking value for a schema; uuids point at B's resources, chosen by field name. */
class ValueMaker {
  constructor(
    private readonly doc: OpenApi,
    private readonly b: Tenant,
  ) {}

  private resolve(s: JsonSchema): JsonSchema {
    let current = s;
    for (let i = 0; i < 10 && current.$ref; i++) {
      const name = current.$ref.split('/').at(-1) ?? '';
      current = this.doc.components?.schemas?.[name] ?? {};
    }
    return current;
  }

  private bId(name: string): string {
    const kind = kindOf(name);
    const pool = kind ? this.b.ids[kind] : Object.values(this.b.ids).flat();
    return pool[0] ?? this.b.municipalityId;
  }

  private string(s: JsonSchema, name: string): string {
    if (/bsn/i.test(name) && this.b.bsns[0]) return this.b.bsns[0];
    if (s.format === 'uuid' || /(^id$|Id$)/.test(name)) return this.bId(name);
    if (s.format === 'email' || /e-?mail/i.test(name))
      return `probe-${randomBytes(4).toString('hex')}@example.test`;
    if (s.format === 'date') return '2000-01-01';
    if (s.format === 'date-time') return new Date().toISOString();
    if (/postcode/i.test(name) && this.b.postcode) return this.b.postcode.postcode;
    if (/^code$/i.test(name)) return `WK${this.b.cbsCode}98`;
    let value = `probe-${randomBytes(4).toString('hex')}`;
    while (s.minLength && value.length < s.minLength) value += '-probe';
    return s.maxLength ? value.slice(0, s.maxLength) : value;
  }

  make(schema: JsonSchema | undefined, name = '', depth = 0): unknown {
    if (!schema || depth > 6) return undefined;
    const s = this.resolve(schema);
    if (s.const !== undefined) return s.const;
    if (s.enum?.length) return s.enum[0];
    const options = s.anyOf ?? s.oneOf ?? s.allOf;
    if (options) {
      const pick = options.map((o) => this.resolve(o)).find((o) => o.type !== 'null') ?? options[0];
      return this.make(pick, name, depth + 1);
    }
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
    switch (type ?? (s.properties ? 'object' : undefined)) {
      case 'object': {
        const out: Record<string, unknown> = {};
        // Every known property, not only the required ones: a PATCH must try to change something.
        for (const [key, prop] of Object.entries(s.properties ?? {})) {
          const value = this.make(prop, key, depth + 1);
          if (value !== undefined) out[key] = value;
        }
        return out;
      }
      case 'array': {
        const item = this.make(s.items, name, depth + 1);
        return item === undefined ? [] : Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => item);
      }
      case 'string':
        return this.string(s, name);
      case 'integer':
      case 'number':
        if (/huisnummer/i.test(name) && this.b.postcode) return this.b.postcode.huisnummer;
        return Math.max(s.minimum ?? 1, 1);
      case 'boolean':
        return true;
      default:
        return undefined;
    }
  }
}

// --- Requests ------------------------------------------------------------------------------------------------

type Sent = { method: Method; url: string; contentType?: string; payload?: string };

async function send(client: TestClient, remoteAddress: string, req: Sent): Promise<LightMyRequestResponse> {
  const method = req.method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  return client.app.inject({
    method,
    url: req.url,
    remoteAddress,
    headers: {
      ...(client.jar.size ? { cookie: client.cookie } : {}),
      ...(method !== 'GET' && client.csrf ? { 'x-csrf-token': client.csrf } : {}),
      ...(req.contentType ? { 'content-type': req.contentType } : {}),
    },
    ...(req.payload !== undefined ? { payload: req.payload } : {}),
  });
}

function bodyFor(op: Operation, maker: ValueMaker): Pick<Sent, 'contentType' | 'payload'> {
  const content = op.requestBody?.content;
  if (!content) return {};
  const json = content['application/json'];
  if (json)
    return { contentType: 'application/json', payload: JSON.stringify(maker.make(json.schema) ?? {}) };
  const form = content['application/x-www-form-urlencoded'];
  if (form) {
    const value = maker.make(form.schema);
    const entries = Object.entries(typeof value === 'object' && value !== null ? value : {}).map(
      ([k, v]) => [k, String(v)] as [string, string],
    );
    return {
      contentType: 'application/x-www-form-urlencoded',
      payload: new URLSearchParams(entries).toString(),
    };
  }
  // Uploads and other media types: an empty document of the declared type.
  const [type] = Object.keys(content);
  return { contentType: type ?? 'application/octet-stream', payload: '' };
}

/** Required query parameters get a value (uuids of B); `limit` is asked at its maximum to see everything. */
function queryFor(op: Operation, maker: ValueMaker): string {
  const params = new URLSearchParams();
  for (const p of op.parameters ?? []) {
    if (p.in !== 'query') continue;
    if (p.name === 'limit' && p.schema?.maximum !== undefined) params.set('limit', String(p.schema.maximum));
    else if (p.required) params.set(p.name, String(maker.make(p.schema, p.name)));
  }
  const q = params.toString();
  return q ? `?${q}` : '';
}

// --- Leak detection ------------------------------------------------------------------------------------------

type Leak = { label: string; test: (text: string) => boolean };

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function leaksOf(b: Tenant, opts: { allowMunicipality: boolean }): Leak[] {
  const leaks: Leak[] = [
    { label: 'marker string', test: (t) => t.toLowerCase().includes(MARKER.toLowerCase()) },
  ];
  if (!opts.allowMunicipality) {
    leaks.push({ label: 'municipality id of B', test: (t) => t.toLowerCase().includes(b.municipalityId) });
    leaks.push({ label: 'name of B', test: (t) => t.includes('Dorpsveld') });
  }
  for (const [kind, ids] of Object.entries(b.ids)) {
    if (kind === 'municipality') continue;
    for (const id of ids) leaks.push({ label: `${kind} id of B`, test: (t) => t.toLowerCase().includes(id) });
  }
  for (const bsn of b.bsns) {
    // Not inside a longer run of hex digits, so a uuid that happens to contain nine digits is no false alarm.
    const re = new RegExp(`(?<![0-9a-fA-F])${escapeRegExp(bsn)}(?![0-9a-fA-F])`);
    leaks.push({ label: 'BSN of B', test: (t) => re.test(t) });
  }
  return leaks;
}

/** The response as text, without the problem's `instance` (that is only the caller's own request path). */
function responseText(res: LightMyRequestResponse, path: string): string {
  let body = res.body;
  if (String(res.headers['content-type'] ?? '').includes('json')) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (
        typeof parsed === 'object' &&
        parsed !== null &&
        (parsed as { instance?: unknown }).instance === path
      ) {
        const { instance: _ignored, ...rest } = parsed as Record<string, unknown>;
        body = JSON.stringify(rest);
      }
    } catch {
      // Not JSON after all: check the raw text.
    }
  }
  const headers = { ...res.headers };
  delete headers['set-cookie'];
  return `${body}\n${JSON.stringify(headers)}`;
}

// --- The test ------------------------------------------------------------------------------------------------

describe('tenant isolation: staff of Voorbeeldstad cannot reach Dorpsveld through any route', () => {
  let v: Vangnet;
  let doc: OpenApi;
  let b: Tenant;
  let a: { municipalityId: string };

  function operations(): { key: string; method: Method; path: string; op: Operation }[] {
    const out: { key: string; method: Method; path: string; op: Operation }[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) {
        if (!(METHODS as readonly string[]).includes(method)) {
          throw new Error(`The walker does not know the method ${method} of ${path}; teach it.`);
        }
        const op = item[method as Method];
        if (op) out.push({ key: `${method.toUpperCase()} ${path}`, method: method as Method, path, op });
      }
    }
    return out;
  }

  async function loginAs(persona: Persona, remoteAddress: string): Promise<TestClient> {
    const c = new TestClient(v.app);
    const res = await c.login(persona.email);
    expect(res.statusCode, persona.email).toBe(200);
    if (persona.email === 'regio@voorbeeldstad.demo') {
      const sw = await send(c, remoteAddress, {
        method: 'put',
        url: `${API}/session/municipality`,
        contentType: 'application/json',
        payload: JSON.stringify({ municipalityId: a.municipalityId }),
      });
      expect(sw.statusCode).toBe(200);
      c.csrf = sw.json().csrfToken;
    }
    const session = await c.refreshSession();
    expect(session.activeMunicipality?.id).toBe(a.municipalityId);
    return c;
  }

  beforeAll(async () => {
    // The walk sends well over 600 requests a minute per persona: without the general rate limit (config.ts;
    // the login limit stays) no answer is a 429 that proves nothing.
    v = await startTestApp({ env: { RATE_LIMIT_ENABLED: 'false' } });
    const res = await v.app.inject({ method: 'GET', url: `${API}/openapi.json` });
    expect(res.statusCode).toBe(200);
    doc = res.json();

    const [ma] = await v.database.query<{ id: string }>(
      "SELECT id FROM municipalities WHERE name = 'Voorbeeldstad'",
    );
    const [mb] = await v.database.query<{ id: string; cbs_code: string }>(
      "SELECT id, cbs_code FROM municipalities WHERE name = 'Dorpsveld'",
    );
    if (!ma || !mb) throw new Error('demo municipalities missing');
    a = { municipalityId: ma.id };

    // Resources in B with the marker in their names, made through the API by the regional administrator.
    const regio = new TestClient(v.app);
    expect((await regio.login('regio@voorbeeldstad.demo')).statusCode).toBe(200);
    const sw = await regio.request('PUT', `${API}/session/municipality`, { municipalityId: mb.id });
    expect(sw.statusCode).toBe(200);
    regio.csrf = sw.json().csrfToken;
    const team = await regio.request('POST', `${API}/teams`, { name: `Team ${MARKER}`, description: MARKER });
    expect(team.statusCode).toBe(201);
    const user = await regio.request('POST', `${API}/users`, {
      email: `${MARKER.toLowerCase()}@dorpsveld.demo`,
      displayName: `Medewerker ${MARKER}`,
      password: `${MARKER}-wachtwoord`,
      roles: ['regisseur'],
    });
    expect(user.statusCode).toBe(201);
    const regeling = await regio.request('POST', `${API}/regelingen`, {
      soort: 'minimaregeling',
      naam: `Regeling ${MARKER}`,
      inkomensgrensPercentage: 300,
      bedrag: 99,
      bedragPeriode: 'maand',
      hoeAanvragen: MARKER,
      geldigVanaf: '2025-01-01',
    });
    expect(regeling.statusCode).toBe(201);
    const members = await regio.request('PUT', `${API}/teams/${team.json().id}/members`, {
      userIds: [user.json().id],
    });
    expect(members.statusCode).toBe(200);
    const wijk = await regio.request('POST', `${API}/wijken`, {
      code: `WK${mb.cbs_code}99`,
      name: `Wijk ${MARKER}`,
      teamId: team.json().id,
    });
    expect(wijk.statusCode).toBe(201);
    const settings = await regio.request('PATCH', `${API}/municipality`, {
      settings: { contactEmail: `${MARKER.toLowerCase()}@dorpsveld.example` },
    });
    expect(settings.statusCode).toBe(200);
    // Vroegsignalering configuration of B: a partner with machine credentials (its client_id carries the marker),
    // a verwijzer, a werkbakje of the marker team and a postcode range of the marker wijk.
    const partner = await regio.request('POST', `${API}/signaalpartners`, {
      name: `Partner ${MARKER}`,
      partnerType: 'Huur',
      contactName: MARKER,
    });
    expect(partner.statusCode).toBe(201);
    const credentials = await regio.request(
      'POST',
      `${API}/signaalpartners/${partner.json().id}/credentials`,
    );
    expect(credentials.statusCode).toBe(201);
    expect(credentials.json().clientId.toLowerCase()).toContain(MARKER.toLowerCase());
    const verwijzer = await regio.request('POST', `${API}/verwijzers`, {
      name: `Verwijzer ${MARKER}`,
      kind: 'extern',
    });
    expect(verwijzer.statusCode).toBe(201);
    const werkbakje = await regio.request('POST', `${API}/werkbakjes`, {
      name: `Werkbakje ${MARKER}`,
      teamId: team.json().id,
    });
    expect(werkbakje.statusCode).toBe(201);
    const ranges = await regio.request('PUT', `${API}/wijken/${wijk.json().id}/postcodegebieden`, {
      ranges: [{ from: '9990', to: '9991' }],
    });
    expect(ranges.statusCode).toBe(200);
    // Vroegsignalering data of B: a signal entered by hand for a resident (it becomes a melding) and an import.
    const [resident] = await v.database.query<{
      voornamen: string;
      geslachtsnaam: string;
      geboortedatum: string;
      postcode: string;
      huisnummer: number;
    }>(
      `SELECT p.voornamen, p.geslachtsnaam, p.geboortedatum::text AS geboortedatum, a.postcode, a.huisnummer
         FROM persons p JOIN addresses a ON a.id = p.address_id
        WHERE p.municipality_id = $1 AND p.household_role = 'hoofd' AND p.voorvoegsel IS NULL
          AND NOT EXISTS (SELECT 1 FROM persons o WHERE o.address_id = p.address_id AND o.household_id <> p.household_id)
        ORDER BY p.bsn LIMIT 1`,
      [mb.id],
    );
    const signal = await regio.request('POST', `${API}/vroegsignalen/handmatig`, {
      partnerId: partner.json().id,
      signal: {
        voornamen: resident?.voornamen,
        achternaam: resident?.geslachtsnaam,
        geboortedatum: resident?.geboortedatum,
        postcode: resident?.postcode,
        huisnummer: resident?.huisnummer,
        amountCents: 98_700,
        signalDate: todayInNetherlands(),
        remark: `Opmerking ${MARKER}`,
      },
    });
    expect(signal.statusCode).toBe(200);
    const upload = await regio.send(
      'POST',
      `${API}/signaalpartners/${partner.json().id}/bestanden`,
      multipart(
        {
          name: `${MARKER}.csv`,
          content: `Achternaam;Postcode;Huisnummer;Bedrag;Datum\n${MARKER};${resident?.postcode};${resident?.huisnummer};12,50;01-01-2026\n`,
        },
        {
          mapping: JSON.stringify({
            columns: {
              achternaam: 'Achternaam',
              postcode: 'Postcode',
              huisnummer: 'Huisnummer',
              amountCents: 'Bedrag',
              signalDate: 'Datum',
            },
          }),
        },
      ),
    );
    expect(upload.statusCode).toBe(202);
    // Follow-up of B's melding by a worker of B, the marker in every note: a contact attempt, a planned home
    // visit, an external handover and closing as a quick fix (which plans its 30-day check).
    const werkerEmail = `werker-${MARKER.toLowerCase()}@dorpsveld.demo`;
    const werkerUser = await regio.request('POST', `${API}/users`, {
      email: werkerEmail,
      displayName: `Werker ${MARKER}`,
      password: `${MARKER}-wachtwoord`,
      roles: ['vroegsignalering_medewerker'],
    });
    expect(werkerUser.statusCode).toBe(201);
    const werker = new TestClient(v.app);
    expect((await werker.login(werkerEmail, `${MARKER}-wachtwoord`)).statusCode).toBe(200);
    const [meldingOfB] = await v.database.query<{ melding_id: string }>(
      'SELECT melding_id FROM signals WHERE id = $1',
      [signal.json().results[0].id],
    );
    const fu = `${API}/opvolging/meldingen/${meldingOfB?.melding_id}`;
    const today = todayInNetherlands();
    const opened = await werker.request('GET', fu);
    expect(opened.statusCode).toBe(200);
    const attempt = await werker.request('POST', `${fu}/contactpogingen`, {
      version: opened.json().version,
      soort: 'Telefoon',
      datum: today,
      bereikt: true,
      note: MARKER,
    });
    expect(attempt.statusCode).toBe(201);
    const visit = await werker.request('POST', `${fu}/acties`, {
      kind: 'huisbezoek',
      plannedFor: today,
      note: MARKER,
    });
    expect(visit.statusCode).toBe(201);
    const handover = await werker.request('POST', `${fu}/overdracht`, {
      kind: 'extern',
      version: attempt.json().version,
      organisation: `Organisatie ${MARKER}`,
      consentGivenOn: today,
      note: MARKER,
      close: false,
    });
    expect(handover.statusCode).toBe(201);
    const closedB = await werker.request('POST', `${fu}/afsluiting`, {
      version: handover.json().version,
      eindresultaat: '(Budget)advies en/of quick fix',
      quickFixAcceptedOn: today,
      note: MARKER,
    });
    expect(closedB.statusCode).toBe(200);

    // Issue 9 rows of B (no B staff holds these roles, so they are written directly), all with the marker.
    const q1 = async (text: string, params: unknown[]) =>
      (await v.database.query<{ id: string }>(text, params))[0]?.id;
    const caseB = await q1(
      "INSERT INTO household_cases (municipality_id, status, label) VALUES ($1, 'open', $2) RETURNING id",
      [mb.id, MARKER],
    );
    const orgB = await q1(
      'INSERT INTO volunteer_organisations (municipality_id, name) VALUES ($1, $2) RETURNING id',
      [mb.id, MARKER],
    );
    const volB = await q1(
      `INSERT INTO volunteers (municipality_id, organisation_id, display_name, vog_expires_on, help_kinds)
       VALUES ($1, $2, $3, '2099-01-01', ARRAY['administratie']) RETURNING id`,
      [mb.id, orgB, MARKER],
    );
    const reqB = await q1(
      `INSERT INTO volunteer_requests (municipality_id, household_case_id, resident_name, shared_summary,
                                       consent_given_on, help_kinds, status)
       VALUES ($1, $2, $3, $3, '2025-01-01', ARRAY['administratie'], 'gekoppeld') RETURNING id`,
      [mb.id, caseB, MARKER],
    );
    const matchB = await q1(
      `INSERT INTO volunteer_matches (municipality_id, request_id, volunteer_id, household_case_id)
       VALUES ($1, $2, $3, $4) RETURNING id`,
      [mb.id, reqB, volB, caseB],
    );
    await v.database.query(
      'INSERT INTO volunteer_escalations (municipality_id, match_id, household_case_id, reason) VALUES ($1, $2, $3, $4)',
      [mb.id, matchB, caseB, MARKER],
    );
    const budgetB = await q1(
      `INSERT INTO budgets (municipality_id, year, name, total_cents, limits) VALUES ($1, 2026, $2, 100000, '{}')
       RETURNING id`,
      [mb.id, MARKER],
    );
    const budgetReqB = await q1(
      `INSERT INTO budget_requests (municipality_id, budget_id, household_case_id, category, problem, amount_cents,
                                    payee_name, payee_iban, expected_effect, status, requested_by)
       VALUES ($1, $2, $3, 'energie', $4, 1000, $4, 'NL91ABNA0417164300', $4, 'betaald', $5) RETURNING id`,
      [mb.id, budgetB, caseB, MARKER, user.json().id],
    );
    await v.database.query(
      `INSERT INTO budget_followups (municipality_id, request_id, after_days, due_on, status)
       VALUES ($1, $2, 30, '2026-01-01', 'te_beoordelen')`,
      [mb.id, budgetReqB],
    );
    await v.database.query(
      "INSERT INTO price_list_versions (municipality_id, version, valid_from, note) VALUES ($1, 1, '2020-01-01', $2)",
      [mb.id, MARKER],
    );
    await v.database.query(
      `INSERT INTO interventions (municipality_id, household_case_id, intervention_type, started_on, note)
       VALUES ($1, $2, 'overig', '2026-01-01', $3)`,
      [mb.id, caseB, MARKER],
    );
    await v.database.query(
      "INSERT INTO businesscase_scenarios (municipality_id, name, assumptions) VALUES ($1, $2, '{}')",
      [mb.id, MARKER],
    );

    // A household plan of B by its marker regisseur, the marker in every part: entered member, network member,
    // consent, goal, action and referral.
    const regisseurB = new TestClient(v.app);
    expect(
      (await regisseurB.login(`${MARKER.toLowerCase()}@dorpsveld.demo`, `${MARKER}-wachtwoord`)).statusCode,
    ).toBe(200);
    const planB = await regisseurB.request('POST', `${API}/huishoudplannen`, {
      members: [{ voornamen: 'Marker', geslachtsnaam: MARKER, role: 'hoofd' }],
    });
    expect(planB.statusCode).toBe(201);
    const planBId = planB.json().id;
    const memberB = planB.json().members[0].id;
    const netB = await regisseurB.request('POST', `${API}/huishoudplannen/${planBId}/netwerk`, {
      kind: 'formeel',
      relation: 'ggz',
      name: MARKER,
      organisation: MARKER,
    });
    const networkB = netB.json().network[0].id;
    const today7 = todayInNetherlands();
    await regisseurB.request('POST', `${API}/huishoudplannen/${planBId}/toestemmingen`, {
      networkMemberId: networkB,
      categories: ['plan'],
      purpose: MARKER,
      givenOn: today7,
      givenByMemberId: memberB,
    });
    const goalB = await regisseurB.request('POST', `${API}/huishoudplannen/${planBId}/doelen`, {
      title: MARKER,
      zrmDomain: 'financien',
      chosenByMemberId: memberB,
      targetDate: today7,
    });
    await regisseurB.request('POST', `${API}/huishoudplan-doelen/${goalB.json().goals[0].id}/acties`, {
      description: MARKER,
      owner: { kind: 'regisseur' },
      dueDate: today7,
    });
    const refB = await regisseurB.request('POST', `${API}/huishoudplannen/${planBId}/verwijzingen`, {
      target: 'overig',
      organisation: MARKER,
      reason: MARKER,
      consent: { givenOn: today7, memberId: memberB, shared: MARKER },
    });
    expect(refB.statusCode).toBe(200);
    // An appointment with the marker network member and a preparation letter with the marker as own document;
    // the referral past its reminder date becomes a reminder of B.
    const apptB = await regisseurB.request('POST', `${API}/huishoudplannen/${planBId}/afspraken`, {
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 90_000_000).toISOString(),
      mode: 'locatie',
      location: MARKER,
      purpose: 'eerste_gesprek',
      note: MARKER,
      networkMemberIds: [networkB],
    });
    expect(apptB.statusCode).toBe(200);
    const prepB = await regisseurB.request('POST', `${API}/huishoudplannen/${planBId}/voorbereidingen`, {
      calledOn: today7,
      memberId: memberB,
      appointmentId: apptB.json().appointments[0].id,
      language: 'nl',
      channel: 'brief',
      items: [{ kind: 'eigen', text: MARKER }],
      note: MARKER,
    });
    expect(prepB.statusCode).toBe(200);
    await v.database.query(
      'UPDATE household_referrals SET remind_on = current_date - 1 WHERE municipality_id = $1',
      [mb.id],
    );
    expect((await remindReferrals(v.database.orm, today7)).created).toBeGreaterThan(0);

    // Every row of B, with the marker rows first.
    const ids = async (sql: string) =>
      (await v.database.query<{ id: string }>(sql, [mb.id])).map((r) => String(r.id).toLowerCase());
    const bsnsOfA = new Set(
      (
        await v.database.query<{ bsn: string }>('SELECT bsn FROM persons WHERE municipality_id = $1', [ma.id])
      ).map((r) => r.bsn),
    );
    const [address] = await v.database.query<{ postcode: string; huisnummer: number }>(
      'SELECT postcode, huisnummer FROM addresses WHERE municipality_id = $1 ORDER BY id LIMIT 1',
      [mb.id],
    );
    b = {
      municipalityId: mb.id,
      cbsCode: mb.cbs_code,
      ids: {
        team: [
          team.json().id,
          ...(await ids('SELECT id FROM teams WHERE municipality_id = $1 ORDER BY name')),
        ],
        wijk: [
          wijk.json().id,
          ...(await ids('SELECT id FROM wijken WHERE municipality_id = $1 ORDER BY code')),
        ],
        // Users of B only (the marker user first): the regional user is legitimately visible in A.
        user: (
          await ids(
            `SELECT u.id FROM users u
              WHERE EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.municipality_id = $1)
                AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.municipality_id <> $1)
              ORDER BY u.id`,
          )
        ).sort((x, y) => Number(y === user.json().id) - Number(x === user.json().id)),
        person: await ids('SELECT id FROM persons WHERE municipality_id = $1 ORDER BY id'),
        household: await ids('SELECT id FROM households WHERE municipality_id = $1 ORDER BY id'),
        address: await ids('SELECT id FROM addresses WHERE municipality_id = $1 ORDER BY id'),
        municipality: [mb.id],
        signaalpartner: [
          partner.json().id,
          ...(await ids('SELECT id FROM signal_partners WHERE municipality_id = $1 ORDER BY name')),
        ],
        verwijzer: [
          verwijzer.json().id,
          ...(await ids('SELECT id FROM referral_sources WHERE municipality_id = $1 ORDER BY name')),
        ],
        werkbakje: [
          werkbakje.json().id,
          ...(await ids('SELECT id FROM work_queues WHERE municipality_id = $1 ORDER BY name')),
        ],
        signal: await ids('SELECT id FROM signals WHERE municipality_id = $1 ORDER BY created_at'),
        melding: await ids('SELECT id FROM meldingen WHERE municipality_id = $1 ORDER BY created_at'),
        import: await ids('SELECT id FROM signal_imports WHERE municipality_id = $1 ORDER BY created_at'),
        regeling: [
          regeling.json().id,
          ...(await ids('SELECT id FROM municipal_schemes WHERE municipality_id = $1 ORDER BY name')),
        ],
        scan: await ids('SELECT id FROM nontakeup_scan_runs WHERE municipality_id = $1 ORDER BY started_at'),
        // Debt-help trajectories of B (the demo seeds one in every phase), their periods and debts.
        traject: await ids(
          'SELECT id FROM debt_help_requests WHERE municipality_id = $1 ORDER BY requested_on, id',
        ),
        periode: await ids(
          'SELECT id FROM debt_help_periods WHERE municipality_id = $1 ORDER BY start_on, id',
        ),
        schuld: await ids('SELECT id FROM debts WHERE municipality_id = $1 ORDER BY created_at, id'),
        actie: await ids('SELECT id FROM planned_actions WHERE municipality_id = $1 ORDER BY created_at, id'),
        quickfix: await ids(
          'SELECT id FROM quick_fix_checks WHERE municipality_id = $1 ORDER BY created_at, id',
        ),
        overdracht: await ids(
          'SELECT id FROM melding_handovers WHERE municipality_id = $1 ORDER BY created_at, id',
        ),
        contactpoging: await ids(
          'SELECT id FROM contact_attempts WHERE municipality_id = $1 ORDER BY created_at, id',
        ),
        vrijwilliger: await ids('SELECT id FROM volunteers WHERE municipality_id = $1 ORDER BY id'),
        maatje: await ids(
          `SELECT id FROM volunteer_requests WHERE municipality_id = $1 UNION ALL
           SELECT id FROM volunteer_matches WHERE municipality_id = $1 UNION ALL
           SELECT id FROM volunteer_escalations WHERE municipality_id = $1`,
        ),
        budget: await ids(
          `SELECT id FROM budgets WHERE municipality_id = $1 UNION ALL
           SELECT id FROM budget_requests WHERE municipality_id = $1 UNION ALL
           SELECT id FROM budget_followups WHERE municipality_id = $1`,
        ),
        businesscase: await ids(
          `SELECT id FROM price_list_versions WHERE municipality_id = $1 UNION ALL
           SELECT id FROM interventions WHERE municipality_id = $1 UNION ALL
           SELECT id FROM businesscase_scenarios WHERE municipality_id = $1`,
        ),
        // The household plans of B (the marker plan first) and their goals, actions, network, consents, referrals.
        huishoudplan: [
          planBId,
          ...(await ids('SELECT id FROM household_cases WHERE municipality_id = $1 ORDER BY opened_at, id')),
        ],
        hhdoel: await ids(
          'SELECT id FROM household_goals WHERE municipality_id = $1 ORDER BY created_at, id',
        ),
        hhactie: await ids(
          'SELECT id FROM household_actions WHERE municipality_id = $1 ORDER BY created_at, id',
        ),
        hhnetwerk: await ids(
          'SELECT id FROM household_network_members WHERE municipality_id = $1 ORDER BY created_at, id',
        ),
        hhtoestemming: await ids(
          'SELECT id FROM household_consents WHERE municipality_id = $1 ORDER BY recorded_at, id',
        ),
        hhverwijzing: await ids(
          'SELECT id FROM household_referrals WHERE municipality_id = $1 ORDER BY created_at, id',
        ),
        hhafspraak: await ids(
          'SELECT id FROM household_appointments WHERE municipality_id = $1 ORDER BY created_at, id',
        ),
        // Preparation calls and referral reminders of B (neither is addressed by the other's routes).
        hhvoorbereiding: await ids(
          `SELECT id FROM household_preparations WHERE municipality_id = $1 UNION ALL
           SELECT id FROM household_referral_reminders WHERE municipality_id = $1`,
        ),
      },
      bsns: (
        await v.database.query<{ bsn: string }>('SELECT bsn FROM persons WHERE municipality_id = $1', [mb.id])
      )
        .map((r) => r.bsn)
        .filter((bsn) => !bsnsOfA.has(bsn)),
      postcode: address ?? null,
    };
    for (const kind of [
      'team',
      'wijk',
      'user',
      'signaalpartner',
      'verwijzer',
      'werkbakje',
      'regeling',
      'huishoudplan',
    ] as const)
      b.ids[kind] = [...new Set(b.ids[kind])];
    expect(b.ids.user).toContain(user.json().id);
    expect(b.ids.melding.length).toBeGreaterThan(0);
    expect(b.ids.import.length).toBe(1);
    expect(b.ids.traject.length).toBeGreaterThan(0);
    expect(b.ids.schuld.length).toBeGreaterThan(0);
    expect(b.ids.scan.length).toBeGreaterThan(0);
    // Two planned actions (the home visit and the quick-fix check), the check itself, the handover, the attempt.
    expect(b.ids.actie.length).toBeGreaterThanOrEqual(2);
    expect(b.ids.quickfix.length).toBeGreaterThan(0);
    expect(b.ids.overdracht.length).toBeGreaterThan(0);
    expect(b.ids.contactpoging.length).toBeGreaterThan(0);
    // The appointment, the preparation letter and the referral reminder of B's marker plan.
    expect(b.ids.hhafspraak.length).toBeGreaterThan(0);
    expect(b.ids.hhvoorbereiding.length).toBeGreaterThanOrEqual(2);
  }, 120_000);
  afterAll(async () => v?.close());

  it('documents every route with tags and a summary', () => {
    const undocumented = operations()
      .filter(({ op }) => !op.tags?.length || !op.summary)
      .map(({ key }) => key);
    expect(undocumented).toEqual([]);
  });

  it('excludes only routes that exist (or are optional), each with a reason', () => {
    const keys = new Set(operations().map((o) => o.key));
    const stale = Object.entries(SESSION_ROUTES)
      .filter(([key, e]) => !e.optional && !keys.has(key))
      .map(([key]) => key);
    expect(stale).toEqual([]);
    for (const e of Object.values(SESSION_ROUTES)) expect(e.reason.length).toBeGreaterThan(10);
  });

  it('refuses beheer@ a switch to Dorpsveld with 404, exactly as for a municipality that does not exist', async () => {
    const c = new TestClient(v.app);
    await c.login('beheer@voorbeeldstad.demo');
    const res = await c.request('PUT', `${API}/session/municipality`, { municipalityId: b.municipalityId });
    expect(res.statusCode).toBe(404);
    const none = await c.request('PUT', `${API}/session/municipality`, {
      municipalityId: '00000000-0000-4000-8000-000000000000',
    });
    expect(none.statusCode).toBe(404);
    expect(res.json().detail).toBe(none.json().detail);
    expect((await c.refreshSession()).activeMunicipality.id).toBe(a.municipalityId);
    expect(res.body).not.toContain('Dorpsveld');
  });

  it.each(PERSONAS.map((p, i) => [p.email, p, `10.99.0.${i + 1}`] as const))(
    '%s reaches nothing of Dorpsveld',
    async (_email, persona, remoteAddress) => {
      const maker = new ValueMaker(doc, b);
      const strict = leaksOf(b, { allowMunicipality: false });
      // The regional user's own session legitimately lists Dorpsveld among their memberships.
      const sessionLeaks = leaksOf(b, { allowMunicipality: 'memberOfB' in persona });
      const failures: string[] = [];
      const walked = new Set<string>();
      let requests = 0;

      const check = (res: LightMyRequestResponse, req: Sent, leaks: Leak[]) => {
        requests++;
        const where = `${req.method.toUpperCase()} ${req.url}`;
        if (res.statusCode === 429) failures.push(`${where}: rate limited, the walk proves nothing`);
        if (res.statusCode >= 500) failures.push(`${where}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        const text = responseText(res, req.url.split('?')[0] ?? req.url);
        for (const leak of leaks)
          if (leak.test(text)) failures.push(`${where}: answer contains a ${leak.label}`);
      };

      const client = await loginAs(persona, remoteAddress);
      const ops = operations();

      for (const { key, method, path, op } of ops) {
        if (SESSION_ROUTES[key]) continue;
        const params = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
        const body = bodyFor(op, maker);
        const query = queryFor(op, maker);
        if (params.length === 0) {
          // A collection or singleton of the active municipality: whatever it answers, nothing of B.
          const req: Sent = { method, url: `${path}${query}`, ...body };
          check(await send(client, remoteAddress, req), req, strict);
          walked.add(key);
          continue;
        }
        // An item route: substitute B's ids of the matching kind (by the path segment before the parameter,
        // then by the parameter name), or every B id when the kind is unknown.
        const candidatesFor = (param: string): string[] => {
          if (/bsn/i.test(param)) return b.bsns.slice(0, 3);
          const before = path.split(`{${param}}`)[0]?.split('/').filter(Boolean).at(-1) ?? '';
          const kind = kindOf(before) ?? kindOf(param);
          return kind
            ? b.ids[kind].slice(0, 4)
            : (Object.entries(b.ids) as [Kind, string[]][]).flatMap(([, ids]) => ids.slice(0, 3));
        };
        const [first, ...rest] = params;
        const candidates = candidatesFor(first ?? '');
        if (candidates.length === 0) {
          failures.push(`${key}: no id of B to put in {${first}}; teach the walker this kind of resource`);
          continue;
        }
        for (const id of candidates) {
          let url = path.replace(`{${first}}`, encodeURIComponent(id));
          for (const p of rest) url = url.replace(`{${p}}`, encodeURIComponent(candidatesFor(p)[0] ?? id));
          const req: Sent = { method, url: `${url}${query}`, ...body };
          const res = await send(client, remoteAddress, req);
          check(res, req, strict);
          if (![400, 401, 403, 404].includes(res.statusCode)) {
            failures.push(
              `${req.method.toUpperCase()} ${req.url}: ${res.statusCode}, expected 400/401/403/404`,
            );
          }
        }
        walked.add(key);
      }

      for (const url of UNDOCUMENTED_GETS) {
        const req: Sent = { method: 'get', url };
        check(await send(client, remoteAddress, req), req, strict);
      }

      // Session routes last, each on a fresh session: several of them end or change the session.
      for (const { key, method, path, op } of ops) {
        if (!SESSION_ROUTES[key]) continue;
        const fresh = await loginAs(persona, remoteAddress);
        const req: Sent = { method, url: `${path}${queryFor(op, maker)}`, ...bodyFor(op, maker) };
        const res = await send(fresh, remoteAddress, req);
        check(res, req, sessionLeaks);
        if (
          key === 'PUT /api/v1/session/municipality' &&
          !('memberOfB' in persona) &&
          res.statusCode !== 404
        ) {
          failures.push(`${key} to B: ${res.statusCode}, expected 404`);
        }
        walked.add(key);
      }

      expect(failures).toEqual([]);
      // Every documented route was walked: a new route is covered without anyone remembering to add it.
      expect([...walked].sort()).toEqual(ops.map((o) => o.key).sort());
      expect(requests).toBeGreaterThan(ops.length);
    },
    // Every route with up to four ids of B, for each persona: minutes on a busy machine.
    600_000,
  );

  it('still finds the marker data in B for the regional user (the walk looked for the right things)', async () => {
    const regio = new TestClient(v.app);
    await regio.login('regio@voorbeeldstad.demo');
    const sw = await regio.request('PUT', `${API}/session/municipality`, {
      municipalityId: b.municipalityId,
    });
    regio.csrf = sw.json().csrfToken;
    const teamId = b.ids.team[0] ?? '';
    const wijkId = b.ids.wijk[0] ?? '';
    const team = await regio.request('GET', `${API}/teams/${teamId}`);
    expect(team.statusCode).toBe(200);
    expect(team.body).toContain(MARKER);
    expect((await regio.request('GET', `${API}/wijken/${wijkId}`)).body).toContain(MARKER);
    expect((await regio.request('GET', `${API}/users`)).body).toContain(MARKER);
    expect((await regio.request('GET', `${API}/signaalpartners/${b.ids.signaalpartner[0]}`)).body).toContain(
      MARKER,
    );
    expect((await regio.request('GET', `${API}/verwijzers?limit=200`)).body).toContain(MARKER);
    expect((await regio.request('GET', `${API}/werkbakjes?limit=200`)).body).toContain(MARKER);
    expect((await regio.request('GET', `${API}/municipality`)).body.toLowerCase()).toContain(
      MARKER.toLowerCase(),
    );
    const [count] = await v.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM teams WHERE id = $1',
      [teamId],
    );
    expect(count?.n).toBe(1);
  });
});
