// What the API shows of scan runs and the outreach list. Only roles with niet_gebruik:read reach these (all of them
// see personal data with a second factor); a BSN is never part of the list: name and address suffice for contact.
import type { OutreachItem, ScanRun } from '../../../shared/schemas/berekeningen.ts';
import type { ResultRow, RunRow } from './repository.ts';
import { naamVan } from './rules/scan-teksten.ts';

export function presentRun(r: RunRow): ScanRun {
  return {
    id: r.id,
    peildatum: r.peildatum,
    gestartOp: new Date(r.started_at).toISOString(),
    klaarOp: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    huishoudens: r.households,
    huishoudensMetKansen: r.households_with_hits,
    totaalPerJaar: Number(r.total_yearly_cents) / 100,
  };
}

export function presentResult(r: ResultRow, schemeNames: ReadonlyMap<string, string>): OutreachItem {
  return {
    householdId: r.household_id,
    naam: r.naam ?? '',
    adres: r.adres ?? '',
    kansen: r.kansen.map((k) => ({
      voorziening: k.v,
      regelingId: k.r,
      naam: naamVan(k.v, k.r ? schemeNames.get(k.r) : null),
      bedragPerMaand: k.m / 100,
      bedragPerJaar: k.y / 100,
    })),
    totaalPerMaand: Number(r.total_monthly_cents) / 100,
    totaalPerJaar: Number(r.total_yearly_cents) / 100,
  };
}
