// Retention (AVG): after the run, no name, BSN, address or contact detail of an expired melding can be found in
// any text or JSON column of any table (the embedded BRP itself aside: it is the register, not our processing).
// A melding under a legal hold and a melding within its term keep everything; what statistics and the six-month
// look-back need stays; the run is reported in the audit log and a second run deletes nothing more.

import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../test/harness.ts';
import { todayInNetherlands } from '../../../shared/calendar.ts';
import type { Vangnet } from '../../server.ts';
import { ImportStorage } from '../vroegsignalering/imports/storage.ts';
import { cutoffsFor, monthsBefore, purgeExpiredData } from './service.ts';

const API = '/api/v1';
const today = todayInNetherlands();
const tag = randomBytes(3).toString('hex').toUpperCase();
/** The embedded BRP: the register the signals are matched against, not data this processing keeps. */
const BRP_TABLES = new Set(['public.persons', 'public.addresses', 'public.households']);

type Person = {
  bsn: string;
  voornamen: string;
  geslachtsnaam: string;
  geboortedatum: string;
  postcode: string;
  huisnummer: number;
};
type Planted = { person: Person; meldingId: string; signalId: string; values: string[] };

describe('retention: the daily deletion of expired personal data', () => {
  let v: Vangnet;
  let vera: TestClient;
  let beheer: TestClient;
  let municipalityId: string;
  const planted: Record<'closed' | 'untouched' | 'held' | 'recent', Planted> = {} as never;
  let batchId: string;
  let orphanName: string;
  let fingerprints: number;

  async function loggedIn(email: string) {
    const c = new TestClient(v.app);
    expect((await c.login(email)).statusCode).toBe(200);
    return c;
  }

  async function version(meldingId: string): Promise<number> {
    return (await vera.request('GET', `${API}/opvolging/meldingen/${meldingId}`)).json().version;
  }

  async function plant(key: keyof typeof planted, person: Person, n: number): Promise<Planted> {
    const values = {
      telefoon: `06${String(10_000_000 + n * 1_234_567 + Number.parseInt(tag, 16)).slice(0, 8)}`,
      email: `bewoner.${key}.${tag.toLowerCase()}@example.org`,
      remark: `OPMERKING-${key}-${tag}`,
      customerNumber: `KLANT-${key}-${tag}`,
    };
    const res = await vera.request('POST', `${API}/vroegsignalen/handmatig`, {
      signal: {
        bsn: person.bsn,
        voornamen: person.voornamen,
        achternaam: person.geslachtsnaam,
        geboortedatum: person.geboortedatum,
        postcode: person.postcode,
        huisnummer: person.huisnummer,
        amountCents: 61_500,
        signalDate: today,
        ...values,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const signalId = res.json().results[0].id as string;
    const [row] = await v.database.query<{ melding_id: string }>(
      'SELECT melding_id FROM signals WHERE id = $1',
      [signalId],
    );
    expect(row?.melding_id).toBeTruthy();
    return {
      person,
      meldingId: row?.melding_id as string,
      signalId,
      values: [
        person.bsn,
        person.voornamen,
        person.geslachtsnaam,
        person.postcode,
        values.telefoon,
        values.email,
        values.remark,
        values.customerNumber,
        `NOTITIE-${key}-${tag}`,
        `AFSLUITING-${key}-${tag}`,
      ],
    };
  }

  /** Contact, a printed letter, an e-mail, and closing: a melding with personal data in every place. */
  async function workOn(p: Planted, key: string) {
    const contact = await vera.request('POST', `${API}/opvolging/meldingen/${p.meldingId}/contactpogingen`, {
      version: await version(p.meldingId),
      soort: 'Telefoon',
      datum: today,
      bereikt: true,
      note: `NOTITIE-${key}-${tag} gesproken met ${p.person.voornamen} ${p.person.geslachtsnaam}`,
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const letter = await vera.request('POST', `${API}/meldingen/${p.meldingId}/brieven`, {
      channel: 'brief',
      batchKey: randomUUID(),
    });
    expect(letter.statusCode, letter.body).toBe(200);
    const mail = await vera.request('POST', `${API}/meldingen/${p.meldingId}/berichten`, { channel: 'mail' });
    expect(mail.statusCode, mail.body).toBe(200);
    const closed = await vera.request('POST', `${API}/opvolging/meldingen/${p.meldingId}/afsluiting`, {
      version: await version(p.meldingId),
      eindresultaat: 'Vervolghulp en/of verwijzing',
      note: `AFSLUITING-${key}-${tag}`,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    return letter.json().id as string;
  }

  /** Every text, varchar, array and JSON column of every table in every schema (the BRP tables aside). */
  async function findAnywhere(values: string[]): Promise<string[]> {
    const columns = await v.database.query<{ table_schema: string; table_name: string; column_name: string }>(
      `SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND t.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`,
    );
    expect(columns.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const c of columns) {
      const table = `${c.table_schema}.${c.table_name}`;
      if (BRP_TABLES.has(table)) continue;
      const rows = await v.database.query<{ v: string }>(
        `SELECT "${c.column_name}"::text AS v FROM "${c.table_schema}"."${c.table_name}"
          WHERE "${c.column_name}"::text LIKE ANY($1::text[])`,
        [values.map((x) => `%${x}%`)],
      );
      for (const r of rows)
        for (const x of values) if (r.v.includes(x)) found.push(`${table}.${c.column_name}: ${x}`);
    }
    return found;
  }

  beforeAll(async () => {
    v = await startTestApp({ demoInhabitants: 200 });
    vera = await loggedIn('vroegsignalering@voorbeeldstad.demo');
    beheer = await loggedIn('beheer@voorbeeldstad.demo');
    const [m] = await v.database.query<{ id: string }>(
      "SELECT id FROM municipalities WHERE name = 'Voorbeeldstad'",
    );
    municipalityId = m?.id as string;
    // Four residents at four addresses whose names are long enough, and none part of another's, to search for.
    const candidates = await v.database.query<Person>(
      `SELECT DISTINCT ON (a.id) p.bsn, split_part(p.voornamen, ' ', 1) AS voornamen, p.geslachtsnaam,
              to_char(p.geboortedatum, 'YYYY-MM-DD') AS geboortedatum, a.postcode, a.huisnummer
         FROM persons p JOIN addresses a ON a.id = p.address_id
        WHERE p.municipality_id = $1 AND p.brp_status = 'ingeschreven' AND a.huisletter IS NULL
          AND a.toevoeging IS NULL AND p.geboortedatum < current_date - interval '25 years'
          AND length(p.geslachtsnaam) >= 4 AND length(split_part(p.voornamen, ' ', 1)) >= 4
        ORDER BY a.id, p.id`,
      [municipalityId],
    );
    // Other processings (household plans, debt help, volunteers) keep names of their own, and the demo seeds
    // some. A resident whose name or number is in the database already would make the search prove nothing.
    const known = await findAnywhere(
      candidates.flatMap((c) => [c.bsn, c.voornamen, c.geslachtsnaam, c.postcode]),
    );
    const taken = new Set(known.map((k) => k.slice(k.indexOf(': ') + 2)));
    const people: Person[] = [];
    for (const c of candidates) {
      if ([c.bsn, c.voornamen, c.geslachtsnaam, c.postcode].some((x) => taken.has(x))) continue;
      const names = [c.voornamen, c.geslachtsnaam];
      const clash = people.some((p) =>
        [p.voornamen, p.geslachtsnaam].some((x) => names.some((y) => x.includes(y) || y.includes(x))),
      );
      if (!clash && !people.some((p) => p.postcode === c.postcode)) people.push(c);
      if (people.length === 4) break;
    }
    expect(people.length).toBe(4);
    const [p0, p1, p2, p3] = people as [Person, Person, Person, Person];

    // Closed 19 months ago (term 18): everything of it goes.
    planted.closed = await plant('closed', p0, 1);
    batchId = await workOn(planted.closed, 'closed');
    // Never contacted, signal 7 months old (term 6): goes, also its file line.
    planted.untouched = await plant('untouched', p1, 2);
    // Closed 19 months ago, but under a legal hold: stays.
    planted.held = await plant('held', p2, 3);
    await workOn(planted.held, 'held');
    // Closed today: stays.
    planted.recent = await plant('recent', p3, 4);
    await workOn(planted.recent, 'recent');

    for (const p of [planted.closed, planted.held]) {
      await v.database.query(
        `UPDATE meldingen SET closed_at = now() - interval '19 months', created_at = now() - interval '20 months',
                period_start = date_trunc('month', now() - interval '20 months')::date WHERE id = $1`,
        [p.meldingId],
      );
      await v.database.query(
        `UPDATE signals SET signal_date = current_date - interval '20 months' WHERE id = $1`,
        [p.signalId],
      );
    }
    await v.database.query(`UPDATE meldingen SET created_at = now() - interval '7 months' WHERE id = $1`, [
      planted.untouched.meldingId,
    ]);
    await v.database.query(
      `UPDATE signals SET signal_date = current_date - interval '7 months' WHERE id = $1`,
      [planted.untouched.signalId],
    );
    const hold = await vera.request('PUT', `${API}/meldingen/${planted.held.meldingId}/bewaarplicht`, {
      reason: 'bezwaar',
    });
    expect(hold.statusCode, hold.body).toBe(200);
    expect(hold.json()).toMatchObject({ meldingId: planted.held.meldingId, reason: 'bezwaar' });
    // The melding itself shows the hold, so whoever opens it knows why it is kept.
    const detail = await vera.request('GET', `${API}/meldingen/${planted.held.meldingId}`);
    expect(detail.json().legalHold).toEqual({ reason: 'bezwaar', setAt: hold.json().setAt });

    // A file of 7 months ago: the line that became the untouched signal, and a quarantined line of nobody.
    orphanName = `Quarantainius-${tag}`;
    const [partner] = await v.database.query<{ id: string }>(
      'SELECT id FROM signal_partners WHERE municipality_id = $1 ORDER BY name LIMIT 1',
      [municipalityId],
    );
    const [imp] = await v.database.query<{ id: string }>(
      `INSERT INTO signal_imports (municipality_id, partner_id, file_name, file_sha256, file_size, file_format,
              column_mapping, status, uploaded_by_type, uploaded_by, created_at)
       VALUES ($1, $2, 'achterstanden.csv', $3, 100, 'csv', '{}', 'completed', 'user', 'test',
               now() - interval '7 months') RETURNING id`,
      [municipalityId, partner?.id, randomBytes(32).toString('hex')],
    );
    const u = planted.untouched;
    await v.database.query(
      `INSERT INTO signal_import_rows (import_id, row_number, outcome, signal_id, raw, errors) VALUES
         ($1, 1, 'accepted', $2, $3::jsonb, '[]'::jsonb),
         ($1, 2, 'quarantined', NULL, $4::jsonb, $5::jsonb)`,
      [
        imp?.id,
        u.signalId,
        JSON.stringify({ Achternaam: u.person.geslachtsnaam, Telefoon: u.values[4], BSN: u.person.bsn }),
        JSON.stringify({ Achternaam: orphanName, Postcode: '99XX' }),
        JSON.stringify([{ column: 'Postcode', code: 'invalid_postcode', message: `${orphanName}: 99XX` }]),
      ],
    );
    fingerprints = (
      await v.database.query<{ n: number }>('SELECT count(*)::int AS n FROM signal_fingerprints')
    )[0]?.n as number;
  }, 180_000);
  afterAll(async () => v?.close());

  it('counts the terms back in calendar months from the Dutch date', () => {
    expect(monthsBefore('2026-08-31', 6)).toBe('2026-02-28');
    expect(monthsBefore('2026-03-15', 18)).toBe('2024-09-15');
    expect(cutoffsFor('2026-11-26', { noContactMonths: 6, takenUpMonths: 12, closedMonths: 18 })).toEqual({
      noContact: '2026-05-26',
      takenUp: '2025-11-26',
      closed: '2025-05-26',
    });
  });

  it('finds every planted value before the run (the search looks in the right places)', async () => {
    const all = [planted.closed, planted.untouched].flatMap((p) => p.values);
    const found = await findAnywhere([...all, orphanName]);
    for (const x of [
      planted.closed.values[4],
      planted.closed.values[5],
      planted.closed.values[8],
      planted.closed.values[9],
      planted.untouched.values[6],
      orphanName,
    ]) {
      expect(
        found.some((f) => f.endsWith(`: ${x}`)),
        x,
      ).toBe(true);
    }
    // The e-mail went out with the resident's name in it, and the letter run is stored.
    expect(found.some((f) => f.startsWith('public.outreach_messages.body'))).toBe(true);
  });

  it('deletes every name, BSN, address and contact detail of the expired meldingen, and reports it', async () => {
    const res = await beheer.request('POST', `${API}/bewaartermijnen/uitvoeren`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({
      date: expect.any(String),
      terms: { noContactMonths: 6, closedMonths: 18 },
    });
    expect(report.meldingen).toBe(2);
    expect(report.signals).toBe(2);
    expect(report.held).toBe(1);
    expect(report.letterBatches).toBe(1);
    expect(report.messages).toBeGreaterThanOrEqual(2);
    expect(report.importRows).toBe(2);

    const leaks = await findAnywhere([...planted.closed.values, ...planted.untouched.values, orphanName]);
    expect(leaks).toEqual([]);

    // Held and recent meldingen keep their data.
    const kept = await findAnywhere([
      ...planted.held.values.slice(4, 8),
      ...planted.recent.values.slice(4, 8),
    ]);
    for (const x of [...planted.held.values.slice(4, 8), ...planted.recent.values.slice(4, 8)])
      expect(
        kept.some((f) => f.endsWith(`: ${x}`)),
        x,
      ).toBe(true);

    // The report is in the audit log, with counts and ids, never a name.
    const audit = await v.database.query<{ action: string; details: Record<string, number> }>(
      "SELECT action, details FROM audit_events WHERE action LIKE 'retention.%' ORDER BY id",
    );
    const reportRow = audit.find((a) => a.action === 'retention.report');
    expect(reportRow?.details).toMatchObject({ meldingen: 2, signals: 2, held: 1 });
    expect(audit.some((a) => a.action === 'retention.delete.meldingen')).toBe(true);
  });

  it('keeps what statistics and the look-back need, and the stored letters answer 410', async () => {
    const [m] = await v.database.query<{
      status: string;
      eindresultaat: string;
      address_fingerprint: string;
      personal_data_deleted_at: string | null;
      household_id: string | null;
    }>(
      'SELECT status, eindresultaat, address_fingerprint, personal_data_deleted_at, household_id FROM meldingen WHERE id = $1',
      [planted.closed.meldingId],
    );
    expect(m).toMatchObject({
      status: 'afgesloten',
      eindresultaat: 'Vervolghulp en/of verwijzing',
      household_id: null,
    });
    expect(m?.address_fingerprint.length).toBeGreaterThan(10);
    expect(m?.personal_data_deleted_at).not.toBeNull();
    const [s] = await v.database.query<{ amount_cents: string; ddas_status: string; signal_date: string }>(
      'SELECT amount_cents::text, ddas_status, signal_date::text FROM signals WHERE id = $1',
      [planted.closed.signalId],
    );
    expect(s).toMatchObject({ amount_cents: '61500', ddas_status: 'Opgepakt' });
    const attempts = await v.database.query<{ soort: string }>(
      'SELECT soort FROM contact_attempts WHERE melding_id = $1 ORDER BY soort',
      [planted.closed.meldingId],
    );
    expect(attempts.map((a) => a.soort)).toEqual(expect.arrayContaining(['Brief', 'Telefoon']));
    const [{ n } = { n: 0 }] = await v.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM signal_fingerprints',
    );
    expect(n).toBe(fingerprints);
    const pdf = await vera.request('GET', `${API}/briefbatches/${batchId}/pdf`);
    expect(pdf.statusCode).toBe(410);
  });

  it('deletes nothing more on a second run, and a lifted hold lets the term apply again', async () => {
    const again = await beheer.request('POST', `${API}/bewaartermijnen/uitvoeren`);
    expect(again.json()).toMatchObject({ meldingen: 0, signals: 0, messages: 0, importRows: 0, held: 1 });
    const lift = await vera.request('PUT', `${API}/meldingen/${planted.held.meldingId}/bewaarplicht`, {
      reason: null,
    });
    expect(lift.json()).toMatchObject({ reason: null, setAt: null });
    expect(
      (await vera.request('GET', `${API}/meldingen/${planted.held.meldingId}`)).json().legalHold,
    ).toBeNull();
    const third = await beheer.request('POST', `${API}/bewaartermijnen/uitvoeren`);
    expect(third.json()).toMatchObject({ meldingen: 1, held: 0 });
    expect(await findAnywhere(planted.held.values)).toEqual([]);
  });

  it('removes the waiting file of an import that never completed, once its term has passed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vangnet-retention-'));
    const [partner] = await v.database.query<{ id: string }>(
      'SELECT id FROM signal_partners WHERE municipality_id = $1 ORDER BY name LIMIT 1',
      [municipalityId],
    );
    const inserted = await v.database.query<{ id: string }>(
      `INSERT INTO signal_imports (municipality_id, partner_id, file_name, file_sha256, file_size, file_format,
              column_mapping, status, uploaded_by_type, uploaded_by, created_at)
       VALUES ($1, $2, 'mislukt.csv', $3, 10, 'csv', '{}', 'failed', 'user', 'test', now() - interval '8 months'),
              ($1, $2, 'bezig.csv', $4, 10, 'csv', '{}', 'failed', 'user', 'test', now())
       RETURNING id`,
      [municipalityId, partner?.id, randomBytes(32).toString('hex'), randomBytes(32).toString('hex')],
    );
    const [old, fresh] = inserted.map((r) => r.id) as [string, string];
    const storage = new ImportStorage(dir);
    writeFileSync(storage.pathOf(old), `Achternaam\n${orphanName}\n`);
    writeFileSync(storage.pathOf(fresh), 'Achternaam\nNieuw\n');
    await purgeExpiredData(
      v.database.orm,
      { actor: { type: 'system', name: 'test' }, municipalityId, requestId: 'test' },
      today,
      storage,
    );
    expect(existsSync(storage.pathOf(old))).toBe(false);
    expect(existsSync(storage.pathOf(fresh))).toBe(true);
  });

  it('keeps the terms per municipality, refuses nonsense, and only the beheerder sets them', async () => {
    expect((await beheer.request('GET', `${API}/bewaartermijnen`)).json()).toEqual({
      noContactMonths: 6,
      takenUpMonths: 12,
      closedMonths: 18,
    });
    const bad = await beheer.request('PUT', `${API}/bewaartermijnen`, {
      noContactMonths: 12,
      takenUpMonths: 6,
      closedMonths: 18,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams[0]).toMatchObject({
      name: 'body.takenUpMonths',
      code: 'below_no_contact',
    });
    const ok = await beheer.request('PUT', `${API}/bewaartermijnen`, {
      noContactMonths: 3,
      takenUpMonths: 12,
      closedMonths: 24,
    });
    expect(ok.statusCode).toBe(200);
    expect((await beheer.request('GET', `${API}/bewaartermijnen`)).json().noContactMonths).toBe(3);
    expect((await vera.request('PUT', `${API}/bewaartermijnen`, ok.json())).statusCode).toBe(403);
    expect((await vera.request('POST', `${API}/bewaartermijnen/uitvoeren`)).statusCode).toBe(403);
    // A legal hold on a melding of another municipality (or none) is 404.
    const none = await vera.request('PUT', `${API}/meldingen/${randomUUID()}/bewaarplicht`, {
      reason: 'klacht',
    });
    expect(none.statusCode).toBe(404);
  });
});
