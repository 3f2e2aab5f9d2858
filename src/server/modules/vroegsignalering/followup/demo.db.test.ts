import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../../test/harness.ts';
import { DDAS_CONTACTSOORTEN, DDAS_EINDRESULTATEN } from '../../../../shared/ddas.ts';
import { addresses, householdCases, quickFixChecks } from '../../../db/schema.ts';
import type { Vangnet } from '../../../server.ts';
import * as meldingRepo from '../meldingen/repository.ts';
import * as repo from './repository.ts';

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
  // The melding view reads its lists as JSON in one statement: they must equal what the single-purpose queries
  // (drizzle selects) return, field by field and type by type, for every kind of melding the demo has.
  it('the view bundle equals the separate queries on every demo melding', async () => {
    const orm = v.database.orm;
    const rows = await v.database.query<{ id: string; municipality_id: string }>(
      'SELECT id, municipality_id FROM meldingen ORDER BY id',
    );
    expect(rows.length).toBeGreaterThan(20);
    const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    const seen = {
      address: 0,
      openCase: 0,
      quickFix: 0,
      queue: 0,
      assignee: 0,
      signals: 0,
      attempts: 0,
      actions: 0,
      handovers: 0,
      earlier: 0,
      debtHelp: 0,
      names: 0,
    };
    for (const { id, municipality_id: mid } of rows) {
      const b = await repo.findWorkForView(orm, mid, id);
      if (!b) throw new Error(`melding ${id} not found`);
      const m = b.melding;
      const signals = await meldingRepo.signalsOfMelding(orm, mid, id);
      const attempts = await repo.contactAttemptsOf(orm, mid, id);
      const actions = await repo.plannedActionsOf(orm, mid, id);
      const handovers = await repo.handoversOf(orm, mid, id);
      const earlier = await repo.earlierMeldingen(orm, mid, m);
      const debtHelp = b.openCase && m.householdId ? await repo.debtHelpOfCase(orm, mid, b.openCase.id) : [];
      const names = await repo.userNames(orm, [
        m.assignedTo,
        m.closedBy,
        ...attempts.map((a) => a.createdBy),
        ...actions.map((a) => a.assignedTo),
        ...handovers.map((h) => h.createdBy),
        b.quickFix?.assignedTo ?? null,
        b.openCase?.regisseurId ?? null,
      ]);
      // The melding and what exists at most once per melding, as the joins of findWork and plain selects read them.
      const work = await repo.findWork(orm, mid, id);
      const { melding, queueName, assigneeName, firstContactOn, firstReachedOn, ruleVersion } = b;
      expect({ melding, queueName, assigneeName, firstContactOn, firstReachedOn, ruleVersion }).toEqual(work);
      expect(b.settings).toEqual((await repo.findSettings(orm, mid)) ?? null);
      const [address] = m.addressId
        ? await orm
            .select()
            .from(addresses)
            .where(and(eq(addresses.municipalityId, mid), eq(addresses.id, m.addressId)))
        : [];
      expect(b.address).toEqual(address ?? null);
      const [openCase] = m.householdId
        ? await orm
            .select()
            .from(householdCases)
            .where(
              and(
                eq(householdCases.municipalityId, mid),
                eq(householdCases.householdId, m.householdId),
                eq(householdCases.status, 'open'),
              ),
            )
        : [];
      expect(b.openCase).toEqual(openCase ?? null);
      const [quickFix] = await orm
        .select()
        .from(quickFixChecks)
        .where(and(eq(quickFixChecks.municipalityId, mid), eq(quickFixChecks.meldingId, id)));
      expect(b.quickFix).toEqual(quickFix ?? null);
      const sigKey = (x: (typeof signals)[number]) => x.signal.id;
      expect([...b.signals].sort((x, y) => sigKey(x).localeCompare(sigKey(y)))).toEqual(
        [...signals].sort((x, y) => sigKey(x).localeCompare(sigKey(y))),
      );
      expect(byId(b.attempts)).toEqual(byId(attempts));
      expect(byId(b.actions)).toEqual(byId(actions));
      expect(byId(b.handovers)).toEqual(byId(handovers));
      expect(byId(b.earlier)).toEqual(byId(earlier));
      expect(byId(b.openCaseDebtHelp)).toEqual(byId(debtHelp));
      expect(b.names).toEqual(names);
      // The order of each list follows its ORDER BY (ties may come in any order, as before).
      expect(b.signals.map((x) => x.signal.signalDate)).toEqual(signals.map((x) => x.signal.signalDate));
      expect(b.attempts.map((x) => x.datum)).toEqual(attempts.map((x) => x.datum));
      expect(b.actions.map((x) => x.plannedFor)).toEqual(actions.map((x) => x.plannedFor));
      expect(b.earlier.map((x) => x.id)).toEqual(earlier.map((x) => x.id));
      seen.address += b.address ? 1 : 0;
      seen.openCase += b.openCase ? 1 : 0;
      seen.quickFix += b.quickFix ? 1 : 0;
      seen.queue += b.queueName ? 1 : 0;
      seen.assignee += b.assigneeName ? 1 : 0;
      seen.signals += b.signals.length;
      seen.attempts += b.attempts.length;
      seen.actions += b.actions.length;
      seen.handovers += b.handovers.length;
      seen.earlier += b.earlier.length;
      seen.debtHelp += b.openCaseDebtHelp.length;
      seen.names += b.names.size;
    }
    // Every list was compared on real rows, not only on empty ones.
    for (const n of Object.values(seen)) expect(n).toBeGreaterThan(0);
  }, 300_000);
});
