import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../../test/harness.ts';
import { DDAS_CONTACTSOORTEN, DDAS_EINDRESULTATEN } from '../../../../shared/ddas.ts';
import type { Vangnet } from '../../../server.ts';

describe('demo follow-up data', () => {
  let v: Vangnet;
  beforeAll(async () => {
    v = await startTestApp({ demoSignals: true, demoInhabitants: 3000 });
  }, 300_000);
  afterAll(async () => v?.close());

  it('covers every state: untouched, in progress with every contact kind, closed with each result, overdue, handed over', async () => {
    const q = async (sql: string) => v.database.query<Record<string, unknown>>(sql);
    const statuses = (
      await q(`SELECT DISTINCT status FROM meldingen m JOIN municipalities g ON g.id = m.municipality_id
      WHERE g.cbs_code = '9901'`)
    ).map((r) => r.status);
    expect(statuses.sort()).toEqual(['afgesloten', 'in_behandeling', 'open']);
    const results = (
      await q('SELECT DISTINCT eindresultaat FROM meldingen WHERE eindresultaat IS NOT NULL')
    ).map((r) => r.eindresultaat);
    expect(results.sort()).toEqual([...DDAS_EINDRESULTATEN].sort());
    const kinds = (await q('SELECT DISTINCT soort FROM contact_attempts')).map((r) => r.soort);
    expect(kinds.sort()).toEqual([...DDAS_CONTACTSOORTEN].sort());
    const handovers = (await q('SELECT DISTINCT kind FROM melding_handovers')).map((r) => r.kind);
    expect(handovers.sort()).toEqual(['extern', 'regisseur', 'schuldhulp']);
    const [untouched] = await q(
      "SELECT count(*)::int AS n FROM meldingen WHERE status = 'open' AND assigned_to IS NULL",
    );
    expect(Number(untouched?.n)).toBeGreaterThan(0);
    const [overdue] = await q(
      "SELECT count(*)::int AS n FROM meldingen WHERE status <> 'afgesloten' AND first_contact_on IS NULL AND created_at < now() - interval '20 days'",
    );
    expect(Number(overdue?.n)).toBeGreaterThan(0);
    const [visits] = await q(
      "SELECT count(*)::int AS n FROM planned_actions WHERE kind = 'huisbezoek' AND status = 'gepland'",
    );
    expect(Number(visits?.n)).toBeGreaterThan(0);
    const [checks] = await q('SELECT count(*)::int AS n FROM quick_fix_checks');
    expect(Number(checks?.n)).toBeGreaterThan(0);
  }, 60_000);
});
