// Use cases of the debt-help trajectory. Each one: permission already checked by the route, invariants here, one
// transaction, an audit row in it (reads of personal data included), and a household timeline event for changes.
import type { ShvPeriodKind } from '../../../shared/ddas-shv.ts';
import type { InvalidParam } from '../../../shared/problem.ts';
import {
  type DebtBody,
  DebtHelpSettingsSchema,
  type DebtPatchBody,
  type NewTrajectoryBody,
  type PeriodBody,
  type PeriodPatchBody,
  type PhaseBody,
  type TrajectoryListQuery,
} from '../../../shared/schemas/schuldhulp.ts';
import type { Orm } from '../../db/client.ts';
import type { UserContext } from '../../http/context.ts';
import { decodeKeyCursor, encodeKeyCursor } from '../../http/cursor.ts';
import { ProblemError, problems } from '../../http/problem.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import { WorkCalendar } from '../vroegsignalering/followup/deadlines.ts';
import { loadSettings as loadFollowupSettings } from '../vroegsignalering/followup/service.ts';
import {
  type ClockFacts,
  DEFAULT_DEBT_HELP_SETTINGS,
  type DebtHelpSettings,
  firstConversationDue,
  trajectoryClocks,
} from './clocks.ts';
import { parseDebtCsv } from './debt-csv.ts';
import { currentPhase, periodProblems, phaseProblems } from './policy.ts';
import { debtTotals, presentDebt, presentSummary, presentTrajectory } from './presenter.ts';
import * as repo from './repository.ts';

export type SchuldhulpDeps = { today: () => string };

const purpose = PURPOSES.debtHelp;
/** Who may be the counsellor of a trajectory. */
const COUNSELLOR_ROLES = ['schuldhulpverlener'];

const invalid = (detail: string, params: InvalidParam[]) => problems.badRequest(detail, params);

const staleTrajectory = () =>
  new ProblemError(
    409,
    'traject-gewijzigd',
    'Conflict',
    'Someone else changed this trajectory since you opened it. Reload it to see the change, then try again.',
  );
const closedTrajectory = () =>
  new ProblemError(
    409,
    'traject-afgesloten',
    'Conflict',
    'This trajectory has ended (uitstroom); an ended trajectory cannot be changed.',
  );
const staleDebt = () =>
  new ProblemError(
    409,
    'schuld-gewijzigd',
    'Conflict',
    'Someone else changed this debt since you opened it.',
  );

// --- Settings and calendar ---------------------------------------------------------------------------------

export async function loadDebtHelpSettings(tx: Orm, municipalityId: string): Promise<DebtHelpSettings> {
  const row = await repo.findSettings(tx, municipalityId);
  return row ? DebtHelpSettingsSchema.parse(row) : DEFAULT_DEBT_HELP_SETTINGS;
}

/** The municipality's working calendar (public holidays, Bevrijdingsdag policy, own closing days). */
async function calendarOf(tx: Orm, municipalityId: string): Promise<WorkCalendar> {
  return new WorkCalendar(await loadFollowupSettings(tx, municipalityId));
}

async function clockContext(tx: Orm, municipalityId: string) {
  return {
    cal: await calendarOf(tx, municipalityId),
    settings: await loadDebtHelpSettings(tx, municipalityId),
  };
}

function clockFacts(
  t: repo.TrajectoryRow,
  periods: Pick<repo.PeriodRow, 'id' | 'kind' | 'startOn' | 'endOn'>[],
): ClockFacts {
  return {
    requestedOn: t.requestedOn,
    firstConversationDue: t.firstConversationDue,
    firstConversationOn: t.firstConversationOn,
    beschikkingOn: t.beschikkingOn,
    oplossingSoort: t.oplossingSoort,
    oplossingStart: t.oplossingStart,
    oplossingEnd: t.oplossingEnd,
    uitstroomOn: t.uitstroomOn,
    periods: periods.map((p) => ({ id: p.id, kind: p.kind, startOn: p.startOn, endOn: p.endOn })),
  };
}

export async function getSettings(db: Orm, ctx: UserContext) {
  return db.transaction((tx) => loadDebtHelpSettings(tx, ctx.municipalityId));
}

export async function updateSettings(db: Orm, ctx: UserContext, body: DebtHelpSettings) {
  return db.transaction(async (tx) => {
    await repo.upsertSettings(tx, ctx.municipalityId, body, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'schuldhulp.settings_update',
      purpose: PURPOSES.administration,
      subjectType: 'municipality',
      subjectIds: [ctx.municipalityId],
      details: { ...body },
    });
    return loadDebtHelpSettings(tx, ctx.municipalityId);
  });
}

// --- Timeline of the household (migration 0010) ----------------------------------------------------------

async function timeline(
  tx: Orm,
  ctx: UserContext,
  householdCaseId: string,
  kind: string,
  subjectId: string,
  text: string,
  details: Record<string, unknown> = {},
) {
  await repo.insertTimelineEvent(tx, {
    municipalityId: ctx.municipalityId,
    householdCaseId,
    kind,
    actorUserId: ctx.actor.userId,
    subjectId,
    text,
    details,
  });
}

// --- The trajectory ----------------------------------------------------------------------------------------

async function view(
  tx: Orm,
  ctx: UserContext,
  deps: SchuldhulpDeps,
  t: repo.TrajectoryRow,
  opts: { changed?: boolean } = {},
) {
  const [clients, periods, debts, c] = [
    await repo.clientsOf(tx, ctx.municipalityId, t.id),
    await repo.periodsOf(tx, ctx.municipalityId, t.id),
    await repo.debtsOf(tx, ctx.municipalityId, t.id),
    await clockContext(tx, ctx.municipalityId),
  ];
  const clocks = trajectoryClocks(c.cal, c.settings, clockFacts(t, periods), deps.today());
  // A change may meet a clock (or end the trajectory): its reminders are resolved in the same transaction.
  if (opts.changed)
    await repo.resolveReminders(
      tx,
      t.id,
      clocks.filter((k) => !k.metOn),
    );
  const names = await repo.userNames(tx, [t.counsellorId]);
  return presentTrajectory(t, {
    clients,
    periods,
    debts,
    clocks,
    names,
    canSeeBsn: ctx.actor.permissions.has('persons:read_bsn'),
  });
}

async function loadTrajectory(tx: Orm, ctx: UserContext, id: string, forUpdate = false) {
  const t = await repo.findTrajectory(tx, ctx.municipalityId, id, { forUpdate });
  if (!t) throw problems.notFound('No such trajectory.');
  return t;
}

/** Loads for a change: exists in this municipality, not ended, the caller read the current version. */
async function loadForChange(tx: Orm, ctx: UserContext, id: string, version: number) {
  const t = await loadTrajectory(tx, ctx, id, true);
  if (t.uitstroomOn) throw closedTrajectory();
  if (t.version !== version) throw staleTrajectory();
  return t;
}

async function write(tx: Orm, ctx: UserContext, t: repo.TrajectoryRow, patch: repo.TrajectoryPatch) {
  const ok = await repo.updateTrajectory(tx, ctx.municipalityId, t.id, t.version, patch);
  if (!ok) throw staleTrajectory();
  return loadTrajectory(tx, ctx, t.id);
}

export async function startTrajectory(
  db: Orm,
  ctx: UserContext,
  deps: SchuldhulpDeps,
  body: NewTrajectoryBody,
) {
  return db.transaction(async (tx) => {
    const today = deps.today();
    const hc = await repo.findCase(tx, ctx.municipalityId, body.householdCaseId);
    if (!hc) throw problems.notFound('No such household case.');
    if (hc.status !== 'open')
      throw new ProblemError(409, 'huishouden-gesloten', 'Conflict', 'The household case is closed.');
    const requestedOn = body.requestedOn ?? today;
    const bad: InvalidParam[] = [];
    if (requestedOn > today)
      bad.push({ name: 'body.requestedOn', code: 'in_future', reason: 'This day lies in the future.' });
    if (body.threatKind && !body.threatening)
      bad.push({
        name: 'body.threatKind',
        code: 'not_threatening',
        reason: 'A threat kind belongs to a threatening situation.',
      });
    // The residents: named ones must belong to the household; by default its adults.
    let clients: repo.PersonRow[];
    if (body.clientPersonIds) {
      clients = await repo.personsByIds(tx, ctx.municipalityId, body.clientPersonIds);
      const wrong = body.clientPersonIds.filter(
        (id) => !clients.some((p) => p.id === id && p.householdId === hc.householdId),
      );
      for (const id of wrong)
        bad.push({
          name: `body.clientPersonIds.${body.clientPersonIds.indexOf(id)}`,
          code: 'not_in_household',
          reason: 'This person is not a member of the household.',
        });
      clients = body.clientPersonIds
        .map((id) => clients.find((p) => p.id === id))
        .filter((p): p is repo.PersonRow => !!p);
    } else {
      clients = hc.householdId
        ? (await repo.adultsOfHousehold(tx, ctx.municipalityId, hc.householdId)).slice(0, 2)
        : [];
    }
    const counsellorId = body.counsellorId === undefined ? ctx.actor.userId : body.counsellorId;
    if (counsellorId) {
      const counsellors = await repo.usersWithRoles(tx, ctx.municipalityId, COUNSELLOR_ROLES);
      if (!counsellors.some((u) => u.id === counsellorId))
        bad.push({
          name: 'body.counsellorId',
          code: 'not_a_counsellor',
          reason: 'Not a schuldhulpverlener of this municipality.',
        });
    }
    if (bad.length > 0) throw invalid('The help request cannot be registered.', bad);
    const c = await clockContext(tx, ctx.municipalityId);
    const id = await repo.insertTrajectory(tx, {
      municipalityId: ctx.municipalityId,
      householdCaseId: hc.id,
      requestedOn,
      isThreatening: body.threatening,
      threatKind: body.threatening ? (body.threatKind ?? null) : null,
      crisis: body.crisisinterventie,
      firstConversationDue: firstConversationDue(c.cal, requestedOn, body.threatening),
      counsellorId,
      note: body.note ?? null,
      createdBy: ctx.actor.userId,
    });
    await repo.insertClients(
      tx,
      ctx.municipalityId,
      id,
      clients.map((p) => p.id),
    );
    await recordAudit(tx, ctx, {
      action: 'schuldhulp.trajectory_start',
      purpose,
      subjectType: 'schuldhulptraject',
      subjectIds: [id, hc.id, ...clients.map((p) => p.id)],
      details: { threatening: body.threatening, crisis: body.crisisinterventie },
    });
    await timeline(tx, ctx, hc.id, 'schuldhulp_aanmelding', id, 'Aanmelding schuldhulpverlening');
    return view(tx, ctx, deps, await loadTrajectory(tx, ctx, id));
  });
}

export async function getTrajectory(db: Orm, ctx: UserContext, deps: SchuldhulpDeps, id: string) {
  return db.transaction(async (tx) => {
    const t = await loadTrajectory(tx, ctx, id);
    await recordAudit(tx, ctx, {
      action: 'schuldhulp.trajectory_read',
      purpose,
      subjectType: 'schuldhulptraject',
      subjectIds: [id],
    });
    return view(tx, ctx, deps, t);
  });
}

/**
 * The caseload: a page of trajectories, newest first. With `klok`, only trajectories whose most urgent clock is in
 * that state; that filter runs on the page in memory (clocks need the holiday calendar), so a page may hold fewer
 * items than `limit` while nextCursor still leads on.
 */
export async function listTrajectories(
  db: Orm,
  ctx: UserContext,
  deps: SchuldhulpDeps,
  q: TrajectoryListQuery,
) {
  return db.transaction(async (tx) => {
    const after = decodeKeyCursor(q.cursor, 2);
    const list = await repo.listTrajectories(tx, ctx.municipalityId, {
      counsellorId: q.mine === 'true' ? ctx.actor.userId : undefined,
      householdCaseId: q.householdCaseId,
      phase: q.fase,
      after: after ? { requestedOn: String(after[0]), id: String(after[1]) } : undefined,
      limit: q.limit + 1,
    });
    const pageRows = list.slice(0, q.limit);
    const c = await clockContext(tx, ctx.municipalityId);
    const today = deps.today();
    const names = await repo.userNames(
      tx,
      pageRows.map((r) => r.counsellorId),
    );
    const items = pageRows
      .map((r) =>
        presentSummary(r, trajectoryClocks(c.cal, c.settings, clockFacts(r, r.periods ?? []), today), names),
      )
      .filter((s) => !q.klok || s.nextClock?.state === q.klok);
    const last = pageRows.at(-1);
    await recordAudit(tx, ctx, {
      action: 'schuldhulp.trajectory_list',
      purpose,
      subjectType: 'schuldhulptraject',
      subjectIds: items.map((i) => i.id),
      details: { fase: q.fase ?? null, klok: q.klok ?? null, mine: q.mine === 'true' },
    });
    return {
      items,
      nextCursor: list.length > q.limit && last ? encodeKeyCursor([last.requestedOn, last.id]) : null,
    };
  });
}

export async function assignCounsellor(
  db: Orm,
  ctx: UserContext,
  deps: SchuldhulpDeps,
  id: string,
  body: { version: number; counsellorId: string },
) {
  return db.transaction(async (tx) => {
    const t = await loadForChange(tx, ctx, id, body.version);
    const counsellors = await repo.usersWithRoles(tx, ctx.municipalityId, COUNSELLOR_ROLES);
    if (!counsellors.some((u) => u.id === body.counsellorId))
      throw invalid('Unknown counsellor.', [
        {
          name: 'body.counsellorId',
          code: 'not_a_counsellor',
          reason: 'Not a schuldhulpverlener of this municipality.',
        },
      ]);
    const updated = await write(tx, ctx, t, { counsellorId: body.counsellorId });
    await recordAudit(tx, ctx, {
      action: 'schuldhulp.counsellor_assign',
      purpose,
      subjectType: 'schuldhulptraject',
      subjectIds: [id, body.counsellorId],
    });
    await timeline(tx, ctx, t.householdCaseId, 'schuldhulp_toewijzing', id, 'Schuldhulpverlener toegewezen');
    return view(tx, ctx, deps, updated, { changed: true });
  });
}

/** The columns one phase record writes. */
function phasePatch(t: repo.TrajectoryRow, body: PhaseBody): repo.TrajectoryPatch {
  switch (body.fase) {
    case 'aanmelding':
      return { crisis: body.crisisinterventie, aanmeldingEnd: body.einddatum ?? null };
    case 'informatieEnAdvies':
      return { infoAdviesStart: body.startdatum, infoAdviesEnd: body.einddatum ?? null };
    case 'intake':
      return {
        firstConversationOn: body.startdatum,
        intakeEnd: body.einddatum ?? null,
        status: t.status === 'aangevraagd' ? 'in_behandeling' : undefined,
        // The aanmelding ends with the first conversation unless it was recorded.
        aanmeldingEnd: t.aanmeldingEnd ?? body.startdatum,
      };
    case 'beschikking':
      return {
        beschikkingOn: body.datum,
        beschikkingssoort: body.soort,
        intakeEnd: t.intakeEnd ?? body.datum,
      };
    case 'planVanAanpak':
      return { planVanAanpakOn: body.datumAfronding };
    case 'stabilisatie':
      return { stabilisatieStart: body.startdatum, stabilisatieEnd: body.einddatum ?? null };
    case 'oplossing':
      return {
        oplossingSoort: body.soort,
        oplossingStart: body.startdatum,
        oplossingEnd: body.einddatum ?? null,
        vtlbCents: body.vtlbCents ?? null,
      };
    case 'schuldregeling':
      return {
        schuldregelingOn: body.datum,
        schuldregelingToegekend: body.toegekend ?? null,
        schuldregelingAfgewezen: body.afgewezen ?? null,
        schuldregelingIngetrokken: body.ingetrokken ?? null,
        dwangakkoord: body.dwangakkoord,
        dwangakkoordVerzoekOn: body.datumVerzoekDwangakkoord ?? null,
      };
    case 'nazorg':
      return { nazorgStart: body.startdatum, nazorgEnd: body.einddatum ?? null };
    case 'uitstroom':
      return {
        uitstroomOn: body.datum,
        uitstroomReden: body.reden,
        uitstroomOmschrijving: body.omschrijving ?? null,
        beeindigingsbeschikkingOn: body.datumBeeindigingsbeschikking ?? null,
        status: body.reden === 'Ingetrokken' ? 'ingetrokken' : 'afgerond',
      };
  }
}

/** Records (or corrects) one phase of the trajectory. */
export async function recordPhase(
  db: Orm,
  ctx: UserContext,
  deps: SchuldhulpDeps,
  id: string,
  body: PhaseBody,
) {
  return db.transaction(async (tx) => {
    const t = await loadForChange(tx, ctx, id, body.version);
    const bad = phaseProblems(t, body, deps.today());
    if (body.fase === 'uitstroom') {
      // Periods still running end with the trajectory; one that started after the uitstroom day cannot.
      const periods = await repo.periodsOf(tx, ctx.municipalityId, id);
      if (periods.some((p) => p.startOn > body.datum))
        bad.push({
          name: 'body.datum',
          code: 'before_last_phase',
          reason: 'A period starts after this day.',
        });
    }
    if (bad.length > 0) throw invalid(`The phase ${body.fase} cannot be recorded.`, bad);
    const updated = await write(tx, ctx, t, phasePatch(t, body));
    if (body.fase === 'uitstroom') await repo.endOpenPeriods(tx, ctx.municipalityId, id, body.datum);
    await recordAudit(tx, ctx, {
      action: `schuldhulp.phase_${body.fase}`,
      purpose,
      subjectType: 'schuldhulptraject',
      subjectIds: [id],
      details: { fase: body.fase, phaseNow: currentPhase(updated) },
    });
    await timeline(
      tx,
      ctx,
      t.householdCaseId,
      `schuldhulp_${body.fase.toLowerCase()}`,
      id,
      `Schuldhulp: ${body.fase}`,
      {
        fase: body.fase,
      },
    );
    return view(tx, ctx, deps, updated, { changed: true });
  });
}

export async function addPeriod(
  db: Orm,
  ctx: UserContext,
  deps: SchuldhulpDeps,
  id: string,
  body: PeriodBody,
) {
  return db.transaction(async (tx) => {
    const t = await loadForChange(tx, ctx, id, body.version);
    const kind: ShvPeriodKind = body.soort;
    const extra = body.soort === 'moratorium' ? body : { datumAanvraag: null, datumGoedkeuring: null };
    const bad = periodProblems(
      t,
      kind,
      { ...body, datumAanvraag: extra.datumAanvraag, datumGoedkeuring: extra.datumGoedkeuring },
      deps.today(),
    );
    if (bad.length > 0) throw invalid(`The ${kind} cannot be recorded.`, bad);
    const periodId = await repo.insertPeriod(tx, {
      municipalityId: ctx.municipalityId,
      trajectoryId: id,
      kind,
      startOn: body.startdatum,
      endOn: body.einddatum ?? null,
      requestedOn: extra.datumAanvraag ?? null,
      approvedOn: extra.datumGoedkeuring ?? null,
      begeleidingssoort: body.soort === 'begeleiding' ? body.begeleidingssoort : null,
      createdBy: ctx.actor.userId,
    });
    const updated = await write(tx, ctx, t, kind === 'crisisinterventie' ? { crisis: true } : {});
    await recordAudit(tx, ctx, {
      action: `schuldhulp.period_add`,
      purpose,
      subjectType: 'schuldhulptraject',
      subjectIds: [id, periodId],
      details: { kind },
    });
    await timeline(tx, ctx, t.householdCaseId, `schuldhulp_${kind}`, periodId, `Schuldhulp: ${kind}`);
    return view(tx, ctx, deps, updated, { changed: true });
  });
}

export async function changePeriod(
  db: Orm,
  ctx: UserContext,
  deps: SchuldhulpDeps,
  periodId: string,
  body: PeriodPatchBody,
) {
  return db.transaction(async (tx) => {
    const period = await repo.findPeriod(tx, ctx.municipalityId, periodId);
    if (!period) throw problems.notFound('No such period.');
    const t = await loadForChange(tx, ctx, period.trajectoryId, body.version);
    const approvedOn = body.datumGoedkeuring === undefined ? period.approvedOn : body.datumGoedkeuring;
    const bad = periodProblems(
      t,
      period.kind,
      {
        startdatum: period.startOn,
        einddatum: body.einddatum,
        datumAanvraag: period.requestedOn,
        datumGoedkeuring: approvedOn,
      },
      deps.today(),
    );
    if (bad.length > 0) throw invalid(`The ${period.kind} cannot be changed.`, bad);
    await repo.updatePeriod(tx, ctx.municipalityId, periodId, {
      endOn: body.einddatum,
      approvedOn: period.kind === 'moratorium' ? approvedOn : undefined,
    });
    const updated = await write(tx, ctx, t, {});
    await recordAudit(tx, ctx, {
      action: 'schuldhulp.period_change',
      purpose,
      subjectType: 'schuldhulptraject',
      subjectIds: [t.id, periodId],
      details: { kind: period.kind, ended: body.einddatum !== null },
    });
    return view(tx, ctx, deps, updated, { changed: true });
  });
}

// --- Debts -------------------------------------------------------------------------------------------------

export async function addDebt(db: Orm, ctx: UserContext, deps: SchuldhulpDeps, id: string, body: DebtBody) {
  return db.transaction(async (tx) => {
    const t = await loadTrajectory(tx, ctx, id, true);
    if (t.uitstroomOn) throw closedTrajectory();
    const today = deps.today();
    const establishedOn = body.establishedOn ?? today;
    if (establishedOn > today)
      throw invalid('The peildatum lies in the future.', [
        { name: 'body.establishedOn', code: 'in_future', reason: 'This day lies in the future.' },
      ]);
    const [debtId] = await repo.insertDebts(tx, ctx.municipalityId, ctx.actor.userId, [
      {
        trajectoryId: id,
        creditorName: body.creditorName,
        creditorKvk: body.creditorKvk ?? null,
        creditorPostcode: body.creditorPostcode ?? null,
        creditorIsPrivate: body.creditorIsPrivate,
        schuldsoort: body.schuldsoort,
        isBusiness: body.isBusiness,
        originalCents: body.originalCents,
        currentCents: body.currentCents ?? body.originalCents,
        status: body.status,
        establishedOn,
        reference: body.reference ?? null,
      },
    ]);
    if (!debtId) throw new Error('debt insert returned nothing');
    await recordAudit(tx, ctx, {
      action: 'schuldhulp.debt_add',
      purpose,
      subjectType: 'schuld',
      subjectIds: [id, debtId],
      details: { schuldsoort: body.schuldsoort },
    });
    await timeline(tx, ctx, t.householdCaseId, 'schuldhulp_schuld', debtId, 'Schuld toegevoegd');
    const debt = await repo.findDebt(tx, ctx.municipalityId, debtId);
    if (!debt) throw new Error('debt vanished');
    return presentDebt(debt);
  });
}

export async function changeDebt(
  db: Orm,
  ctx: UserContext,
  _deps: SchuldhulpDeps,
  debtId: string,
  body: DebtPatchBody,
) {
  return db.transaction(async (tx) => {
    const debt = await repo.findDebt(tx, ctx.municipalityId, debtId);
    if (!debt) throw problems.notFound('No such debt.');
    const t = await loadTrajectory(tx, ctx, debt.trajectoryId, true);
    if (t.uitstroomOn) throw closedTrajectory();
    if (debt.version !== body.version) throw staleDebt();
    const ok = await repo.updateDebt(tx, ctx.municipalityId, debtId, body.version, body);
    if (!ok) throw staleDebt();
    await recordAudit(tx, ctx, {
      action: 'schuldhulp.debt_change',
      purpose,
      subjectType: 'schuld',
      subjectIds: [t.id, debtId],
      details: { status: body.status ?? null, amountChanged: body.currentCents !== undefined },
    });
    if (body.status && body.status !== debt.status)
      await timeline(
        tx,
        ctx,
        t.householdCaseId,
        'schuldhulp_schuld_status',
        debtId,
        `Schuld: ${body.status}`,
      );
    const updated = await repo.findDebt(tx, ctx.municipalityId, debtId);
    if (!updated) throw new Error('debt vanished');
    return presentDebt(updated);
  });
}

/** A CSV debt list: every good line is stored, every bad one reported (line, column, reason); one transaction. */
export async function importDebts(db: Orm, ctx: UserContext, deps: SchuldhulpDeps, id: string, csv: string) {
  return db.transaction(async (tx) => {
    const t = await loadTrajectory(tx, ctx, id, true);
    if (t.uitstroomOn) throw closedTrajectory();
    const parsed = parseDebtCsv(csv, { today: deps.today() });
    const ids = await repo.insertDebts(
      tx,
      ctx.municipalityId,
      ctx.actor.userId,
      parsed.debts.map(({ row: _row, ...d }) => ({ ...d, trajectoryId: id })),
    );
    await recordAudit(tx, ctx, {
      action: 'schuldhulp.debt_import',
      purpose,
      subjectType: 'schuld',
      subjectIds: [id],
      details: { imported: ids.length, rejectedLines: new Set(parsed.problems.map((p) => p.row)).size },
    });
    if (ids.length > 0)
      await timeline(
        tx,
        ctx,
        t.householdCaseId,
        'schuldhulp_schuldenlijst',
        id,
        `Schuldenlijst: ${ids.length} schulden`,
      );
    const debts = await repo.debtsOf(tx, ctx.municipalityId, id);
    return { imported: ids.length, rejected: parsed.problems, totals: debtTotals(debts) };
  });
}

// --- Reminders ---------------------------------------------------------------------------------------------

export async function listReminders(db: Orm, ctx: UserContext, opts: { all: boolean }) {
  return db.transaction(async (tx) => {
    const rows = await repo.openReminders(tx, ctx.municipalityId, opts.all ? null : ctx.actor.userId, 200);
    await recordAudit(tx, ctx, {
      action: 'schuldhulp.reminder_list',
      purpose,
      subjectType: 'schuldhulptraject',
      subjectIds: [...new Set(rows.map((r) => r.trajectoryId))],
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        trajectoryId: r.trajectoryId,
        clock: r.clock as never,
        kind: r.kind,
        dueOn: r.dueOn,
        createdAt: r.createdAt,
      })),
    };
  });
}

/**
 * The daily sweep (pg-boss job): for every open trajectory, a reminder for each clock that is due soon or overdue
 * (once per clock, period and kind), and reminders of clocks that are no longer open are resolved. Idempotent.
 */
export async function remindClocks(
  db: Orm,
  today: string,
): Promise<{ trajectories: number; created: number }> {
  let after: string | null = null;
  let trajectories = 0;
  let created = 0;
  const contexts = new Map<string, Awaited<ReturnType<typeof clockContext>>>();
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const chunk = await repo.openTrajectoriesChunk(tx, after, 500);
      const reminders: repo.NewReminder[] = [];
      for (const t of chunk) {
        let c = contexts.get(t.municipalityId);
        if (!c) {
          c = await clockContext(tx, t.municipalityId);
          contexts.set(t.municipalityId, c);
        }
        const clocks = trajectoryClocks(c.cal, c.settings, clockFacts(t, t.periods ?? []), today);
        const open = clocks.filter((k) => !k.metOn);
        for (const k of open) {
          if (k.state !== 'overdue' && k.state !== 'due_soon') continue;
          reminders.push({
            municipalityId: t.municipalityId,
            trajectoryId: t.id,
            clock: k.clock,
            periodId: k.periodId,
            kind: k.state,
            dueOn: k.due,
            userId: t.counsellorId,
          });
        }
        await repo.resolveReminders(tx, t.id, open);
      }
      created += await repo.insertReminders(tx, reminders);
      return chunk;
    });
    trajectories += batch.length;
    const last = batch.at(-1);
    if (!last || batch.length < 500) break;
    after = last.id;
  }
  return { trajectories, created };
}
