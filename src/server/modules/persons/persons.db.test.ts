import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../test/harness.ts';
import type { Vangnet } from '../../server.ts';

type Row = {
  id: string;
  bsn: string;
  household_id: string;
  postcode: string;
  huisnummer: number;
  municipality: string;
};

describe('BRP lookups (persons and households)', () => {
  let v: Vangnet;
  let local: Row;
  let foreign: Row;
  let worker: TestClient;

  beforeAll(async () => {
    v = await startTestApp();
    const rows = await v.database.query<Row>(
      `SELECT p.id, p.bsn, p.household_id, a.postcode, a.huisnummer, m.name AS municipality
         FROM persons p JOIN addresses a ON a.id = p.address_id JOIN municipalities m ON m.id = p.municipality_id
        ORDER BY p.bsn`,
    );
    local = rows.find((r) => r.municipality === 'Voorbeeldstad') as Row;
    foreign = rows.find((r) => r.municipality === 'Dorpsveld') as Row;
    worker = new TestClient(v.app);
    await worker.login('schuldhulp@voorbeeldstad.demo');
  });
  afterAll(async () => v?.close());

  it('finds a resident by BSN (in the body) and logs the lookup with the subject', async () => {
    const res = await worker.request('POST', '/api/v1/personen/zoeken', { bsn: local.bsn });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((p: { id: string }) => p.id)).toEqual([local.id]);
    expect(res.json().items[0].bsn).toBe(local.bsn);
    const audit = await v.database.query<{ subject_ids: string[]; purpose: string }>(
      "SELECT subject_ids, purpose FROM audit_events WHERE action = 'persons.search' ORDER BY id DESC LIMIT 1",
    );
    expect(audit[0]?.subject_ids).toEqual([local.id]);
    expect(audit[0]?.purpose).toBe('raadplegen-brp');
  });

  it('finds residents by postcode and huisnummer, normalising the postcode', async () => {
    const spaced = `${local.postcode.slice(0, 4)} ${local.postcode.slice(4).toLowerCase()}`;
    const res = await worker.request('POST', '/api/v1/personen/zoeken', {
      postcode: spaced,
      huisnummer: local.huisnummer,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((p: { id: string }) => p.id)).toContain(local.id);
  });

  it('rejects an invalid BSN with a field-level problem', async () => {
    const res = await worker.request('POST', '/api/v1/personen/zoeken', { bsn: '123456789' });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams[0]).toMatchObject({ name: 'body.bsn' });
  });

  it('does not find residents of another municipality', async () => {
    const byBsn = await worker.request('POST', '/api/v1/personen/zoeken', { bsn: foreign.bsn });
    expect(byBsn.json().items).toEqual([]);
    expect((await worker.request('GET', `/api/v1/personen/${foreign.id}`)).statusCode).toBe(404);
    expect((await worker.request('GET', `/api/v1/huishoudens/${foreign.household_id}`)).statusCode).toBe(404);
  });

  it('shows a household with its members and logs the read', async () => {
    const res = await worker.request('GET', `/api/v1/huishoudens/${local.household_id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().members.map((m: { id: string }) => m.id)).toContain(local.id);
    const audit = await v.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'households.read' AND $1 = ANY(subject_ids)",
      [local.id],
    );
    expect(audit[0]?.n).toBe(1);
  });

  it('never lets a volunteer search the BRP or see a resident they are not matched to', async () => {
    const volunteer = new TestClient(v.app);
    await volunteer.login('vrijwilliger@voorbeeldstad.demo');
    expect((await volunteer.request('POST', '/api/v1/personen/zoeken', { bsn: local.bsn })).statusCode).toBe(
      403,
    );
    const res = await volunteer.request('GET', `/api/v1/personen/${local.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(local.bsn);
  });

  it('refuses the policy adviser, who sees aggregates only', async () => {
    const beleid = new TestClient(v.app);
    await beleid.login('beleid@voorbeeldstad.demo');
    expect((await beleid.request('GET', `/api/v1/personen/${local.id}`)).statusCode).toBe(403);
  });
});
