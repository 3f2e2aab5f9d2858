import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Orm } from '../../../db/client.ts';
import { meldingen, ruleSets, signalPartners, signals, workQueues } from '../../../db/schema.ts';
import type { KeyTuple } from '../../../http/cursor.ts';

export type MeldingFilter = {
  municipalityId: string;
  status?: 'open' | 'in_behandeling' | 'afgesloten';
  queueId?: string;
  wijkId?: string;
  partnerTypes?: string[];
  minAmountCents?: number;
  maxAmountCents?: number;
  minAge?: number;
  maxAge?: number;
  flags?: string[];
  sort: 'priority' | 'deadline' | 'amount';
  after?: KeyTuple;
  limit: number;
};

const FLAG_COLUMNS = {
  crisis: meldingen.isCrisis,
  meervoudig: meldingen.meervoudig,
  opeenvolgend: meldingen.opeenvolgend,
  enkelvoudig: meldingen.enkelvoudig,
  knownToShv: meldingen.knownToShv,
  minorChildren: meldingen.hasMinorChildren,
} as const;

/** Sort columns per order; the id is always last so that the keyset is unique. */
export function sortKeyOf(sort: MeldingFilter['sort'], m: typeof meldingen.$inferSelect): KeyTuple {
  if (sort === 'amount') return [m.totalAmountCents, m.id];
  if (sort === 'deadline') return [m.deadline ?? '9999-12-31', m.priority, m.id];
  return [m.priority, m.deadline ?? '9999-12-31', m.id];
}

export async function listMeldingen(tx: Orm, f: MeldingFilter) {
  const where: (SQL | undefined)[] = [eq(meldingen.municipalityId, f.municipalityId)];
  if (f.status) where.push(eq(meldingen.status, f.status));
  if (f.queueId) where.push(eq(meldingen.queueId, f.queueId));
  if (f.wijkId) where.push(eq(meldingen.wijkId, f.wijkId));
  if (f.partnerTypes?.length)
    where.push(sql`${meldingen.partnerTypes} && ${sql.param(f.partnerTypes)}::text[]`);
  if (f.minAmountCents !== undefined) where.push(gte(meldingen.totalAmountCents, f.minAmountCents));
  if (f.maxAmountCents !== undefined) where.push(lte(meldingen.totalAmountCents, f.maxAmountCents));
  // An age filter selects households with an adult in the band.
  if (f.minAge !== undefined) where.push(gte(meldingen.oldestAdultAge, f.minAge));
  if (f.maxAge !== undefined) where.push(lte(meldingen.youngestAdultAge, f.maxAge));
  for (const flag of f.flags ?? []) {
    const column = FLAG_COLUMNS[flag as keyof typeof FLAG_COLUMNS];
    if (column) where.push(eq(column, true));
  }
  // Prioritisation always sets a deadline; the plain column (not an expression) lets the list index give the order.
  const deadline = meldingen.deadline;
  if (f.after) {
    const a = f.after;
    if (f.sort === 'amount')
      where.push(sql`(${meldingen.totalAmountCents}, ${meldingen.id}) < (${a[0]}, ${a[1]}::uuid)`);
    else if (f.sort === 'deadline')
      where.push(
        sql`(${deadline}, ${meldingen.priority}, ${meldingen.id}) > (${a[0]}::date, ${a[1]}, ${a[2]}::uuid)`,
      );
    else
      where.push(
        sql`(${meldingen.priority}, ${deadline}, ${meldingen.id}) > (${a[0]}, ${a[1]}::date, ${a[2]}::uuid)`,
      );
  }
  const order =
    f.sort === 'amount'
      ? [desc(meldingen.totalAmountCents), desc(meldingen.id)]
      : f.sort === 'deadline'
        ? [asc(deadline), asc(meldingen.priority), asc(meldingen.id)]
        : [asc(meldingen.priority), asc(deadline), asc(meldingen.id)];
  return tx
    .select({ melding: meldingen, queueName: workQueues.name })
    .from(meldingen)
    .leftJoin(workQueues, eq(workQueues.id, meldingen.queueId))
    .where(and(...where))
    .orderBy(...order)
    .limit(f.limit);
}

export async function findMelding(tx: Orm, municipalityId: string, id: string) {
  const [row] = await tx
    .select({ melding: meldingen, queueName: workQueues.name, ruleVersion: ruleSets.version })
    .from(meldingen)
    .leftJoin(workQueues, eq(workQueues.id, meldingen.queueId))
    .leftJoin(ruleSets, eq(ruleSets.id, meldingen.ruleSetId))
    .where(and(eq(meldingen.municipalityId, municipalityId), eq(meldingen.id, id)))
    .limit(1);
  return row;
}

export async function findSignalsWithPartner(tx: Orm, municipalityId: string, where: SQL) {
  return tx
    .select({ signal: signals, partnerName: signalPartners.name, partnerType: signalPartners.partnerType })
    .from(signals)
    .leftJoin(signalPartners, eq(signalPartners.id, signals.partnerId))
    .where(and(eq(signals.municipalityId, municipalityId), where))
    .orderBy(desc(signals.signalDate), asc(signals.id));
}

export function signalsOfMelding(tx: Orm, municipalityId: string, meldingId: string) {
  return findSignalsWithPartner(tx, municipalityId, eq(signals.meldingId, meldingId));
}

export async function signalById(tx: Orm, municipalityId: string, id: string) {
  const [row] = await findSignalsWithPartner(tx, municipalityId, eq(signals.id, id));
  return row;
}

/** Signals that wait for a person to match them by hand, oldest first. */
export async function matchingQueue(tx: Orm, municipalityId: string, limit: number, after?: KeyTuple) {
  const conditions: SQL[] = [inArray(signals.matchStatus, ['not_found', 'ambiguous', 'business'])];
  if (after)
    conditions.push(sql`(${signals.signalDate}, ${signals.id}) > (${after[0]}::date, ${after[1]}::uuid)`);
  return tx
    .select({ signal: signals, partnerName: signalPartners.name, partnerType: signalPartners.partnerType })
    .from(signals)
    .leftJoin(signalPartners, eq(signalPartners.id, signals.partnerId))
    .where(and(eq(signals.municipalityId, municipalityId), ...conditions))
    .orderBy(asc(signals.signalDate), asc(signals.id))
    .limit(limit);
}

export async function setManualMatch(
  tx: Orm,
  id: string,
  patch: {
    matchStatus: 'matched' | 'not_found';
    personId: string | null;
    householdId: string | null;
    matchedBy: string;
  },
) {
  await tx
    .update(signals)
    .set({
      matchStatus: patch.matchStatus,
      personId: patch.personId,
      householdId: patch.householdId,
      matchedBy: patch.matchedBy,
      matchedAt: new Date(),
      matchReasons: ['manual'],
    })
    .where(eq(signals.id, id));
}
