import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../test/harness.ts';
import { DDAS_EINDRESULTATEN } from '../../../shared/ddas.ts';
import type { Vangnet } from '../../server.ts';

const API = '/api/v1';
// More open meldingen than one statement can take bind parameters (65,535).
const MANY = 70_000;

describe('a new afwegingskader re-prioritises every open melding', () => {
  let v: Vangnet;
  let beheer: TestClient;
  let municipalityId: string;

  beforeAll(async () => {
    v = await startTestApp();
    beheer = new TestClient(v.app);
    await beheer.login('vroegsignalering@voorbeeldstad.demo');
    const [m] = await v.database.query<{ id: string }>(
      "SELECT id FROM municipalities WHERE cbs_code = '9901'",
    );
    municipalityId = m?.id ?? '';
    // Bare meldingen (no signals yet) are enough: the rules still place each one in a queue with a priority.
    await v.database.query(
      `INSERT INTO meldingen (municipality_id, address_fingerprint, period_start)
       SELECT $1, 'bulk-' || g, current_date FROM generate_series(1, ${MANY}) g`,
      [municipalityId],
    );
    await v.database.query(
      `INSERT INTO meldingen (municipality_id, address_fingerprint, period_start, status, eindresultaat)
       VALUES ($1, 'closed-1', current_date, 'afgesloten', $2)`,
      [municipalityId, DDAS_EINDRESULTATEN[0]],
    );
  }, 120_000);
  afterAll(async () => v?.close());

  it(`previews and saves with ${MANY} open meldingen, and stamps each with the new version`, async () => {
    const current = await beheer.request('GET', `${API}/afwegingskader`);
    expect(current.statusCode).toBe(200);
    const definition = current.json().active.definition;
    const [open] = await v.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM meldingen WHERE municipality_id = $1 AND status <> 'afgesloten'",
      [municipalityId],
    );
    expect(open?.n).toBeGreaterThanOrEqual(MANY);

    const preview = await beheer.request('POST', `${API}/afwegingskader/voorbeeld`, { definition });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().total).toBe(open?.n);

    const saved = await beheer.request('PUT', `${API}/afwegingskader`, { definition });
    expect(saved.statusCode).toBe(200);
    const { id, reprioritised } = saved.json();
    expect(reprioritised).toBe(open?.n);
    const stamped = await v.database.query<{ rule_set_id: string | null; status: string; n: number }>(
      `SELECT rule_set_id, status, count(*)::int AS n FROM meldingen WHERE municipality_id = $1
        GROUP BY 1, 2 ORDER BY 2`,
      [municipalityId],
    );
    // Every open melding carries the new version and a queue; the closed one is left as it was.
    const openRows = stamped.filter((r) => r.status !== 'afgesloten');
    expect(openRows).toEqual([{ rule_set_id: id, status: 'open', n: open?.n }]);
    expect(stamped.find((r) => r.status === 'afgesloten')?.rule_set_id).not.toBe(id);
    const [unqueued] = await v.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM meldingen WHERE municipality_id = $1 AND status <> 'afgesloten' AND queue_id IS NULL",
      [municipalityId],
    );
    expect(unqueued?.n).toBe(0);
    const audit = await v.database.query<{ details: { reprioritised: number } }>(
      "SELECT details FROM audit_events WHERE action = 'rule_set.activate' AND $1 = ANY(subject_ids)",
      [id],
    );
    expect(audit.map((a) => a.details.reprioritised)).toEqual([open?.n]);
  }, 300_000);
});
