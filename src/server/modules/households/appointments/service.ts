// Use cases of appointments, the preparation call and referral reminders in the household plan. Like the plan
// itself: the caller must be the regisseur of the open household to change anything (loadForChange), a network
// member reads only with the plan's consent (loadForRead), every change writes the timeline and an audit row in
// its transaction, every read of personal data is audited. E-mail goes out through the job queue afterwards.
import type { z } from 'zod';
import type { InvalidParam } from '../../../../shared/problem.ts';
import type {
  AppointmentBody,
  AppointmentPatchBody,
  AppointmentStatus,
  AppointmentsView,
  ChecklistSettingsBody,
  PreparationBody,
  PreparationLanguage,
  ReminderListQuery,
} from '../../../../shared/schemas/household-appointments.ts';
import type { Config } from '../../../config.ts';
import type { Database, Orm } from '../../../db/client.ts';
import type { ServiceContext, UserContext } from '../../../http/context.ts';
import { ProblemError, problems } from '../../../http/problem.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import { PURPOSES, recordAudit } from '../../audit/service.ts';
import { residentName } from '../../vroegsignalering/outreach/compose.ts';
import { DeliveryError, sendMail } from '../../vroegsignalering/outreach/delivery.ts';
import { renderLettersPdf } from '../../vroegsignalering/outreach/pdf.ts';
import type { Access } from '../policy.ts';
import { notInFuture } from '../policy.ts';
import type { CaseRow } from '../repository.ts';
import {
  type HouseholdDeps,
  loadForChange,
  loadForRead,
  noConsent,
  readLogged,
  timeline,
} from '../service.ts';
import {
  appointmentProblems,
  checklistForLetter,
  languageProblems,
  mailRecipient,
  resolveChecklist,
  type StoredChecklistItem,
  transitionProblems,
} from './policy.ts';
import { APPOINTMENT_TIME_ZONE, composePreparation, preparationLetter } from './preparation.ts';
import { presentAppointment, presentPreparation, presentReminder } from './presenter.ts';
import * as repo from './repository.ts';

/** The household deps and the current moment (appointments have a time of day); injectable for tests. */
export type AppointmentDeps = HouseholdDeps & { now: () => Date };

export const PREPARATION_MAIL_JOB = 'households.preparation_mail';
export const REFERRAL_REMINDER_JOB = 'households.referral_reminders';

const purpose = PURPOSES.householdPlan;

const staleAppointment = () =>
  new ProblemError(
    409,
    'afspraak-gewijzigd',
    'Conflict',
    'Someone else changed this appointment. Reload and try again.',
  );
const finishedAppointment = () =>
  new ProblemError(
    409,
    'afspraak-afgerond',
    'Conflict',
    'This appointment was held, cancelled or missed and cannot change any more. Plan a new appointment.',
  );

function check(detail: string, params: InvalidParam[]) {
  if (params.length > 0) throw problems.badRequest(detail, params);
}

/** "2026-05-12 10:30" in Dutch time: the timeline's text of an appointment, the same in every language. */
function whenText(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: APPOINTMENT_TIME_ZONE,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(at);
}

// --- The view ----------------------------------------------------------------------------------------------

async function buildView(
  tx: Orm,
  ctx: UserContext,
  c: CaseRow,
  access: Access,
  networkMemberIds: readonly string[],
  now: Date,
): Promise<AppointmentsView> {
  const own = new Set(networkMemberIds);
  const professional = access.level === 'professional';
  const seesNetwork = professional || access.categories.has('netwerk');
  const appointments = await repo.appointmentsOf(tx, ctx.municipalityId, c.id, now);
  return {
    householdCaseId: c.id,
    canManage: access.canManage,
    appointments: appointments.map((a) =>
      presentAppointment(a, { networkVisible: (id) => seesNetwork || own.has(id) }),
    ),
    preparations: professional
      ? (await repo.preparationsOf(tx, ctx.municipalityId, c.id)).map(presentPreparation)
      : null,
    reminders: professional
      ? (await repo.openReminders(tx, { municipalityId: ctx.municipalityId, caseId: c.id, limit: 100 })).map(
          presentReminder,
        )
      : null,
  };
}

/** A network member needs the plan's consent to see appointments; professionals see them all. */
async function readable(tx: Orm, ctx: UserContext, caseId: string, deps: AppointmentDeps) {
  const r = await loadForRead(tx, ctx, caseId, deps.today());
  if (r.access.level === 'netwerk' && !r.access.categories.has('plan')) throw noConsent();
  return r;
}

/** After a change: the view as the regisseur sees it, in the same transaction (the change was audited). */
async function viewAfterChange(tx: Orm, ctx: UserContext, caseId: string, deps: AppointmentDeps) {
  const { c, access, networkMemberIds } = await readable(tx, ctx, caseId, deps);
  return buildView(tx, ctx, c, access, networkMemberIds, deps.now());
}

export async function getAppointments(db: Orm, ctx: UserContext, deps: AppointmentDeps, caseId: string) {
  return readLogged(db, ctx, caseId, async (tx) => {
    const { c, access, networkMemberIds } = await readable(tx, ctx, caseId, deps);
    const view = await buildView(tx, ctx, c, access, networkMemberIds, deps.now());
    await recordAudit(tx, ctx, {
      action: 'household.appointments_read',
      purpose,
      subjectType: 'household_case',
      subjectIds: [caseId],
      details: {
        level: access.level,
        appointments: view.appointments.length,
        preparations: view.preparations?.length ?? null,
      },
    });
    return view;
  });
}

// --- Appointments ------------------------------------------------------------------------------------------

/** "With whom": the professional must be staff of this municipality, the others in the household's network. */
async function participantProblems(
  tx: Orm,
  ctx: UserContext,
  caseId: string,
  today: string,
  body: { professionalId?: string; networkMemberIds: readonly string[] },
): Promise<InvalidParam[]> {
  const bad: InvalidParam[] = [];
  if (body.professionalId && !(await repo.findStaffUser(tx, ctx.municipalityId, body.professionalId))) {
    bad.push({
      name: 'body.professionalId',
      code: 'unknown_user',
      reason: 'Not a professional of this municipality.',
    });
  }
  if (body.networkMemberIds.length > 0) {
    const active = await repo.activeNetworkIds(tx, ctx.municipalityId, caseId, today);
    body.networkMemberIds.forEach((id, i) => {
      if (!active.has(id)) {
        bad.push({
          name: `body.networkMemberIds.${i}`,
          code: 'not_in_network',
          reason:
            'This person is not (or no longer) in the network of this household. Add them to the network first.',
        });
      }
    });
  }
  return bad;
}

export async function addAppointment(
  db: Orm,
  ctx: UserContext,
  deps: AppointmentDeps,
  caseId: string,
  body: z.output<typeof AppointmentBody>,
) {
  const now = deps.now();
  return db.transaction(async (tx) => {
    const c = await loadForChange(tx, ctx, caseId);
    const startsAt = new Date(body.startsAt);
    const endsAt = new Date(body.endsAt);
    const location = body.mode === 'telefoon' ? null : body.location || null;
    const bad = [
      ...appointmentProblems({ startsAt, endsAt, status: body.status, mode: body.mode, location }, now, {
        timeChanged: true,
      }),
      ...(await participantProblems(tx, ctx, caseId, deps.today(), body)),
    ];
    check('The appointment is not valid; nothing was saved.', bad);
    const row = await repo.insertAppointment(tx, {
      municipalityId: ctx.municipalityId,
      caseId,
      startsAt,
      endsAt,
      mode: body.mode,
      location,
      purpose: body.purpose,
      note: body.note || null,
      professionalUserId: body.professionalId ?? c.regisseur_id,
      status: body.status,
      networkMemberIds: body.networkMemberIds,
      createdBy: ctx.actor.userId,
    });
    await timeline(tx, ctx, caseId, {
      category: 'plan',
      kind: body.status === 'gehouden' ? 'afspraak_vastgelegd' : 'afspraak_gepland',
      subjectId: row?.id ?? null,
      text: whenText(startsAt),
      details: { purpose: body.purpose, mode: body.mode },
    });
    await recordAudit(tx, ctx, {
      action: 'household.appointment_add',
      purpose,
      subjectType: 'household_case',
      subjectIds: [caseId, ...(row ? [row.id] : [])],
      details: {
        purpose: body.purpose,
        mode: body.mode,
        status: body.status,
        networkMembers: body.networkMemberIds.length,
      },
    });
    return viewAfterChange(tx, ctx, caseId, deps);
  });
}

const STATUS_KIND: Record<AppointmentStatus, string> = {
  gepland: 'afspraak_gepland',
  gehouden: 'afspraak_gehouden',
  geannuleerd: 'afspraak_geannuleerd',
  niet_verschenen: 'afspraak_niet_verschenen',
};

export async function updateAppointment(
  db: Orm,
  ctx: UserContext,
  deps: AppointmentDeps,
  appointmentId: string,
  body: z.output<typeof AppointmentPatchBody>,
) {
  const now = deps.now();
  return db.transaction(async (tx) => {
    const a = await repo.findAppointment(tx, ctx.municipalityId, appointmentId);
    if (!a) throw problems.notFound();
    // Every change of a household's appointments goes through its locked case row, one at a time; the update
    // below checks the version again, so a change read before the lock cannot slip through.
    await loadForChange(tx, ctx, a.household_case_id);
    if (a.version !== body.version) throw staleAppointment();
    const status = body.status ?? a.status;
    const transition = transitionProblems(a.status, status, new Date(a.starts_at), now, body.reason);
    if (transition.final) throw finishedAppointment();
    const startsAt = body.startsAt ? new Date(body.startsAt) : new Date(a.starts_at);
    const endsAt = body.endsAt ? new Date(body.endsAt) : new Date(a.ends_at);
    const mode = body.mode ?? a.mode;
    const location =
      mode === 'telefoon' ? null : body.location !== undefined ? body.location || null : a.location;
    const timeChanged =
      startsAt.getTime() !== new Date(a.starts_at).getTime() ||
      endsAt.getTime() !== new Date(a.ends_at).getTime();
    const bad = [
      ...transition.problems,
      ...appointmentProblems({ startsAt, endsAt, status, mode, location }, now, { timeChanged }),
    ];
    if (timeChanged && status !== 'gepland') {
      bad.push({
        name: 'body.startsAt',
        code: 'not_planned',
        reason: 'Only a planned appointment gets another time.',
      });
    }
    check('The appointment is not valid; nothing was saved.', bad);
    const ok = await repo.updateAppointment(tx, ctx.municipalityId, appointmentId, body.version, {
      startsAt,
      endsAt,
      mode,
      location,
      note: body.note !== undefined ? body.note || null : a.note,
      status,
      statusReason: body.reason !== undefined ? body.reason || null : a.status_reason,
    });
    if (!ok) throw staleAppointment();
    const kind =
      status !== a.status ? STATUS_KIND[status] : timeChanged ? 'afspraak_verzet' : 'afspraak_gewijzigd';
    await timeline(tx, ctx, a.household_case_id, {
      category: 'plan',
      kind,
      subjectId: appointmentId,
      text:
        status === 'geannuleerd' && body.reason
          ? `${whenText(startsAt)}: ${body.reason}`
          : whenText(startsAt),
    });
    await recordAudit(tx, ctx, {
      action: 'household.appointment_update',
      purpose,
      subjectType: 'household_case',
      subjectIds: [a.household_case_id, appointmentId],
      details: { from: a.status, to: status, rescheduled: timeChanged },
    });
    return viewAfterChange(tx, ctx, a.household_case_id, deps);
  });
}

// --- The list of documents -----------------------------------------------------------------------------------

function storedItems(value: unknown): StoredChecklistItem[] | null {
  return Array.isArray(value) ? (value as StoredChecklistItem[]) : null;
}

export async function getChecklist(db: Orm, ctx: UserContext) {
  const s = await repo.findChecklistSettings(db, ctx.municipalityId);
  return { items: resolveChecklist(storedItems(s?.items)), version: s?.version ?? 0 };
}

export async function saveChecklist(db: Orm, ctx: UserContext, body: z.output<typeof ChecklistSettingsBody>) {
  return db.transaction(async (tx) => {
    // Only what the editor gave: optional empty translations are left out, so they fall back to English.
    const items: StoredChecklistItem[] = body.items.map((i) =>
      i.kind === 'standaard'
        ? { kind: 'standaard', code: i.code }
        : {
            kind: 'eigen',
            texts: {
              nl: i.texts.nl,
              en: i.texts.en,
              ...(i.texts.ar ? { ar: i.texts.ar } : {}),
              ...(i.texts.tr ? { tr: i.texts.tr } : {}),
            },
          },
    );
    if (!(await repo.saveChecklistSettings(tx, ctx.municipalityId, body.version, items, ctx.actor.userId))) {
      throw new ProblemError(
        409,
        'meeneemlijst-gewijzigd',
        'Conflict',
        'Someone else saved the list since you opened it. Reload it and make your change again.',
      );
    }
    await recordAudit(tx, ctx, {
      action: 'household.checklist_save',
      purpose: PURPOSES.administration,
      details: { items: items.length },
    });
    const s = await repo.findChecklistSettings(tx, ctx.municipalityId);
    return { items: resolveChecklist(storedItems(s?.items)), version: s?.version ?? 0 };
  });
}

// --- The preparation call ------------------------------------------------------------------------------------

/** How e-mail leaves: the configuration (SMTP) and the job queue (none: delivered at once). */
export type Delivery = { database: Database; config: Config; jobs: JobQueue | null };

/**
 * Records the call and what is sent after it. A letter is made (tagged PDF) in the transaction; an e-mail is
 * queued in it and handed to `delivery` after the commit (without delivery, as in the demo seed, it stays queued).
 */
export async function recordPreparation(
  db: Orm,
  delivery: Delivery | null,
  ctx: UserContext,
  deps: AppointmentDeps,
  caseId: string,
  body: z.output<typeof PreparationBody>,
) {
  const today = deps.today();
  const created = await db.transaction(async (tx) => {
    const c = await loadForChange(tx, ctx, caseId);
    const bad: InvalidParam[] = [
      ...notInFuture(body.calledOn, today, 'body.calledOn'),
      ...languageProblems(body.language),
    ];
    const member = await repo.memberWithAddress(tx, ctx.municipalityId, caseId, body.memberId);
    if (!member) {
      bad.push({ name: 'body.memberId', code: 'not_in_household', reason: 'Not a member of this household' });
    }
    let appointment: repo.AppointmentRow | undefined;
    if (body.appointmentId) {
      appointment = await repo.findAppointment(tx, ctx.municipalityId, body.appointmentId);
      if (!appointment || appointment.household_case_id !== caseId) {
        bad.push({
          name: 'body.appointmentId',
          code: 'unknown_appointment',
          reason: 'Not an appointment of this household',
        });
      } else if (appointment.status !== 'gepland') {
        bad.push({
          name: 'body.appointmentId',
          code: 'appointment_not_planned',
          reason: 'This appointment is no longer planned; choose a planned one or none.',
        });
      }
    }
    let recipient: string | null = null;
    if (body.channel === 'mail') {
      const r = mailRecipient(body.recipient, member?.email ?? null);
      bad.push(...r.problems);
      recipient = r.recipient;
    }
    check('The preparation call cannot be recorded like this; nothing was saved or sent.', bad);
    if (!member) throw problems.notFound();
    const language = body.language as PreparationLanguage;
    const facts = await repo.letterFacts(tx, ctx.municipalityId, c.regisseur_id);
    if (!facts) throw problems.notFound();
    const items = checklistForLetter(body.items, language);
    const preparationFacts = {
      language,
      residentName: residentName(member).full,
      calledOn: body.calledOn,
      appointment: appointment
        ? {
            startsAt: new Date(appointment.starts_at),
            mode: appointment.mode,
            location: appointment.location,
          }
        : null,
      items,
      worker: {
        name: facts.worker_name ?? ctx.actor.displayName,
        phone: facts.worker_phone ?? '',
        email: facts.worker_email ?? ctx.actor.email,
      },
    };
    const composed = composePreparation(preparationFacts);
    const sender = {
      name: facts.sender_name || `Gemeente ${facts.municipality_name}`,
      returnAddress: facts.return_address,
    };
    const pdf =
      body.channel === 'brief'
        ? await renderLettersPdf(
            [
              preparationLetter(preparationFacts, composed, {
                sender,
                address: member.postcode ? member : null,
                date: today,
              }),
            ],
            { title: composed.subject, author: sender.name, language },
          )
        : null;
    const row = await repo.insertPreparation(tx, {
      municipalityId: ctx.municipalityId,
      caseId,
      appointmentId: appointment?.id ?? null,
      calledOn: body.calledOn,
      memberId: member.id,
      language,
      channel: body.channel,
      items,
      subject: composed.subject,
      body: composed.text,
      html: body.channel === 'mail' ? composed.html : null,
      recipient,
      pdf,
      status: body.channel === 'brief' ? 'afgedrukt' : 'in_wachtrij',
      note: body.note || null,
      createdBy: ctx.actor.userId,
    });
    if (!row) throw new Error('preparation insert failed');
    await timeline(tx, ctx, caseId, {
      category: 'plan',
      kind: body.channel === 'brief' ? 'voorbereiding_brief' : 'voorbereiding_mail',
      subjectId: row.id,
      // No name: the timeline's plan category reaches network members who may not see the household's members.
      text: '',
      details: { language, items: items.length },
    });
    await recordAudit(tx, ctx, {
      action: 'household.preparation_record',
      purpose,
      subjectType: 'household_case',
      subjectIds: [caseId, row.id, member.id, ...(appointment ? [appointment.id] : [])],
      details: { channel: body.channel, language, items: items.length },
    });
    return row.id;
  });
  if (body.channel === 'mail' && delivery) await dispatch(delivery, created);
  return db.transaction((tx) => viewAfterChange(tx, ctx, caseId, deps));
}

/** Hands a queued e-mail to the job queue, or (no job queue: tests, a single process) delivers it now. */
async function dispatch({ database, config, jobs }: Delivery, id: string) {
  if (jobs) await jobs.send(PREPARATION_MAIL_JOB, { preparationId: id });
  else await deliverPreparation(database, config, id).catch(() => {});
}

/**
 * The delivery job: send through SMTP, then mark it sent with a timeline entry and an audit row; on failure keep
 * the reason (without the address) and throw, so the job queue retries with back-off. Sending twice is avoided:
 * a sent e-mail is never sent again.
 */
export async function deliverPreparation(database: Database, config: Config, id: string): Promise<void> {
  const db = database.orm;
  const p = await db.transaction(async (tx) => {
    const row = await repo.lockPreparationForDelivery(tx, id);
    if (!row || row.status === 'verzonden' || row.status === 'afgedrukt') return null;
    await repo.setPreparationStatus(tx, row.id, {
      status: 'verzenden',
      attemptsDelta: 1,
      lastError: row.last_error,
    });
    return row;
  });
  if (!p?.recipient) return;
  const ctx: ServiceContext = {
    actor: { type: 'system', name: PREPARATION_MAIL_JOB },
    municipalityId: p.municipality_id,
    requestId: `job:${PREPARATION_MAIL_JOB}:${p.id}`,
  };
  let providerId: string;
  try {
    providerId = (
      await sendMail(config, {
        id: p.id,
        to: p.recipient,
        subject: p.subject,
        text: p.body,
        language: p.language as PreparationLanguage,
        ...(p.html ? { html: p.html } : {}),
      })
    ).providerId;
  } catch (err) {
    const reason = err instanceof DeliveryError ? err.message : 'Sending failed.';
    await db.transaction(async (tx) => {
      await repo.setPreparationStatus(tx, p.id, { status: 'mislukt', lastError: reason });
      await recordAudit(tx, ctx, {
        action: 'household.preparation_failed',
        purpose,
        subjectType: 'household_case',
        subjectIds: [p.household_case_id, p.id],
        details: { reason },
      });
    });
    throw err;
  }
  await db.transaction(async (tx) => {
    await repo.setPreparationStatus(tx, p.id, {
      status: 'verzonden',
      providerMessageId: providerId,
      sent: true,
    });
    await repo.insertSystemTimelineEvents(tx, p.municipality_id, [
      {
        caseId: p.household_case_id,
        category: 'plan',
        kind: 'voorbereiding_verzonden',
        subjectId: p.id,
        text: '',
      },
    ]);
    await recordAudit(tx, ctx, {
      action: 'household.preparation_sent',
      purpose,
      subjectType: 'household_case',
      subjectIds: [p.household_case_id, p.id],
    });
  });
}

/** A failed e-mail goes back in the queue (the retries are used up, or the address was fixed in the record). */
export async function retryPreparation(
  delivery: Delivery,
  ctx: UserContext,
  deps: AppointmentDeps,
  id: string,
) {
  const db = delivery.database.orm;
  const caseId = await db.transaction(async (tx) => {
    const p = await repo.findPreparation(tx, ctx.municipalityId, id);
    if (!p) throw problems.notFound();
    await loadForChange(tx, ctx, p.household_case_id);
    if (p.status !== 'mislukt') {
      throw new ProblemError(
        409,
        'voorbereiding-niet-mislukt',
        'Conflict',
        'Only an e-mail that could not be sent can be sent again.',
      );
    }
    await repo.setPreparationStatus(tx, id, { status: 'in_wachtrij', lastError: p.last_error });
    await recordAudit(tx, ctx, {
      action: 'household.preparation_retry',
      purpose,
      subjectType: 'household_case',
      subjectIds: [p.household_case_id, id],
    });
    return p.household_case_id;
  });
  await dispatch(delivery, id);
  return db.transaction((tx) => viewAfterChange(tx, ctx, caseId, deps));
}

/** The letter as printed (the same PDF every time), for professionals of the municipality; the read is logged. */
export async function preparationPdf(db: Orm, ctx: UserContext, id: string) {
  return db.transaction(async (tx) => {
    const p = await repo.preparationPdf(tx, ctx.municipalityId, id);
    if (!p) throw problems.notFound();
    if (!p.pdf) {
      throw new ProblemError(
        404,
        'geen-brief',
        'Not Found',
        'This preparation was sent by e-mail; there is no letter.',
      );
    }
    await recordAudit(tx, ctx, {
      action: 'household.preparation_pdf',
      purpose,
      subjectType: 'household_case',
      subjectIds: [p.household_case_id, id],
    });
    return { pdf: Buffer.from(p.pdf), language: p.language };
  });
}

// --- Referral reminders --------------------------------------------------------------------------------------

export async function listReminders(db: Orm, ctx: UserContext, q: z.output<typeof ReminderListQuery>) {
  return db.transaction(async (tx) => {
    const rows = await repo.openReminders(tx, {
      municipalityId: ctx.municipalityId,
      ...(q.regisseur === 'mij' ? { regisseurId: ctx.actor.userId } : {}),
      limit: 200,
    });
    await recordAudit(tx, ctx, {
      action: 'household.reminder_list',
      purpose,
      subjectType: 'household_case',
      subjectIds: [...new Set(rows.map((r) => r.household_case_id))],
      details: { regisseur: q.regisseur },
    });
    return { items: rows.map(presentReminder) };
  });
}

/**
 * The daily sweep (pg-boss job), municipality by municipality: a reminder and a timeline entry for every referral
 * past its reminder date without an answer, once per referral and date; reminders of referrals that were
 * answered, finished or rescheduled since are resolved. Idempotent: a second run the same day adds nothing.
 */
export async function remindReferrals(
  db: Orm,
  today: string,
): Promise<{ created: number; resolved: number }> {
  let created = 0;
  let resolved = 0;
  for (const municipalityId of await repo.municipalityIds(db)) {
    await db.transaction(async (tx) => {
      resolved += await repo.resolveStaleReminders(tx, municipalityId);
      const due = await repo.insertDueReminders(tx, municipalityId, today);
      if (due.length === 0) return;
      created += due.length;
      await repo.insertSystemTimelineEvents(
        tx,
        municipalityId,
        due.map((d) => ({
          caseId: d.household_case_id,
          category: 'verwijzing' as const,
          kind: 'verwijzing_herinnering',
          subjectId: d.referral_id,
          text: d.text,
        })),
      );
      await recordAudit(
        tx,
        {
          actor: { type: 'system', name: REFERRAL_REMINDER_JOB },
          municipalityId,
          requestId: `job:${REFERRAL_REMINDER_JOB}:${today}`,
        },
        {
          action: 'household.referral_reminders',
          purpose,
          subjectType: 'household_referral',
          subjectIds: due.map((d) => d.referral_id),
          details: { today, created: due.length },
        },
      );
    });
  }
  return { created, resolved };
}
