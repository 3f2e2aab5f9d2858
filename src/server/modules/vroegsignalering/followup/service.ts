import type { z } from 'zod';
import type { DdasEindresultaat, DdasSignaalstatus } from '../../../../shared/ddas.ts';
import type { InvalidParam } from '../../../../shared/problem.ts';
import {
  type AgendaQuery,
  type AssignBody,
  type BulkAssignBody,
  type CloseBody,
  type ContactAttemptBody,
  type FollowupSettings,
  FollowupSettingsSchema,
  type HandoverBody,
  type PlannedActionBody,
  type PlannedActionPatchBody,
  QUICK_FIX,
  type QuickFixConfirmBody,
  type RouteQuery,
  type WorkListQuery,
} from '../../../../shared/schemas/followup.ts';
import type { ExplanationItem } from '../../../../shared/schemas/rules.ts';
import type { Orm } from '../../../db/client.ts';
import type { ServiceContext, UserContext } from '../../../http/context.ts';
import { decodeKeyCursor, encodeKeyCursor } from '../../../http/cursor.ts';
import { ProblemError, problems } from '../../../http/problem.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import { PURPOSES, recordAudit } from '../../audit/service.ts';
import type { BrpAdapter, BrpPerson } from '../../brp/adapter.ts';
import { presentSignal } from '../meldingen/presenter.ts';
import {
  addDays,
  DEFAULT_FOLLOWUP_SETTINGS,
  deadlineCutoffs,
  meldingDeadlines,
  QUICK_FIX_DAYS,
  WorkCalendar,
  wgsFirstConversationDue,
} from './deadlines.ts';
import {
  closingProblems,
  contactDateProblems,
  handoverResult,
  nextStep,
  signalStatusAfter,
} from './policy.ts';
import {
  deadlineFacts,
  presentCase,
  presentContactAttempt,
  presentDebtHelp,
  presentHandover,
  presentPlannedAction,
  presentQuickFix,
  presentWorkItem,
} from './presenter.ts';
import * as repo from './repository.ts';

/** What the follow-up needs besides the database: today's date and the BRP (both injectable for tests). */
export type FollowupDeps = {
  today: () => string;
  brp: (tx: Orm) => BrpAdapter;
  /** The job queue, when jobs run in this process: the quick-fix check is scheduled on it. */
  jobs?: JobQueue | null;
};

/** The roles whose members handle meldingen and may be assigned one. */
const HANDLER_ROLES = ['vroegsignalering_medewerker'];
const purpose = PURPOSES.earlySignalling;

// --- Errors with stable types ------------------------------------------------------------------------------

const staleMelding = () =>
  new ProblemError(
    409,
    'melding-gewijzigd',
    'Conflict',
    'Someone else changed this melding since you opened it (for example, a colleague claimed it). ' +
      'Reload the melding to see the change, then try again.',
  );

const closedMelding = () =>
  new ProblemError(
    409,
    'melding-afgesloten',
    'Conflict',
    'This melding is closed; a closed melding cannot be changed.',
  );

const invalid = (detail: string, params: InvalidParam[]) => problems.badRequest(detail, params);

// --- Settings and calendar ---------------------------------------------------------------------------------

export async function loadSettings(tx: Orm, municipalityId: string): Promise<FollowupSettings> {
  return settingsOf(await repo.findSettings(tx, municipalityId));
}

function settingsOf(row: Awaited<ReturnType<typeof repo.findSettings>> | null): FollowupSettings {
  if (!row) return DEFAULT_FOLLOWUP_SETTINGS;
  return FollowupSettingsSchema.parse({
    firstContactDays: row.firstContactDays,
    firstContactUnit: row.firstContactUnit,
    firstAnalysisDays: row.firstAnalysisDays,
    firstAnalysisUnit: row.firstAnalysisUnit,
    crisisWorkingDays: row.crisisWorkingDays,
    dueSoonWorkingDays: row.dueSoonWorkingDays,
    bevrijdingsdag: row.bevrijdingsdag,
    extraClosingDays: [...row.extraClosingDays].sort(),
  });
}

// The calendar and the cut-offs depend only on the settings and the day, and every work-list request needs them:
// kept per (settings, day) so a request does not walk the holiday calendar again. The settings are still read
// from the database on every request, so a change applies at once, in every process.
const clocks = new Map<string, { calendar: WorkCalendar; cutoffs: ReturnType<typeof deadlineCutoffs> }>();

function clockOf(settings: FollowupSettings, today: string) {
  const key = `${today}|${JSON.stringify(settings)}`;
  let entry = clocks.get(key);
  if (!entry) {
    const calendar = new WorkCalendar(settings);
    entry = { calendar, cutoffs: deadlineCutoffs(calendar, settings, today) };
    // A handful of municipalities and one day at a time: a small bound is plenty.
    if (clocks.size >= 64) clocks.clear();
    clocks.set(key, entry);
  }
  return entry;
}

function clockFrom(settings: FollowupSettings, deps: FollowupDeps) {
  const today = deps.today();
  return { settings, today, ...clockOf(settings, today) };
}

async function clock(tx: Orm, municipalityId: string, deps: FollowupDeps) {
  return clockFrom(await loadSettings(tx, municipalityId), deps);
}

type Clock = Awaited<ReturnType<typeof clock>>;

function deadlinesOf(c: Clock, row: repo.WorkRow) {
  return meldingDeadlines(c.calendar, c.settings, deadlineFacts(row.melding, row), c.today);
}

export async function getSettings(db: Orm, ctx: ServiceContext, deps: FollowupDeps) {
  const settings = await loadSettings(db, ctx.municipalityId);
  const calendar = new WorkCalendar(settings);
  const year = Number(deps.today().slice(0, 4));
  return {
    settings,
    calendar: [year, year + 1].map((y) => ({ year: y, closedDays: calendar.closedDays(y) })),
  };
}

export async function updateSettings(
  db: Orm,
  ctx: UserContext,
  deps: FollowupDeps,
  patch: Partial<FollowupSettings>,
) {
  await db.transaction(async (tx) => {
    const current = await loadSettings(tx, ctx.municipalityId);
    const next = {
      ...current,
      ...patch,
      extraClosingDays: [...new Set(patch.extraClosingDays ?? current.extraClosingDays)].sort(),
    };
    await repo.upsertSettings(tx, ctx.municipalityId, next, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'followup.settings_update',
      purpose: PURPOSES.administration,
      subjectType: 'municipality',
      subjectIds: [ctx.municipalityId],
      details: { fields: Object.keys(patch) },
    });
  });
  return getSettings(db, ctx, deps);
}

// --- Work lists --------------------------------------------------------------------------------------------

export async function listWork(
  db: Orm,
  ctx: UserContext,
  deps: FollowupDeps,
  q: z.output<typeof WorkListQuery>,
) {
  const after = decodeKeyCursor(q.cursor, q.sort === 'amount' ? 2 : 3);
  return db.transaction(async (tx) => {
    const c = await clock(tx, ctx.municipalityId, deps);
    const rows = await repo.listWork(
      tx,
      {
        municipalityId: ctx.municipalityId,
        userId: ctx.actor.userId,
        status: q.status,
        queueId: q.queueId,
        teamId: q.teamId,
        wijkId: q.wijkId,
        assigned: q.assigned,
        assigneeId: q.assigneeId,
        deadline: q.deadline,
        flags: q.flags,
        sort: q.sort,
        after,
        limit: q.limit + 1,
      },
      c.cutoffs,
    );
    const items = rows.slice(0, q.limit);
    await recordAudit(tx, ctx, {
      action: 'followup.worklist',
      purpose,
      subjectType: 'melding',
      subjectIds: items.map((r) => r.melding.id),
    });
    const last = items.at(-1);
    return {
      items: items.map((r) => presentWorkItem(r, deadlinesOf(c, r))),
      nextCursor:
        rows.length > q.limit && last ? encodeKeyCursor(repo.sortKeyOf(q.sort, last.melding)) : null,
    };
  });
}

export async function queueOverview(db: Orm, ctx: UserContext, deps: FollowupDeps) {
  return db.transaction(async (tx) => {
    const c = await clock(tx, ctx.municipalityId, deps);
    const counts = await repo.countPerQueue(tx, ctx.municipalityId, ctx.actor.userId, c.cutoffs);
    const queues = await repo.queuesOf(tx, ctx.municipalityId);
    const byQueue = new Map(counts.map((r) => [r.queueId, r]));
    const zero = { open: 0, inBehandeling: 0, unassigned: 0, mine: 0, overdue: 0, dueSoon: 0 };
    const rows: {
      queueId: string | null;
      name: string | null;
      kind: string | null;
      teamId: string | null;
      open: number;
      inBehandeling: number;
      unassigned: number;
      mine: number;
      overdue: number;
      dueSoon: number;
    }[] = queues.map((q) => ({
      queueId: q.id,
      name: q.name,
      kind: q.kind,
      teamId: q.teamId,
      ...zero,
      ...(byQueue.get(q.id) ?? {}),
    }));
    const noQueue = byQueue.get(null);
    if (noQueue) rows.push({ ...noQueue, queueId: null, name: null, kind: null, teamId: null });
    const totals = { ...zero };
    for (const r of counts) for (const k of Object.keys(zero) as (keyof typeof zero)[]) totals[k] += r[k];
    return { queues: rows, totals };
  });
}

export async function myWork(db: Orm, ctx: UserContext, deps: FollowupDeps) {
  return db.transaction(async (tx) => {
    const c = await clock(tx, ctx.municipalityId, deps);
    const mine = await repo.listWork(
      tx,
      {
        municipalityId: ctx.municipalityId,
        userId: ctx.actor.userId,
        status: 'actief',
        assigned: 'me',
        sort: 'deadline',
        limit: 200,
      },
      c.cutoffs,
    );
    const counts = await repo.countPerQueue(
      tx,
      ctx.municipalityId,
      ctx.actor.userId,
      c.cutoffs,
      repo.assignedTo(ctx.actor.userId),
    );
    const sum = (k: 'open' | 'inBehandeling' | 'overdue' | 'dueSoon') => counts.reduce((n, r) => n + r[k], 0);
    const withDeadlines = mine.map((r) => ({ row: r, deadlines: deadlinesOf(c, r) }));
    const next = [...withDeadlines]
      .sort(
        (a, b) =>
          urgency(b.deadlines.state) - urgency(a.deadlines.state) ||
          a.row.melding.priority - b.row.melding.priority,
      )
      .slice(0, 5);
    const actionsToday = await repo.countActionsOn(tx, ctx.municipalityId, ctx.actor.userId, c.today);
    const quickFixes = await repo.quickFixesToConfirm(tx, ctx.municipalityId, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'followup.my_work',
      purpose,
      subjectType: 'melding',
      subjectIds: next.map((n) => n.row.melding.id),
    });
    return {
      assigned: sum('open') + sum('inBehandeling'),
      overdue: sum('overdue'),
      dueSoon: sum('dueSoon'),
      actionsToday,
      quickFixToConfirm: quickFixes.length,
      next: next.map((n) => presentWorkItem(n.row, n.deadlines)),
    };
  });
}

function urgency(state: string): number {
  return state === 'overdue' ? 3 : state === 'due_soon' ? 2 : state === 'on_track' ? 1 : 0;
}

export async function listColleagues(db: Orm, ctx: UserContext) {
  return repo.membersWithRoles(db, ctx.municipalityId, [...HANDLER_ROLES, 'regisseur']);
}

// --- The melding view --------------------------------------------------------------------------------------

function ageOn(birth: string, today: string): number | null {
  const [y, m, d] = birth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  if (!y || ty === undefined || tm === undefined || td === undefined) return null;
  let age = ty - y;
  // An unknown month or day (00) counts as the start of the year or month.
  if (tm < (m || 1) || (tm === (m || 1) && td < (d || 1))) age -= 1;
  return age;
}

function personName(p: BrpPerson): string {
  return [p.voornamen, p.voorvoegsel, p.geslachtsnaam].filter(Boolean).join(' ');
}

/** The household has left: nobody is registered any more and at least one member moved away. */
function householdMovedOut(members: BrpPerson[]): boolean {
  return (
    members.length > 0 &&
    members.every((p) => p.brpStatus !== 'ingeschreven') &&
    members.some((p) => p.brpStatus === 'verhuisd')
  );
}

export async function getMeldingView(db: Orm, ctx: UserContext, deps: FollowupDeps, id: string) {
  return db.transaction(async (tx) => {
    const found = await repo.findWorkForView(tx, ctx.municipalityId, id);
    if (!found) throw problems.notFound();
    const {
      settings,
      address,
      openCase,
      quickFix,
      signals: signalRows,
      attempts,
      actions,
      handovers,
      openCaseDebtHelp,
      earlier,
      names,
      ...row
    } = found;
    const m = row.melding;
    const c = clockFrom(settingsOf(settings), deps);
    const members = m.householdId
      ? (await deps.brp(tx).household(ctx.municipalityId, m.householdId)).members
      : [];
    const inSignal = new Set(
      signalRows.flatMap((s) => [s.signal.personId, s.signal.bsn].filter(Boolean) as string[]),
    );
    const householdCase = m.householdId ? (openCase ?? undefined) : undefined;
    const caseFromHandover = !householdCase
      ? handovers.find((h) => h.householdCaseId)?.householdCaseId
      : undefined;
    // Rare: no open case, but a hand-over to a case (since closed): that case, its requests and its regisseur's name
    // are read here; everything else came with the melding.
    const theCase =
      householdCase ??
      (caseFromHandover ? await repo.findCase(tx, ctx.municipalityId, caseFromHandover) : undefined);
    const debtHelp = householdCase
      ? openCaseDebtHelp
      : theCase
        ? await repo.debtHelpOfCase(tx, ctx.municipalityId, theCase.id)
        : [];
    if (!householdCase && theCase?.regisseurId && !names.has(theCase.regisseurId)) {
      for (const [k, v] of await repo.userNames(tx, [theCase.regisseurId])) names.set(k, v);
    }
    const deadlines = deadlinesOf(c, row);
    const movedOut = householdMovedOut(members);
    const plannedOpen = actions.filter((a) => a.status === 'gepland');
    const step = nextStep({
      status: m.status,
      assigned: Boolean(m.assignedTo),
      attempts: attempts.length,
      reached: attempts.some((a) => a.bereikt),
      contactStrategy: m.contactStrategy,
      plannedActions: plannedOpen.filter((a) => a.kind === 'huisbezoek' || a.kind === 'terugbellen').length,
      quickFixToConfirm: quickFix?.status === 'te_bevestigen',
      informNewMunicipality: plannedOpen.some((a) => a.kind === 'gemeente_informeren'),
      firstContactDue: deadlines.firstContact.due,
      firstAnalysisDue: deadlines.firstAnalysis.due,
      deadlineState: deadlines.state,
    });
    await recordAudit(tx, ctx, {
      action: 'followup.melding_read',
      purpose,
      subjectType: 'melding',
      subjectIds: [id, ...signalRows.map((s) => s.signal.id), ...members.map((p) => p.id)],
    });
    return {
      ...presentWorkItem(row, deadlines),
      closedAt: m.closedAt ? m.closedAt.toISOString() : null,
      closedBy: m.closedBy ? { id: m.closedBy, name: names.get(m.closedBy) ?? '' } : null,
      closingNote: m.closingNote,
      firstContactOn: row.firstContactOn,
      firstReachedOn: row.firstReachedOn,
      householdId: m.householdId,
      adres: address ? repo.formatAddress(address) : null,
      ruleVersion: row.ruleVersion,
      ruleExplanation: m.ruleExplanation as ExplanationItem[],
      signals: signalRows.map(presentSignal),
      household: members.map((p) => {
        const age = ageOn(p.geboortedatum, c.today);
        return {
          personId: p.id,
          naam: personName(p),
          geboortedatum: p.geboortedatum,
          age,
          isAdult: age === null || age >= 18,
          brpStatus: p.brpStatus,
          inSignal: inSignal.has(p.id) || inSignal.has(p.bsn),
        };
      }),
      earlierMeldingen: earlier.map((e) => ({
        id: e.id,
        periodStart: e.periodStart,
        status: e.status,
        eindresultaat: (e.eindresultaat as DdasEindresultaat | null) ?? null,
        closedAt: e.closedAt ? e.closedAt.toISOString() : null,
        contactAttempts: e.contactAttempts,
        lastContact: e.lastContact,
        reached: e.reached,
      })),
      contactAttempts: attempts.map((a) => presentContactAttempt(a, names)),
      plannedActions: actions.map((a) => presentPlannedAction(a, names)),
      handovers: handovers.map((h) => presentHandover(h, names)),
      householdCase: theCase ? presentCase(theCase, names) : null,
      debtHelpRequests: debtHelp.map((d) => presentDebtHelp(d, c.today)),
      quickFixCheck: quickFix ? presentQuickFix(quickFix, names) : null,
      signalStatuses: [...new Set(signalRows.map((s) => s.signal.ddasStatus as DdasSignaalstatus))],
      nextStep: step,
      movedOut,
    };
  });
}

// --- Guarded writes ----------------------------------------------------------------------------------------

/** Loads the melding for a change: 404 when not of this municipality, 409 when closed or changed meanwhile. */
async function loadForChange(tx: Orm, ctx: ServiceContext, id: string, version: number) {
  const row = await repo.findWork(tx, ctx.municipalityId, id);
  if (!row) throw problems.notFound();
  if (row.melding.status === 'afgesloten') throw closedMelding();
  if (row.melding.version !== version) throw staleMelding();
  return row;
}

async function writeMelding(
  tx: Orm,
  ctx: ServiceContext,
  id: string,
  version: number,
  patch: Parameters<typeof repo.updateIfVersion>[4],
) {
  const updated = await repo.updateIfVersion(tx, ctx.municipalityId, id, version, patch);
  if (!updated) throw staleMelding();
  return updated;
}

async function checkHandler(tx: Orm, ctx: ServiceContext, userId: string, field: string) {
  const handlers = await repo.membersWithRoles(tx, ctx.municipalityId, HANDLER_ROLES);
  if (!handlers.some((h) => h.id === userId)) {
    throw invalid('This colleague cannot handle meldingen here.', [
      { name: field, code: 'not_a_handler', reason: 'Not a vroegsignalering colleague of this municipality' },
    ]);
  }
}

async function workItem(tx: Orm, ctx: ServiceContext, deps: FollowupDeps, id: string) {
  const row = await repo.findWork(tx, ctx.municipalityId, id);
  if (!row) throw problems.notFound();
  const c = await clock(tx, ctx.municipalityId, deps);
  return presentWorkItem(row, deadlinesOf(c, row));
}

// --- Assignment --------------------------------------------------------------------------------------------

export async function assignMelding(
  db: Orm,
  ctx: UserContext,
  deps: FollowupDeps,
  id: string,
  body: z.output<typeof AssignBody>,
) {
  return db.transaction(async (tx) => {
    const current = await loadForChange(tx, ctx, id, body.version);
    if (body.assigneeId) await checkHandler(tx, ctx, body.assigneeId, 'body.assigneeId');
    await writeMelding(tx, ctx, id, body.version, {
      assignedTo: body.assigneeId,
      assignedAt: body.assigneeId ? new Date() : null,
    });
    const previous = current.melding.assignedTo;
    const action =
      body.assigneeId === ctx.actor.userId && !previous
        ? 'followup.claim'
        : body.assigneeId && previous && previous !== body.assigneeId
          ? 'followup.handover_colleague'
          : body.assigneeId
            ? 'followup.assign'
            : 'followup.unassign';
    await recordAudit(tx, ctx, {
      action,
      purpose,
      subjectType: 'melding',
      subjectIds: [id],
      details: { from: previous, to: body.assigneeId, note: body.note ? true : undefined },
    });
    if (body.note && body.assigneeId && body.assigneeId !== ctx.actor.userId) {
      // A handover note lands on the colleague's agenda today, so it is read before the melding is picked up.
      await repo.insertPlannedAction(tx, {
        municipalityId: ctx.municipalityId,
        meldingId: id,
        kind: 'overig',
        plannedFor: deps.today(),
        assignedTo: body.assigneeId,
        note: body.note,
        createdBy: ctx.actor.userId,
      });
    }
    return workItem(tx, ctx, deps, id);
  });
}

/** Assigns many meldingen at once; all or nothing, so a partly applied batch never needs untangling. */
export async function bulkAssign(db: Orm, ctx: UserContext, body: z.output<typeof BulkAssignBody>) {
  return db.transaction(async (tx) => {
    if (body.assigneeId) await checkHandler(tx, ctx, body.assigneeId, 'body.assigneeId');
    const ids = body.items.map((i) => i.id);
    if (new Set(ids).size !== ids.length) {
      throw invalid('A melding appears twice.', [
        { name: 'body.items', code: 'duplicate', reason: 'Each melding once' },
      ]);
    }
    const out: { id: string; version: number }[] = [];
    const stale: InvalidParam[] = [];
    for (const [i, item] of body.items.entries()) {
      const current = await repo.findWork(tx, ctx.municipalityId, item.id);
      // Ids are never echoed: the index says which one, without confirming another tenant's id exists.
      if (!current)
        throw invalid('Unknown melding.', [
          { name: `body.items.${i}.id`, code: 'unknown', reason: 'Not found' },
        ]);
      if (current.melding.status === 'afgesloten') {
        stale.push({ name: `body.items.${i}`, code: 'closed', reason: 'This melding is closed.' });
        continue;
      }
      const updated = await repo.updateIfVersion(tx, ctx.municipalityId, item.id, item.version, {
        assignedTo: body.assigneeId,
        assignedAt: body.assigneeId ? new Date() : null,
      });
      if (!updated)
        stale.push({ name: `body.items.${i}`, code: 'stale', reason: 'Changed by someone else meanwhile.' });
      else out.push({ id: updated.id, version: updated.version });
    }
    if (stale.length > 0) {
      throw new ProblemError(
        409,
        'melding-gewijzigd',
        'Conflict',
        'Some meldingen were changed by someone else or are closed; nothing was assigned. Reload the list and try again.',
        stale,
      );
    }
    await recordAudit(tx, ctx, {
      action: 'followup.assign_bulk',
      purpose,
      subjectType: 'melding',
      subjectIds: ids,
      details: { to: body.assigneeId },
    });
    return { assigned: out.length, items: out };
  });
}

// --- Contact attempts --------------------------------------------------------------------------------------

export async function registerContactAttempt(
  db: Orm,
  ctx: UserContext,
  deps: FollowupDeps,
  id: string,
  body: z.output<typeof ContactAttemptBody>,
) {
  return db.transaction(async (tx) => {
    const current = await loadForChange(tx, ctx, id, body.version);
    const sigs = await repo.signalStatuses(tx, ctx.municipalityId, id);
    const firstSignal = sigs.map((s) => s.signalDate).sort()[0] ?? null;
    const bad = contactDateProblems(body.datum, deps.today(), firstSignal);
    if (bad.length > 0) throw invalid('The date of the contact attempt is not possible.', bad);
    const m = current.melding;
    const takenUpOn = m.takenUpOn && m.takenUpOn < body.datum ? m.takenUpOn : body.datum;
    await writeMelding(tx, ctx, id, body.version, {
      // The first attempt takes the melding up (DDAS datumOpgepakt); whoever makes it owns it if nobody did.
      status: 'in_behandeling',
      takenUpOn,
      ...(m.assignedTo ? {} : { assignedTo: ctx.actor.userId, assignedAt: new Date() }),
      firstContactOn: body.datum,
      ...(body.bereikt ? { firstReachedOn: body.datum } : {}),
    });
    const attempt = await repo.insertContactAttempt(tx, {
      municipalityId: ctx.municipalityId,
      meldingId: id,
      soort: body.soort,
      datum: body.datum,
      dagdeel: body.dagdeel ?? null,
      bereikt: body.bereikt,
      note: body.note ?? null,
      createdBy: ctx.actor.userId,
    });
    await repo.setSignalStatuses(
      tx,
      sigs.flatMap((s) => {
        const next = signalStatusAfter(s.ddasStatus as DdasSignaalstatus, { type: 'contact_attempt' });
        return next === s.ddasStatus ? [] : [{ id: s.id, ddasStatus: next, reason: null }];
      }),
    );
    await recordAudit(tx, ctx, {
      action: 'followup.contact_attempt',
      purpose,
      subjectType: 'melding',
      subjectIds: [id, attempt.id],
      details: { soort: body.soort, bereikt: body.bereikt },
    });
    return workItem(tx, ctx, deps, id);
  });
}

// --- Planned actions, agenda and route ---------------------------------------------------------------------

export async function planAction(
  db: Orm,
  ctx: UserContext,
  deps: FollowupDeps,
  id: string,
  body: z.output<typeof PlannedActionBody>,
) {
  return db.transaction(async (tx) => {
    const row = await repo.findWork(tx, ctx.municipalityId, id);
    if (!row) throw problems.notFound();
    if (row.melding.status === 'afgesloten') throw closedMelding();
    if (body.plannedFor < deps.today()) {
      throw invalid('A planned action cannot lie in the past.', [
        { name: 'body.plannedFor', code: 'in_past', reason: 'Pick today or a later day.' },
      ]);
    }
    const assignee = body.assigneeId ?? ctx.actor.userId;
    if (body.assigneeId) await checkHandler(tx, ctx, body.assigneeId, 'body.assigneeId');
    const action = await repo.insertPlannedAction(tx, {
      municipalityId: ctx.municipalityId,
      meldingId: id,
      kind: body.kind,
      plannedFor: body.plannedFor,
      dagdeel: body.dagdeel ?? null,
      assignedTo: assignee,
      note: body.note ?? null,
      createdBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'followup.action_plan',
      purpose,
      subjectType: 'melding',
      subjectIds: [id, action.id],
      details: { kind: body.kind, plannedFor: body.plannedFor },
    });
    return presentPlannedAction(action, await repo.userNames(tx, [assignee]));
  });
}

export async function updateAction(
  db: Orm,
  ctx: UserContext,
  deps: FollowupDeps,
  actionId: string,
  body: z.output<typeof PlannedActionPatchBody>,
) {
  return db.transaction(async (tx) => {
    const action = await repo.findPlannedAction(tx, ctx.municipalityId, actionId);
    if (!action) throw problems.notFound();
    if (body.plannedFor && body.plannedFor < deps.today()) {
      throw invalid('A planned action cannot lie in the past.', [
        { name: 'body.plannedFor', code: 'in_past', reason: 'Pick today or a later day.' },
      ]);
    }
    if (body.assigneeId) await checkHandler(tx, ctx, body.assigneeId, 'body.assigneeId');
    const updated = await repo.updatePlannedAction(tx, ctx.municipalityId, actionId, {
      ...(body.status ? { status: body.status, doneAt: body.status === 'gedaan' ? new Date() : null } : {}),
      ...(body.plannedFor ? { plannedFor: body.plannedFor } : {}),
      ...(body.dagdeel !== undefined ? { dagdeel: body.dagdeel } : {}),
      ...(body.assigneeId ? { assignedTo: body.assigneeId } : {}),
      ...(body.note !== undefined ? { note: body.note } : {}),
    });
    if (!updated) throw problems.notFound();
    await recordAudit(tx, ctx, {
      action: 'followup.action_update',
      purpose,
      subjectType: 'melding',
      subjectIds: [action.meldingId, actionId],
      details: { fields: Object.keys(body) },
    });
    return presentPlannedAction(updated, await repo.userNames(tx, [updated.assignedTo]));
  });
}

export async function getAgenda(
  db: Orm,
  ctx: UserContext,
  deps: FollowupDeps,
  q: z.output<typeof AgendaQuery>,
) {
  const from = q.from ?? deps.today();
  const to = q.to ?? addDays(from, 14);
  if (to < from)
    throw invalid('The period ends before it starts.', [
      { name: 'query.to', code: 'before_from', reason: 'to lies before from' },
    ]);
  return db.transaction(async (tx) => {
    const userId = q.assigneeId ?? ctx.actor.userId;
    if (q.assigneeId) await checkHandler(tx, ctx, q.assigneeId, 'query.assigneeId');
    const rows = await repo.agenda(tx, ctx.municipalityId, userId, to);
    const names = await repo.userNames(
      tx,
      rows.map((r) => r.action.assignedTo),
    );
    await recordAudit(tx, ctx, {
      action: 'followup.agenda',
      purpose,
      subjectType: 'melding',
      subjectIds: [...new Set(rows.map((r) => r.action.meldingId))],
    });
    const today = deps.today();
    return {
      items: rows.map((r) =>
        Object.assign(presentPlannedAction(r.action, names), {
          meldingStatus: r.meldingStatus,
          isCrisis: r.isCrisis,
          overdue: r.action.plannedFor < today,
        }),
      ),
      nextCursor: null,
    };
  });
}

export async function getHomeVisitRoute(
  db: Orm,
  ctx: UserContext,
  deps: FollowupDeps,
  q: z.output<typeof RouteQuery>,
) {
  const datum = q.datum ?? deps.today();
  return db.transaction(async (tx) => {
    const userId = q.assigneeId ?? ctx.actor.userId;
    if (q.assigneeId) await checkHandler(tx, ctx, q.assigneeId, 'query.assigneeId');
    const rows = await repo.homeVisits(tx, ctx.municipalityId, userId, datum);
    const names = await repo.residentNames(
      tx,
      ctx.municipalityId,
      rows.map((r) => r.melding.id),
    );
    const userName = (await repo.userNames(tx, [userId])).get(userId) ?? '';
    await recordAudit(tx, ctx, {
      action: 'followup.route',
      purpose,
      subjectType: 'melding',
      subjectIds: rows.map((r) => r.melding.id),
      details: { datum },
    });
    return {
      datum,
      assignee: { id: userId, name: userName },
      stops: rows.map((r) => ({
        actionId: r.action.id,
        meldingId: r.melding.id,
        dagdeel: (r.action.dagdeel as 'Ochtend' | 'Middag' | 'Avond' | null) ?? null,
        naam: names.get(r.melding.id) ?? '',
        adres: r.address
          ? `${r.address.straat} ${r.address.huisnummer}${r.address.huisletter ?? ''}${r.address.toevoeging ? `-${r.address.toevoeging}` : ''}`
          : '',
        postcode: r.address?.postcode ?? '',
        woonplaats: r.address?.woonplaats ?? '',
        isCrisis: r.melding.isCrisis,
        partnerTypes: r.melding.partnerTypes,
        note: r.action.note,
      })),
    };
  });
}

// --- Closing -----------------------------------------------------------------------------------------------

export const QUICK_FIX_JOB = 'followup.quick-fix-check';

/** Closes the melding in the caller's transaction: result, signal statuses, open actions cancelled. */
async function closeInTx(
  tx: Orm,
  ctx: ServiceContext,
  id: string,
  version: number,
  close: { eindresultaat: DdasEindresultaat; note: string | null; takenUp: boolean; today: string },
) {
  const userId = ctx.actor.type === 'user' ? ctx.actor.userId : null;
  const updated = await writeMelding(tx, ctx, id, version, {
    status: 'afgesloten',
    eindresultaat: close.eindresultaat,
    closingNote: close.note,
    closedAt: new Date(),
    closedBy: userId,
  });
  const sigs = await repo.signalStatuses(tx, ctx.municipalityId, id);
  await repo.setSignalStatuses(
    tx,
    sigs.flatMap((s) => {
      const next = signalStatusAfter(s.ddasStatus as DdasSignaalstatus, {
        type: 'closed',
        eindresultaat: close.eindresultaat,
        takenUp: close.takenUp,
      });
      return next === s.ddasStatus ? [] : [{ id: s.id, ddasStatus: next, reason: null }];
    }),
  );
  await repo.cancelOpenActions(tx, ctx.municipalityId, id, ['quick_fix_controle', 'gemeente_informeren']);
  return updated;
}

export async function closeMelding(
  db: Orm,
  ctx: UserContext,
  deps: FollowupDeps,
  id: string,
  body: z.output<typeof CloseBody>,
) {
  const result = await db.transaction(async (tx) => {
    await loadForChange(tx, ctx, id, body.version);
    const stats = await repo.attemptStats(tx, ctx.municipalityId, id);
    const bad = closingProblems(body.eindresultaat, {
      attempts: stats.attempts,
      reached: stats.reached,
      quickFixAcceptedOn: body.quickFixAcceptedOn,
      today: deps.today(),
    });
    if (bad.length > 0) throw invalid('The melding cannot be closed with this result yet.', bad);
    await closeInTx(tx, ctx, id, body.version, {
      eindresultaat: body.eindresultaat,
      note: body.note ?? null,
      takenUp: stats.attempts > 0,
      today: deps.today(),
    });
    let check: repo.QuickFixRow | null = null;
    if (body.eindresultaat === QUICK_FIX && body.quickFixAcceptedOn) {
      const dueOn = addDays(body.quickFixAcceptedOn, QUICK_FIX_DAYS);
      const fresh = {
        acceptedOn: body.quickFixAcceptedOn,
        dueOn,
        // Already due when the acceptance lies more than 30 days back.
        status: dueOn <= deps.today() ? ('te_bevestigen' as const) : ('gepland' as const),
        assignedTo: ctx.actor.userId,
      };
      // A melding reopened after a failed quick fix has its (one) check already: it starts again, and the audit
      // rows keep what the earlier check said.
      const earlier = await repo.quickFixOf(tx, ctx.municipalityId, id);
      check = earlier
        ? ((await repo.updateQuickFix(tx, ctx.municipalityId, earlier.id, {
            ...fresh,
            confirmedBy: null,
            confirmedAt: null,
            note: null,
          })) ?? null)
        : await repo.insertQuickFixCheck(tx, { municipalityId: ctx.municipalityId, meldingId: id, ...fresh });
      await repo.insertPlannedAction(tx, {
        municipalityId: ctx.municipalityId,
        meldingId: id,
        kind: 'quick_fix_controle',
        plannedFor: [dueOn, deps.today()].sort()[1] ?? dueOn,
        assignedTo: ctx.actor.userId,
        note: null,
        createdBy: ctx.actor.userId,
      });
    }
    await recordAudit(tx, ctx, {
      action: 'followup.close',
      purpose,
      subjectType: 'melding',
      subjectIds: [id],
      details: { eindresultaat: body.eindresultaat, quickFixDue: check?.dueOn },
    });
    return { item: await workItem(tx, ctx, deps, id), check };
  });
  if (result.check?.status === 'gepland' && deps.jobs) {
    // After the commit, so the job never runs for a closing that was rolled back. The daily sweep
    // (markDueQuickFixChecks) catches a check whose job got lost.
    await deps.jobs.send(
      QUICK_FIX_JOB,
      { checkId: result.check.id },
      { startAfter: new Date(`${result.check.dueOn}T06:00:00Z`), singletonKey: result.check.id },
    );
  }
  return result.item;
}

export async function listQuickFixChecks(db: Orm, ctx: UserContext) {
  return db.transaction(async (tx) => {
    const rows = await repo.quickFixesToConfirm(tx, ctx.municipalityId, null);
    const names = await repo.userNames(
      tx,
      rows.map((r) => r.assignedTo),
    );
    return { items: rows.map((r) => presentQuickFix(r, names)), nextCursor: null };
  });
}

export async function confirmQuickFix(
  db: Orm,
  ctx: UserContext,
  deps: FollowupDeps,
  id: string,
  body: z.output<typeof QuickFixConfirmBody>,
) {
  return db.transaction(async (tx) => {
    const check = await repo.findQuickFix(tx, ctx.municipalityId, id);
    if (!check) throw problems.notFound();
    if (check.status === 'opgelost' || check.status === 'niet_opgelost') {
      throw problems.conflict('This quick fix was confirmed already.');
    }
    const updated = await repo.updateQuickFix(tx, ctx.municipalityId, id, {
      status: body.solved ? 'opgelost' : 'niet_opgelost',
      confirmedBy: ctx.actor.userId,
      confirmedAt: new Date(),
      note: body.note ?? null,
    });
    if (!updated) throw problems.notFound();
    const actions = await repo.plannedActionsOf(tx, ctx.municipalityId, check.meldingId);
    for (const a of actions.filter((x) => x.kind === 'quick_fix_controle' && x.status === 'gepland')) {
      await repo.updatePlannedAction(tx, ctx.municipalityId, a.id, { status: 'gedaan', doneAt: new Date() });
    }
    await recordAudit(tx, ctx, {
      action: 'followup.quick_fix_confirm',
      purpose,
      subjectType: 'melding',
      subjectIds: [check.meldingId, id],
      details: { solved: body.solved },
    });
    if (!body.solved) await reopenAfterFailedQuickFix(tx, ctx, deps, check, body.note ?? null);
    return presentQuickFix(updated, await repo.userNames(tx, [updated.assignedTo]));
  });
}

/**
 * The arrears were not solved within 30 days: the quick fix did not work, so the melding is not done. It goes back
 * to in behandeling without its end result, and the worker gets a new contact deadline (a call-back on the agenda,
 * counted like the first contact) so the resident is approached again. The audit row is the melding's history.
 */
async function reopenAfterFailedQuickFix(
  tx: Orm,
  ctx: UserContext,
  deps: FollowupDeps,
  check: repo.QuickFixRow,
  note: string | null,
) {
  const row = await repo.findWork(tx, ctx.municipalityId, check.meldingId);
  if (!row) throw problems.notFound();
  const m = row.melding;
  // Reopened meanwhile by hand, or closed again with another result: nothing to undo.
  if (m.status !== 'afgesloten' || m.eindresultaat !== QUICK_FIX) return;
  await writeMelding(tx, ctx, m.id, m.version, {
    status: 'in_behandeling',
    eindresultaat: null,
    closingNote: null,
    closedAt: null,
    closedBy: null,
  });
  const c = await clock(tx, ctx.municipalityId, deps);
  const contactDue = m.isCrisis
    ? c.calendar.addWorkingDays(c.today, c.settings.crisisWorkingDays)
    : c.calendar.due(c.today, c.settings.firstContactDays, c.settings.firstContactUnit);
  const worker = m.assignedTo ?? check.assignedTo ?? ctx.actor.userId;
  const action = await repo.insertPlannedAction(tx, {
    municipalityId: ctx.municipalityId,
    meldingId: m.id,
    kind: 'terugbellen',
    plannedFor: contactDue,
    assignedTo: worker,
    note: note ?? 'Quick fix niet gelukt: neem opnieuw contact op.',
    createdBy: ctx.actor.userId,
  });
  await recordAudit(tx, ctx, {
    action: 'followup.reopen',
    purpose,
    subjectType: 'melding',
    subjectIds: [m.id, check.id, action.id],
    details: { reason: 'quick_fix_not_solved', previousEindresultaat: m.eindresultaat, contactDue },
  });
}

/** The job: checks whose 30 days have passed now wait for the worker's confirmation. Idempotent. */
export async function markDueQuickFixChecks(db: Orm, today: string): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await repo.markDueQuickFixes(tx, today);
    for (const check of due) {
      await recordAudit(
        tx,
        {
          actor: { type: 'system', name: 'followup' },
          municipalityId: check.municipalityId,
          requestId: 'job',
        },
        {
          action: 'followup.quick_fix_due',
          purpose,
          subjectType: 'melding',
          subjectIds: [check.meldingId, check.id],
        },
      );
    }
    return due.length;
  });
}

// --- Warm handover -----------------------------------------------------------------------------------------

export async function handOver(
  db: Orm,
  ctx: UserContext,
  deps: FollowupDeps,
  id: string,
  body: z.output<typeof HandoverBody>,
) {
  return db.transaction(async (tx) => {
    const current = await loadForChange(tx, ctx, id, body.version);
    const m = current.melding;
    const today = deps.today();
    const c = await clock(tx, ctx.municipalityId, deps);
    const stats = await repo.attemptStats(tx, ctx.municipalityId, id);
    const financial = body.kind === 'extern' ? body.financial : false;
    const eindresultaat = handoverResult(body.kind, financial);
    if (body.close) {
      const bad = closingProblems(eindresultaat, { attempts: stats.attempts, reached: stats.reached, today });
      if (bad.length > 0) throw invalid('Talk with the resident before handing over.', bad);
    }
    if (body.kind === 'extern' && body.consentGivenOn > today) {
      throw invalid('Consent cannot lie in the future.', [
        { name: 'body.consentGivenOn', code: 'in_future', reason: 'This day lies in the future.' },
      ]);
    }
    if (body.kind === 'schuldhulp' && body.requestedOn && body.requestedOn > today) {
      throw invalid('The request cannot lie in the future.', [
        { name: 'body.requestedOn', code: 'in_future', reason: 'This day lies in the future.' },
      ]);
    }
    if (body.kind === 'regisseur' && body.regisseurId) {
      const regisseurs = await repo.membersWithRoles(tx, ctx.municipalityId, ['regisseur']);
      if (!regisseurs.some((r) => r.id === body.regisseurId)) {
        throw invalid('Unknown regisseur.', [
          {
            name: 'body.regisseurId',
            code: 'not_a_regisseur',
            reason: 'Not a regisseur of this municipality',
          },
        ]);
      }
    }

    // The household record: the open case of the household if there is one, otherwise a new one.
    let householdCase = m.householdId
      ? await repo.openCaseOfHousehold(tx, ctx.municipalityId, m.householdId)
      : undefined;
    let created = false;
    if (body.kind !== 'extern' || householdCase) {
      if (!householdCase) {
        if (body.kind === 'regisseur' && !body.regisseurId) {
          throw invalid('Choose the regisseur of this household.', [
            { name: 'body.regisseurId', code: 'required', reason: 'The household has no regisseur yet' },
          ]);
        }
        householdCase =
          (await repo.insertCase(tx, {
            municipalityId: ctx.municipalityId,
            householdId: m.householdId,
            regisseurId: body.kind === 'regisseur' ? (body.regisseurId ?? null) : null,
            openedFromMeldingId: id,
          })) ??
          (m.householdId ? await repo.openCaseOfHousehold(tx, ctx.municipalityId, m.householdId) : undefined);
        created = true;
        if (!householdCase) throw new Error('household case neither created nor found');
      } else if (body.kind === 'regisseur') {
        if (!householdCase.regisseurId && !body.regisseurId) {
          throw invalid('Choose the regisseur of this household.', [
            { name: 'body.regisseurId', code: 'required', reason: 'The household has no regisseur yet' },
          ]);
        }
        if (householdCase.regisseurId && body.regisseurId && householdCase.regisseurId !== body.regisseurId) {
          throw invalid('The household already has a regisseur.', [
            {
              name: 'body.regisseurId',
              code: 'has_regisseur',
              reason: 'Hand over to the regisseur of the household',
            },
          ]);
        }
        if (!householdCase.regisseurId && body.regisseurId) {
          await repo.setCaseRegisseur(tx, ctx.municipalityId, householdCase.id, body.regisseurId);
          householdCase = { ...householdCase, regisseurId: body.regisseurId };
        }
      }
    }

    let debtHelp: Awaited<ReturnType<typeof repo.insertDebtHelpRequest>> | null = null;
    if (body.kind === 'schuldhulp' && householdCase) {
      const requestedOn = body.requestedOn ?? today;
      debtHelp = await repo.insertDebtHelpRequest(tx, {
        municipalityId: ctx.municipalityId,
        householdCaseId: householdCase.id,
        meldingId: id,
        requestedOn,
        isThreatening: body.threatening,
        firstConversationDue: wgsFirstConversationDue(c.calendar, requestedOn, body.threatening),
        note: body.note ?? null,
        createdBy: ctx.actor.userId,
      });
    }
    const handover = await repo.insertHandover(tx, {
      municipalityId: ctx.municipalityId,
      meldingId: id,
      kind: body.kind,
      householdCaseId: householdCase?.id ?? null,
      debtHelpRequestId: debtHelp?.id ?? null,
      organisation: body.kind === 'extern' ? body.organisation : null,
      consentGivenOn: body.kind === 'extern' ? body.consentGivenOn : null,
      consentNote: body.kind === 'extern' ? (body.consentNote ?? null) : null,
      note: body.note ?? null,
      createdBy: ctx.actor.userId,
    });
    const updated = body.close
      ? await closeInTx(tx, ctx, id, body.version, {
          eindresultaat,
          note: body.note ?? null,
          takenUp: true,
          today,
        })
      : await writeMelding(tx, ctx, id, body.version, {});
    await recordAudit(tx, ctx, {
      action: 'followup.warm_handover',
      purpose,
      subjectType: 'melding',
      subjectIds: [
        id,
        handover.id,
        ...(householdCase ? [householdCase.id] : []),
        ...(debtHelp ? [debtHelp.id] : []),
      ],
      details: { kind: body.kind, caseCreated: created, closed: body.close },
    });
    const names = await repo.userNames(tx, [ctx.actor.userId, householdCase?.regisseurId ?? null]);
    return {
      handover: presentHandover(handover, names),
      householdCase: householdCase ? presentCase(householdCase, names) : null,
      householdCaseCreated: created,
      debtHelpRequest: debtHelp ? presentDebtHelp(debtHelp, today) : null,
      version: updated.version,
      status: updated.status,
    };
  });
}

export async function listDebtHelpRequests(db: Orm, ctx: UserContext, deps: FollowupDeps) {
  return db.transaction(async (tx) => {
    const rows = await repo.openDebtHelpRequests(tx, ctx.municipalityId, 200);
    await recordAudit(tx, ctx, {
      action: 'followup.debt_help_list',
      purpose,
      subjectType: 'debt_help_request',
      subjectIds: rows.map((r) => r.id),
    });
    return { items: rows.map((r) => presentDebtHelp(r, deps.today())), nextCursor: null };
  });
}

// --- Moves -------------------------------------------------------------------------------------------------

const MOVED_OUT: DdasEindresultaat = 'Persoon is geen inwoner (meer) in de gemeente';

/**
 * When the BRP shows the household moved out of the municipality, the melding closes with "Persoon is geen
 * inwoner (meer) in de gemeente" and the worker gets a task to inform the new municipality.
 */
async function closeIfMovedInTx(tx: Orm, ctx: ServiceContext, deps: FollowupDeps, id: string) {
  const row = await repo.findWork(tx, ctx.municipalityId, id);
  if (!row) throw problems.notFound();
  const m = row.melding;
  const members = m.householdId
    ? (await deps.brp(tx).household(ctx.municipalityId, m.householdId)).members
    : [];
  const movedOut = householdMovedOut(members);
  if (!movedOut || m.status === 'afgesloten') {
    return { movedOut, closed: false, version: m.version, informNewMunicipality: false };
  }
  const stats = await repo.attemptStats(tx, ctx.municipalityId, id);
  const updated = await closeInTx(tx, ctx, id, m.version, {
    eindresultaat: MOVED_OUT,
    note: 'BRP: verhuisd naar een andere gemeente',
    takenUp: stats.attempts > 0,
    today: deps.today(),
  });
  const worker = m.assignedTo ?? (ctx.actor.type === 'user' ? ctx.actor.userId : null);
  await repo.insertPlannedAction(tx, {
    municipalityId: ctx.municipalityId,
    meldingId: id,
    kind: 'gemeente_informeren',
    plannedFor: deps.today(),
    assignedTo: worker,
    note: null,
    createdBy: ctx.actor.type === 'user' ? ctx.actor.userId : null,
  });
  await recordAudit(tx, ctx, {
    action: 'followup.moved_out',
    purpose,
    subjectType: 'melding',
    subjectIds: [id],
  });
  return { movedOut, closed: true, version: updated.version, informNewMunicipality: worker !== null };
}

export async function checkMove(db: Orm, ctx: UserContext, deps: FollowupDeps, id: string) {
  return db.transaction((tx) => closeIfMovedInTx(tx, ctx, deps, id));
}

/** The daily job: every open melding of every municipality against the BRP. */
export async function checkMovesEverywhere(db: Orm, deps: FollowupDeps): Promise<number> {
  let closed = 0;
  for (const municipalityId of await repo.municipalityIds(db)) {
    const ctx: ServiceContext = {
      actor: { type: 'system', name: 'followup' },
      municipalityId,
      requestId: 'job',
    };
    let after: string | undefined;
    for (;;) {
      const batch = await repo.activeMeldingenWithHousehold(db, municipalityId, 500, after);
      if (batch.length === 0) break;
      for (const m of batch) {
        // One transaction per melding: a worker's concurrent change only makes this one wait for tomorrow.
        try {
          const r = await db.transaction((tx) => closeIfMovedInTx(tx, ctx, deps, m.id));
          if (r.closed) closed++;
        } catch (err) {
          if (!(err instanceof ProblemError)) throw err;
        }
      }
      after = batch.at(-1)?.id;
    }
  }
  return closed;
}
