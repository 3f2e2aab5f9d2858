import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  inArray,
  isNotNull,
  isNull,
  lte,
  ne,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { AnyPgTable } from 'drizzle-orm/pg-core';
import type { DdasSignaalstatus } from '../../../../shared/ddas.ts';
import type { FollowupSettings } from '../../../../shared/schemas/followup.ts';
import type { Orm } from '../../../db/client.ts';
import { selectNamed } from '../../../db/named.ts';
import {
  addresses,
  contactAttempts,
  debtHelpRequests,
  followupSettings,
  householdCases,
  meldingen,
  meldingHandovers,
  memberships,
  municipalities,
  plannedActions,
  quickFixChecks,
  ruleSets,
  signals,
  users,
  workQueues,
} from '../../../db/schema.ts';
import type { KeyTuple } from '../../../http/cursor.ts';
import type { DeadlineCutoffs } from './deadlines.ts';

// Every function takes the municipality id and filters on it: a row of another municipality is never found.

export type MeldingRow = typeof meldingen.$inferSelect;

export type WorkRow = {
  melding: MeldingRow;
  queueName: string | null;
  assigneeName: string | null;
  firstContactOn: string | null;
  firstReachedOn: string | null;
};

// first_contact_on and first_reached_on (migration 0005) are not in the shared drizzle definition of meldingen.
const workSelection = {
  melding: meldingen,
  queueName: workQueues.name,
  assigneeName: users.displayName,
  firstContactOn: sql<string | null>`to_char(${meldingen}.first_contact_on, 'YYYY-MM-DD')`,
  firstReachedOn: sql<string | null>`to_char(${meldingen}.first_reached_on, 'YYYY-MM-DD')`,
};

// --- Settings ----------------------------------------------------------------------------------------------

export async function findSettings(tx: Orm, municipalityId: string) {
  const [row] = await tx
    .select()
    .from(followupSettings)
    .where(eq(followupSettings.municipalityId, municipalityId))
    .limit(1);
  return row;
}

export async function upsertSettings(
  tx: Orm,
  municipalityId: string,
  values: FollowupSettings,
  userId: string | null,
): Promise<void> {
  const row = { ...values, updatedAt: new Date(), updatedBy: userId };
  await tx
    .insert(followupSettings)
    .values({ municipalityId, ...row })
    .onConflictDoUpdate({ target: followupSettings.municipalityId, set: row });
}

// --- Work lists --------------------------------------------------------------------------------------------

export type WorkFilter = {
  municipalityId: string;
  userId: string;
  status: 'actief' | 'open' | 'in_behandeling' | 'afgesloten';
  queueId?: string;
  teamId?: string;
  wijkId?: string;
  assigned?: 'me' | 'none' | 'anyone';
  assigneeId?: string;
  deadline?: 'overdue' | 'due_soon';
  flags?: string[];
  sort: 'priority' | 'deadline' | 'amount';
  after?: KeyTuple;
  limit: number;
};

const FLAG_COLUMNS = {
  crisis: meldingen.isCrisis,
  meervoudig: meldingen.meervoudig,
  opeenvolgend: meldingen.opeenvolgend,
  knownToShv: meldingen.knownToShv,
  minorChildren: meldingen.hasMinorChildren,
} as const;

// The first instant of a Dutch calendar day: creation days are Dutch days (the presenter counts them so too).
const dutchMidnight = (day: string) => sql`(${day}::date::timestamp AT TIME ZONE 'Europe/Amsterdam')`;

/**
 * Meldingen past (or nearly past) a deadline, as a condition on the plain columns: the holiday calendar was turned
 * into creation-day cut-offs beforehand (deadlines.ts), so this needs no calendar in SQL.
 */
export function deadlineCondition(c: DeadlineCutoffs, which: 'overdue' | 'due_soon'): SQL {
  const contact = which === 'overdue' ? c.contactOverdueBefore : c.contactDueSoonBefore;
  const analysis = which === 'overdue' ? c.analysisOverdueBefore : c.analysisDueSoonBefore;
  const ruleDeadline =
    which === 'overdue'
      ? sql`${meldingen.deadline} < ${c.today}::date`
      : sql`${meldingen.deadline} <= ${c.soonLimit}::date`;
  return sql`(${meldingen.status} <> 'afgesloten' AND (
    (${meldingen}.first_contact_on IS NULL AND (${ruleDeadline}
      OR (${meldingen.isCrisis} AND ${meldingen.createdAt} < ${dutchMidnight(contact.crisis)})
      OR (NOT ${meldingen.isCrisis} AND ${meldingen.createdAt} < ${dutchMidnight(contact.regular)})))
    OR (${meldingen}.first_reached_on IS NULL AND ${meldingen.createdAt} < ${dutchMidnight(analysis)})))`;
}

export function sortKeyOf(sort: WorkFilter['sort'], m: MeldingRow): KeyTuple {
  if (sort === 'amount') return [m.totalAmountCents, m.id];
  if (sort === 'deadline') return [m.deadline ?? '9999-12-31', m.priority, m.id];
  return [m.priority, m.deadline ?? '9999-12-31', m.id];
}

export async function listWork(tx: Orm, f: WorkFilter, cutoffs: DeadlineCutoffs): Promise<WorkRow[]> {
  const where: (SQL | undefined)[] = [eq(meldingen.municipalityId, f.municipalityId)];
  // A literal, not a parameter: the partial indexes of the active meldingen are chosen on it.
  if (f.status === 'actief') where.push(sql`${meldingen.status} <> 'afgesloten'`);
  else where.push(eq(meldingen.status, f.status));
  if (f.queueId) where.push(eq(meldingen.queueId, f.queueId));
  if (f.teamId) where.push(eq(meldingen.teamId, f.teamId));
  if (f.wijkId) where.push(eq(meldingen.wijkId, f.wijkId));
  if (f.assigned === 'me') where.push(eq(meldingen.assignedTo, f.userId));
  else if (f.assigned === 'none') where.push(isNull(meldingen.assignedTo));
  else if (f.assigned === 'anyone') where.push(isNotNull(meldingen.assignedTo));
  if (f.assigneeId) where.push(eq(meldingen.assignedTo, f.assigneeId));
  if (f.deadline) where.push(deadlineCondition(cutoffs, f.deadline));
  for (const flag of f.flags ?? []) {
    const column = FLAG_COLUMNS[flag as keyof typeof FLAG_COLUMNS];
    if (column) where.push(eq(column, true));
  }
  if (f.after) {
    const a = f.after;
    if (f.sort === 'amount')
      where.push(sql`(${meldingen.totalAmountCents}, ${meldingen.id}) < (${a[0]}, ${a[1]}::uuid)`);
    else if (f.sort === 'deadline')
      where.push(
        sql`(${meldingen.deadline}, ${meldingen.priority}, ${meldingen.id}) > (${a[0]}::date, ${a[1]}, ${a[2]}::uuid)`,
      );
    else
      where.push(
        sql`(${meldingen.priority}, ${meldingen.deadline}, ${meldingen.id}) > (${a[0]}, ${a[1]}::date, ${a[2]}::uuid)`,
      );
  }
  const order =
    f.sort === 'amount'
      ? [desc(meldingen.totalAmountCents), desc(meldingen.id)]
      : f.sort === 'deadline'
        ? [asc(meldingen.deadline), asc(meldingen.priority), asc(meldingen.id)]
        : [asc(meldingen.priority), asc(meldingen.deadline), asc(meldingen.id)];
  return tx
    .select(workSelection)
    .from(meldingen)
    .leftJoin(workQueues, eq(workQueues.id, meldingen.queueId))
    .leftJoin(users, eq(users.id, meldingen.assignedTo))
    .where(and(...where))
    .orderBy(...order)
    .limit(f.limit);
}

export async function findWork(tx: Orm, municipalityId: string, id: string) {
  const [row] = await tx
    .select({ ...workSelection, ruleVersion: ruleSets.version })
    .from(meldingen)
    .leftJoin(workQueues, eq(workQueues.id, meldingen.queueId))
    .leftJoin(users, eq(users.id, meldingen.assignedTo))
    .leftJoin(ruleSets, eq(ruleSets.id, meldingen.ruleSetId))
    .where(and(eq(meldingen.municipalityId, municipalityId), eq(meldingen.id, id)))
    .limit(1);
  return row;
}

/** A JSON array of the rows of a subquery, in its ORDER BY. */
const jsonRows = (q: SQL) => sql`(SELECT coalesce(json_agg(t), '[]'::json) FROM (${q}) t)`;

/**
 * Rows of `table` that came back as JSON objects (snake_case keys, JSON scalars): each column goes through drizzle's
 * own driver mapping, so they equal what a drizzle select of the table returns (Date for timestamps, strings for
 * dates, parsed jsonb).
 */
function rowsFromJson<T extends AnyPgTable>(table: T, rows: Record<string, unknown>[]): T['$inferSelect'][] {
  const columns = Object.entries(getTableColumns(table));
  return rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [field, column] of columns) {
      const v = r[column.name];
      out[field] = v === null || v === undefined ? null : column.mapFromDriverValue(v);
    }
    return out as T['$inferSelect'];
  });
}

// The subqueries below read the melding of the outer query's row. Its tables are written by hand ("meldingen".id):
// drizzle writes ${meldingen.id} in a select list as a bare "id", which inside a subquery means the inner table's.
const M = sql`${meldingen}`;
const ofThisMelding = (alias: string) =>
  sql.raw(`${alias}.municipality_id = "meldingen".municipality_id AND ${alias}.melding_id = "meldingen".id`);

const viewSignalsSql = sql`SELECT s.*, sp.name AS "view:partner_name", sp.partner_type AS "view:partner_type"
    FROM signals s LEFT JOIN signal_partners sp ON sp.id = s.partner_id
   WHERE ${ofThisMelding('s')} ORDER BY s.signal_date DESC, s.id ASC`;
const viewAttemptsSql = sql`SELECT * FROM contact_attempts c WHERE ${ofThisMelding('c')}
   ORDER BY c.datum DESC, c.created_at DESC`;
const viewActionsSql = sql`SELECT * FROM planned_actions a WHERE ${ofThisMelding('a')}
   ORDER BY a.planned_for ASC, a.created_at ASC`;
const viewHandoversSql = sql`SELECT * FROM melding_handovers h WHERE ${ofThisMelding('h')} ORDER BY h.created_at ASC`;
// At most one open case per household (household_cases_one_open_idx), one check per melding (UNIQUE).
const openCaseSql = sql`SELECT * FROM household_cases hc WHERE hc.municipality_id = ${M}.municipality_id
   AND hc.household_id = ${M}.household_id AND hc.status = 'open' LIMIT 1`;
const quickFixSql = sql`SELECT * FROM quick_fix_checks q WHERE ${ofThisMelding('q')} LIMIT 1`;
const viewDebtHelpSql = sql`SELECT * FROM debt_help_requests d
   WHERE d.municipality_id = ${M}.municipality_id AND d.household_case_id = (SELECT t.id FROM (${openCaseSql}) t)
   ORDER BY d.requested_on DESC`;
const earlierAttempts = sql.raw(
  'contact_attempts c WHERE c.melding_id = e.id AND c.municipality_id = e.municipality_id',
);
// As earlierMeldingen, for the outer row.
const viewEarlierSql = sql`SELECT e.id, e.period_start, e.status, e.eindresultaat, e.closed_at,
       (SELECT count(*)::int FROM ${earlierAttempts}) AS contact_attempts,
       (SELECT to_char(max(c.datum), 'YYYY-MM-DD') FROM ${earlierAttempts}) AS last_contact,
       EXISTS (SELECT 1 FROM ${earlierAttempts} AND c.bereikt) AS reached
  FROM meldingen e
 WHERE e.municipality_id = ${M}.municipality_id AND e.address_fingerprint = ${M}.address_fingerprint
   AND e.id <> ${M}.id
 ORDER BY e.period_start DESC, e.id DESC LIMIT 10`;
// The names of everyone the view names: the melding's handler and closer, the attempts' and handovers' authors,
// the actions' and the quick-fix check's assignees, the open case's regisseur.
const viewNamesSql = sql`(SELECT coalesce(json_object_agg(u.id, u.display_name), '{}'::json) FROM users u
   WHERE u.id IN (SELECT ${M}.assigned_to UNION ALL SELECT ${M}.closed_by
     UNION ALL SELECT t.assigned_to FROM (${quickFixSql}) t UNION ALL SELECT t.regisseur_id FROM (${openCaseSql}) t
     UNION ALL SELECT c.created_by FROM contact_attempts c WHERE ${ofThisMelding('c')}
     UNION ALL SELECT a.assigned_to FROM planned_actions a WHERE ${ofThisMelding('a')}
     UNION ALL SELECT h.created_by FROM melding_handovers h WHERE ${ofThisMelding('h')}))`;
const jsonRow = (q: SQL) => sql`(SELECT row_to_json(t) FROM (${q}) t)`;

type JsonRow = Record<string, unknown>;

const oneFromJson = <T extends AnyPgTable>(table: T, row: JsonRow | null) =>
  row ? (rowsFromJson(table, [row])[0] ?? null) : null;

/**
 * The melding view in one statement: the melding's row, what exists at most once per melding (its werkbakje,
 * handler, rule set, the follow-up settings, the address, the household's open case, the quick-fix check), its
 * lists as JSON arrays (signals, contact attempts, planned actions, hand-overs, the open case's debt-help requests,
 * earlier meldingen at the address) and the names of the users it mentions. One statement instead of eleven: the
 * view is opened all day long, and every round trip holds a pooled connection while the event loop serves other
 * requests. Everything besides the melding is a subquery rather than a join: with eight joined tables the planner
 * spent more time choosing a join order (about 1.5 ms, on every request) than the statement took to run.
 */
export async function findWorkForView(tx: Orm, municipalityId: string, id: string) {
  // The statement every opening of a melding runs, with a dozen subqueries: prepared once per connection.
  const [row] = await selectNamed(
    tx
      .select({
        melding: meldingen,
        queueName: sql<string | null>`(SELECT q.name FROM work_queues q WHERE q.id = ${M}.queue_id)`,
        assigneeName: sql<string | null>`(SELECT u.display_name FROM users u WHERE u.id = ${M}.assigned_to)`,
        firstContactOn: workSelection.firstContactOn,
        firstReachedOn: workSelection.firstReachedOn,
        ruleVersion: sql<number | null>`(SELECT r.version FROM rule_sets r WHERE r.id = ${M}.rule_set_id)`,
        settings: sql<JsonRow | null>`${jsonRow(
          sql`SELECT * FROM followup_settings f WHERE f.municipality_id = ${M}.municipality_id`,
        )}`,
        address: sql<JsonRow | null>`${jsonRow(
          sql`SELECT * FROM addresses a WHERE a.municipality_id = ${M}.municipality_id AND a.id = ${M}.address_id`,
        )}`,
        openCase: sql<JsonRow | null>`${jsonRow(openCaseSql)}`,
        quickFix: sql<JsonRow | null>`${jsonRow(quickFixSql)}`,
        signals: sql<JsonRow[]>`${jsonRows(viewSignalsSql)}`,
        attempts: sql<JsonRow[]>`${jsonRows(viewAttemptsSql)}`,
        actions: sql<JsonRow[]>`${jsonRows(viewActionsSql)}`,
        handovers: sql<JsonRow[]>`${jsonRows(viewHandoversSql)}`,
        openCaseDebtHelp: sql<JsonRow[]>`${jsonRows(viewDebtHelpSql)}`,
        earlier: sql<JsonRow[]>`${jsonRows(viewEarlierSql)}`,
        names: sql<Record<string, string>>`${viewNamesSql}`,
      })
      .from(meldingen)
      .where(and(eq(meldingen.municipalityId, municipalityId), eq(meldingen.id, id)))
      .limit(1),
  );
  if (!row) return undefined;
  const { signals: s, attempts, actions, handovers, openCaseDebtHelp, earlier, names, ...rest } = row;
  return {
    ...rest,
    settings: oneFromJson(followupSettings, rest.settings),
    address: oneFromJson(addresses, rest.address),
    openCase: oneFromJson(householdCases, rest.openCase),
    quickFix: oneFromJson(quickFixChecks, rest.quickFix),
    signals: rowsFromJson(signals, s).map((signal, i) => ({
      signal,
      partnerName: (s[i]?.['view:partner_name'] as string | null) ?? null,
      partnerType: (s[i]?.['view:partner_type'] as string | null) ?? null,
    })),
    attempts: rowsFromJson(contactAttempts, attempts),
    actions: rowsFromJson(plannedActions, actions),
    handovers: rowsFromJson(meldingHandovers, handovers),
    openCaseDebtHelp: rowsFromJson(debtHelpRequests, openCaseDebtHelp),
    earlier: earlier.map((e) => ({
      id: e.id as string,
      periodStart: e.period_start as string,
      status: e.status as MeldingRow['status'],
      eindresultaat: e.eindresultaat as MeldingRow['eindresultaat'],
      closedAt: e.closed_at ? new Date(e.closed_at as string) : null,
      contactAttempts: e.contact_attempts as number,
      lastContact: e.last_contact as string | null,
      reached: e.reached as boolean,
    })),
    names: new Map(Object.entries(names)),
  };
}

export type QueueCountRow = {
  queueId: string | null;
  open: number;
  inBehandeling: number;
  unassigned: number;
  mine: number;
  overdue: number;
  dueSoon: number;
};

/** Counts of the active meldingen per werkbakje, in one pass. */
export async function countPerQueue(
  tx: Orm,
  municipalityId: string,
  userId: string,
  cutoffs: DeadlineCutoffs,
  extra?: SQL,
): Promise<QueueCountRow[]> {
  return tx
    .select({
      queueId: meldingen.queueId,
      open: sql<number>`count(*) FILTER (WHERE ${meldingen.status} = 'open')::int`,
      inBehandeling: sql<number>`count(*) FILTER (WHERE ${meldingen.status} = 'in_behandeling')::int`,
      unassigned: sql<number>`count(*) FILTER (WHERE ${meldingen.assignedTo} IS NULL)::int`,
      mine: sql<number>`count(*) FILTER (WHERE ${meldingen.assignedTo} = ${userId})::int`,
      overdue: sql<number>`count(*) FILTER (WHERE ${deadlineCondition(cutoffs, 'overdue')})::int`,
      // Due soon and not yet overdue: every overdue melding also meets the due-soon condition.
      dueSoon: sql<number>`count(*) FILTER (WHERE ${deadlineCondition(cutoffs, 'due_soon')} AND NOT ${deadlineCondition(cutoffs, 'overdue')})::int`,
    })
    .from(meldingen)
    .where(and(eq(meldingen.municipalityId, municipalityId), sql`${meldingen.status} <> 'afgesloten'`, extra))
    .groupBy(meldingen.queueId);
}

export const assignedTo = (userId: string) => eq(meldingen.assignedTo, userId);

export async function queuesOf(tx: Orm, municipalityId: string) {
  return tx
    .select()
    .from(workQueues)
    .where(eq(workQueues.municipalityId, municipalityId))
    .orderBy(asc(workQueues.name));
}

// --- Optimistic locking ------------------------------------------------------------------------------------

/**
 * Changes a melding only if nobody changed it since `version` was read; bumps the version. Returns the new row,
 * or undefined when the version is stale (or the melding is not of this municipality). The row lock taken by the
 * UPDATE makes a concurrent writer wait and then find the new version: exactly one of them wins.
 */
export async function updateIfVersion(
  tx: Orm,
  municipalityId: string,
  id: string,
  version: number,
  patch: Partial<MeldingRow> & { firstContactOn?: string; firstReachedOn?: string },
): Promise<MeldingRow | undefined> {
  const { firstContactOn, firstReachedOn, ...rest } = patch;
  const set: Record<string, unknown> = {
    ...rest,
    version: sql`${meldingen.version} + 1`,
    updatedAt: new Date(),
  };
  const [row] = await tx
    .update(meldingen)
    .set(set)
    .where(
      and(eq(meldingen.municipalityId, municipalityId), eq(meldingen.id, id), eq(meldingen.version, version)),
    )
    .returning();
  if (row && (firstContactOn || firstReachedOn)) {
    // Only the first time: COALESCE keeps an earlier date; LEAST takes an attempt registered after the fact.
    await tx.execute(sql`UPDATE meldingen SET
        first_contact_on = CASE WHEN ${firstContactOn ?? null}::date IS NULL THEN first_contact_on
          ELSE LEAST(COALESCE(first_contact_on, ${firstContactOn ?? null}::date), ${firstContactOn ?? null}::date) END,
        first_reached_on = CASE WHEN ${firstReachedOn ?? null}::date IS NULL THEN first_reached_on
          ELSE LEAST(COALESCE(first_reached_on, ${firstReachedOn ?? null}::date), ${firstReachedOn ?? null}::date) END
      WHERE id = ${id}::uuid`);
  }
  return row;
}

// --- Users -------------------------------------------------------------------------------------------------

/** Members of the municipality holding one of the roles, by name. */
export async function membersWithRoles(tx: Orm, municipalityId: string, roles: string[]) {
  const rows = await tx
    .select({ id: users.id, name: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.municipalityId, municipalityId),
        inArray(memberships.role, roles),
        eq(users.isActive, true),
      ),
    )
    .orderBy(asc(users.displayName), asc(users.id));
  const byId = new Map<string, { id: string; name: string; roles: string[] }>();
  for (const r of rows) {
    const u = byId.get(r.id) ?? { id: r.id, name: r.name, roles: [] };
    u.roles.push(r.role);
    byId.set(r.id, u);
  }
  return [...byId.values()];
}

export async function userNames(tx: Orm, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => Boolean(i)))];
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// --- Contact attempts --------------------------------------------------------------------------------------

export async function insertContactAttempt(tx: Orm, values: typeof contactAttempts.$inferInsert) {
  const [row] = await tx.insert(contactAttempts).values(values).returning();
  if (!row) throw new Error('contact attempt insert returned nothing');
  return row;
}

export async function contactAttemptsOf(tx: Orm, municipalityId: string, meldingId: string) {
  return tx
    .select()
    .from(contactAttempts)
    .where(and(eq(contactAttempts.municipalityId, municipalityId), eq(contactAttempts.meldingId, meldingId)))
    .orderBy(desc(contactAttempts.datum), desc(contactAttempts.createdAt));
}

export async function attemptStats(tx: Orm, municipalityId: string, meldingId: string) {
  const [row] = await tx
    .select({
      attempts: sql<number>`count(*)::int`,
      reached: sql<boolean>`coalesce(bool_or(${contactAttempts.bereikt}), false)`,
    })
    .from(contactAttempts)
    .where(and(eq(contactAttempts.municipalityId, municipalityId), eq(contactAttempts.meldingId, meldingId)));
  return row ?? { attempts: 0, reached: false };
}

// --- Signals of a melding ----------------------------------------------------------------------------------

export async function signalStatuses(tx: Orm, municipalityId: string, meldingId: string) {
  return tx
    .select({ id: signals.id, ddasStatus: signals.ddasStatus, signalDate: signals.signalDate })
    .from(signals)
    .where(and(eq(signals.municipalityId, municipalityId), eq(signals.meldingId, meldingId)));
}

export async function setSignalStatuses(
  tx: Orm,
  updates: { id: string; ddasStatus: DdasSignaalstatus; reason: string | null }[],
): Promise<void> {
  if (updates.length === 0) return;
  await tx.execute(sql`UPDATE signals s SET ddas_status = u.status, status_reason = u.reason
      FROM unnest(${sql.param(updates.map((u) => u.id))}::uuid[], ${sql.param(updates.map((u) => u.ddasStatus))}::text[],
                  ${sql.param(updates.map((u) => u.reason))}::text[]) AS u(id, status, reason)
     WHERE s.id = u.id`);
}

/** The people the signals name (personId), for marking them in the household. */
export async function signalPersonIds(
  tx: Orm,
  municipalityId: string,
  meldingId: string,
): Promise<Set<string>> {
  const rows = await tx
    .select({ personId: signals.personId, bsn: signals.bsn })
    .from(signals)
    .where(and(eq(signals.municipalityId, municipalityId), eq(signals.meldingId, meldingId)));
  return new Set(rows.flatMap((r) => [r.personId, r.bsn].filter((x): x is string => Boolean(x))));
}

// --- Address and earlier meldingen -------------------------------------------------------------------------

export function formatAddress(a: {
  straat: string;
  huisnummer: number;
  huisletter: string | null;
  toevoeging: string | null;
  postcode: string;
  woonplaats: string;
}): string {
  const number = `${a.huisnummer}${a.huisletter ?? ''}${a.toevoeging ? `-${a.toevoeging}` : ''}`;
  return `${a.straat} ${number}, ${a.postcode} ${a.woonplaats}`;
}

// The contact attempts of the melding on the current row of the outer query. Qualified by hand: drizzle writes
// ${meldingen.id} in a select list as a bare "id", which inside the subquery would mean contact_attempts.id (the
// subqueries then matched nothing and scanned the whole table for it).
const attemptsOfRow = sql`contact_attempts c WHERE c.melding_id = ${meldingen}.id AND c.municipality_id = ${meldingen}.municipality_id`;

/** Other meldingen at the same address (by the pseudonymous fingerprint), newest first, with their contact. */
export async function earlierMeldingen(tx: Orm, municipalityId: string, m: MeldingRow) {
  return tx
    .select({
      id: meldingen.id,
      periodStart: meldingen.periodStart,
      status: meldingen.status,
      eindresultaat: meldingen.eindresultaat,
      closedAt: meldingen.closedAt,
      contactAttempts: sql<number>`(SELECT count(*)::int FROM ${attemptsOfRow})`,
      lastContact: sql<string | null>`(SELECT to_char(max(c.datum), 'YYYY-MM-DD') FROM ${attemptsOfRow})`,
      reached: sql<boolean>`EXISTS (SELECT 1 FROM ${attemptsOfRow} AND c.bereikt)`,
    })
    .from(meldingen)
    .where(
      and(
        eq(meldingen.municipalityId, municipalityId),
        eq(meldingen.addressFingerprint, m.addressFingerprint),
        ne(meldingen.id, m.id),
      ),
    )
    .orderBy(desc(meldingen.periodStart), desc(meldingen.id))
    .limit(10);
}

// --- Planned actions ---------------------------------------------------------------------------------------

export type PlannedActionRow = typeof plannedActions.$inferSelect;

export async function insertPlannedAction(tx: Orm, values: typeof plannedActions.$inferInsert) {
  const [row] = await tx.insert(plannedActions).values(values).returning();
  if (!row) throw new Error('planned action insert returned nothing');
  return row;
}

export async function findPlannedAction(tx: Orm, municipalityId: string, id: string) {
  const [row] = await tx
    .select()
    .from(plannedActions)
    .where(and(eq(plannedActions.municipalityId, municipalityId), eq(plannedActions.id, id)))
    .limit(1);
  return row;
}

export async function updatePlannedAction(
  tx: Orm,
  municipalityId: string,
  id: string,
  patch: Partial<PlannedActionRow>,
) {
  const [row] = await tx
    .update(plannedActions)
    .set(patch)
    .where(and(eq(plannedActions.municipalityId, municipalityId), eq(plannedActions.id, id)))
    .returning();
  return row;
}

export async function plannedActionsOf(tx: Orm, municipalityId: string, meldingId: string) {
  return tx
    .select()
    .from(plannedActions)
    .where(and(eq(plannedActions.municipalityId, municipalityId), eq(plannedActions.meldingId, meldingId)))
    .orderBy(asc(plannedActions.plannedFor), asc(plannedActions.createdAt));
}

/** Cancels what was still planned for a melding that closes. */
export async function cancelOpenActions(
  tx: Orm,
  municipalityId: string,
  meldingId: string,
  keepKinds: string[],
) {
  await tx
    .update(plannedActions)
    .set({ status: 'vervallen' })
    .where(
      and(
        eq(plannedActions.municipalityId, municipalityId),
        eq(plannedActions.meldingId, meldingId),
        eq(plannedActions.status, 'gepland'),
        sql`${plannedActions.kind} <> ALL(${sql.param(keepKinds)}::text[])`,
      ),
    );
}

export async function agenda(tx: Orm, municipalityId: string, userId: string, to: string) {
  return tx
    .select({
      action: plannedActions,
      meldingStatus: meldingen.status,
      isCrisis: meldingen.isCrisis,
    })
    .from(plannedActions)
    .innerJoin(meldingen, eq(meldingen.id, plannedActions.meldingId))
    .where(
      and(
        eq(plannedActions.municipalityId, municipalityId),
        eq(plannedActions.assignedTo, userId),
        eq(plannedActions.status, 'gepland'),
        // Everything up to `to`: what is late (before `from`) stays on the agenda until it is done.
        lte(plannedActions.plannedFor, to),
      ),
    )
    .orderBy(
      asc(plannedActions.plannedFor),
      sql`array_position(ARRAY['Ochtend','Middag','Avond'], ${plannedActions.dagdeel})`,
      asc(plannedActions.createdAt),
    )
    .limit(500);
}

export async function countActionsOn(tx: Orm, municipalityId: string, userId: string, day: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(plannedActions)
    .where(
      and(
        eq(plannedActions.municipalityId, municipalityId),
        eq(plannedActions.assignedTo, userId),
        eq(plannedActions.status, 'gepland'),
        lte(plannedActions.plannedFor, day),
      ),
    );
  return row?.n ?? 0;
}

/** Home visits of one worker on one day, with the address of the household, in walking order (postcode). */
export async function homeVisits(tx: Orm, municipalityId: string, userId: string, day: string) {
  return tx
    .select({
      action: plannedActions,
      melding: meldingen,
      address: addresses,
    })
    .from(plannedActions)
    .innerJoin(meldingen, eq(meldingen.id, plannedActions.meldingId))
    .leftJoin(addresses, eq(addresses.id, meldingen.addressId))
    .where(
      and(
        eq(plannedActions.municipalityId, municipalityId),
        eq(plannedActions.assignedTo, userId),
        eq(plannedActions.kind, 'huisbezoek'),
        eq(plannedActions.status, 'gepland'),
        eq(plannedActions.plannedFor, day),
      ),
    )
    .orderBy(
      sql`array_position(ARRAY['Ochtend','Middag','Avond'], ${plannedActions.dagdeel}) NULLS LAST`,
      asc(addresses.postcode),
      asc(addresses.straat),
      asc(addresses.huisnummer),
    );
}

/** The name a resident is known by in the signals of a melding: the first signal's. */
export async function residentNames(tx: Orm, municipalityId: string, meldingIds: string[]) {
  if (meldingIds.length === 0) return new Map<string, string>();
  const rows = await tx
    .selectDistinctOn([signals.meldingId], {
      meldingId: signals.meldingId,
      voornamen: signals.voornamen,
      voorletters: signals.voorletters,
      voorvoegsel: signals.voorvoegsel,
      achternaam: signals.achternaam,
    })
    .from(signals)
    .where(and(eq(signals.municipalityId, municipalityId), inArray(signals.meldingId, meldingIds)))
    .orderBy(signals.meldingId, asc(signals.signalDate), asc(signals.id));
  return new Map(
    rows.map((r) => [
      r.meldingId as string,
      [r.voornamen ?? r.voorletters, r.voorvoegsel, r.achternaam].filter(Boolean).join(' '),
    ]),
  );
}

// --- Quick-fix checks --------------------------------------------------------------------------------------

export type QuickFixRow = typeof quickFixChecks.$inferSelect;

export async function insertQuickFixCheck(tx: Orm, values: typeof quickFixChecks.$inferInsert) {
  const [row] = await tx.insert(quickFixChecks).values(values).returning();
  if (!row) throw new Error('quick fix insert returned nothing');
  return row;
}

export async function quickFixOf(tx: Orm, municipalityId: string, meldingId: string) {
  const [row] = await tx
    .select()
    .from(quickFixChecks)
    .where(and(eq(quickFixChecks.municipalityId, municipalityId), eq(quickFixChecks.meldingId, meldingId)))
    .limit(1);
  return row;
}

export async function findQuickFix(tx: Orm, municipalityId: string, id: string) {
  const [row] = await tx
    .select()
    .from(quickFixChecks)
    .where(and(eq(quickFixChecks.municipalityId, municipalityId), eq(quickFixChecks.id, id)))
    .limit(1);
  return row;
}

export async function quickFixesToConfirm(tx: Orm, municipalityId: string, userId: string | null) {
  return tx
    .select()
    .from(quickFixChecks)
    .where(
      and(
        eq(quickFixChecks.municipalityId, municipalityId),
        eq(quickFixChecks.status, 'te_bevestigen'),
        userId ? eq(quickFixChecks.assignedTo, userId) : undefined,
      ),
    )
    .orderBy(asc(quickFixChecks.dueOn))
    .limit(200);
}

/** Checks whose 30 days have passed, in any municipality (the daily job), now waiting for the worker. */
export async function markDueQuickFixes(tx: Orm, today: string) {
  return tx
    .update(quickFixChecks)
    .set({ status: 'te_bevestigen' })
    .where(and(eq(quickFixChecks.status, 'gepland'), lte(quickFixChecks.dueOn, today)))
    .returning();
}

export async function updateQuickFix(
  tx: Orm,
  municipalityId: string,
  id: string,
  patch: Partial<QuickFixRow>,
) {
  const [row] = await tx
    .update(quickFixChecks)
    .set(patch)
    .where(and(eq(quickFixChecks.municipalityId, municipalityId), eq(quickFixChecks.id, id)))
    .returning();
  return row;
}

// --- Household cases, debt help and handovers --------------------------------------------------------------

export async function openCaseOfHousehold(tx: Orm, municipalityId: string, householdId: string) {
  const [row] = await tx
    .select()
    .from(householdCases)
    .where(
      and(
        eq(householdCases.municipalityId, municipalityId),
        eq(householdCases.householdId, householdId),
        eq(householdCases.status, 'open'),
      ),
    )
    .limit(1);
  return row;
}

export async function findCase(tx: Orm, municipalityId: string, id: string) {
  const [row] = await tx
    .select()
    .from(householdCases)
    .where(and(eq(householdCases.municipalityId, municipalityId), eq(householdCases.id, id)))
    .limit(1);
  return row;
}

/** Creates the open case of a household, or returns the one a concurrent request just created. */
export async function insertCase(tx: Orm, values: typeof householdCases.$inferInsert) {
  const rows = await tx.insert(householdCases).values(values).onConflictDoNothing().returning();
  return rows[0];
}

export async function setCaseRegisseur(tx: Orm, municipalityId: string, id: string, regisseurId: string) {
  await tx
    .update(householdCases)
    .set({ regisseurId })
    .where(and(eq(householdCases.municipalityId, municipalityId), eq(householdCases.id, id)));
}

export async function insertDebtHelpRequest(tx: Orm, values: typeof debtHelpRequests.$inferInsert) {
  const [row] = await tx.insert(debtHelpRequests).values(values).returning();
  if (!row) throw new Error('debt help request insert returned nothing');
  return row;
}

export async function debtHelpOfCase(tx: Orm, municipalityId: string, caseId: string) {
  return tx
    .select()
    .from(debtHelpRequests)
    .where(
      and(eq(debtHelpRequests.municipalityId, municipalityId), eq(debtHelpRequests.householdCaseId, caseId)),
    )
    .orderBy(desc(debtHelpRequests.requestedOn));
}

export async function openDebtHelpRequests(tx: Orm, municipalityId: string, limit: number) {
  return tx
    .select()
    .from(debtHelpRequests)
    .where(
      and(
        eq(debtHelpRequests.municipalityId, municipalityId),
        inArray(debtHelpRequests.status, ['aangevraagd', 'in_behandeling']),
        isNull(debtHelpRequests.firstConversationOn),
      ),
    )
    .orderBy(asc(debtHelpRequests.firstConversationDue), asc(debtHelpRequests.id))
    .limit(limit);
}

export async function insertHandover(tx: Orm, values: typeof meldingHandovers.$inferInsert) {
  const [row] = await tx.insert(meldingHandovers).values(values).returning();
  if (!row) throw new Error('handover insert returned nothing');
  return row;
}

export async function handoversOf(tx: Orm, municipalityId: string, meldingId: string) {
  return tx
    .select()
    .from(meldingHandovers)
    .where(
      and(eq(meldingHandovers.municipalityId, municipalityId), eq(meldingHandovers.meldingId, meldingId)),
    )
    .orderBy(asc(meldingHandovers.createdAt));
}

// --- Moves -------------------------------------------------------------------------------------------------

/** Open meldingen with a household, for the daily BRP check of moves. */
export async function activeMeldingenWithHousehold(
  tx: Orm,
  municipalityId: string,
  limit: number,
  afterId?: string,
) {
  return tx
    .select({ id: meldingen.id, householdId: meldingen.householdId, version: meldingen.version })
    .from(meldingen)
    .where(
      and(
        eq(meldingen.municipalityId, municipalityId),
        sql`${meldingen.status} <> 'afgesloten'`,
        isNotNull(meldingen.householdId),
        afterId ? sql`${meldingen.id} > ${afterId}::uuid` : undefined,
      ),
    )
    .orderBy(asc(meldingen.id))
    .limit(limit);
}

export async function municipalityIds(tx: Orm): Promise<string[]> {
  const rows = await tx
    .select({ id: municipalities.id })
    .from(municipalities)
    .orderBy(asc(municipalities.id));
  return rows.map((r) => r.id);
}
