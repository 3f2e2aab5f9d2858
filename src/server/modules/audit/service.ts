import type { Orm } from '../../db/client.ts';
import { actorId, type ServiceContext } from '../../http/context.ts';
import { type AuditFilter, findAuditEvents, insertAuditEvent } from './repository.ts';

/**
 * Processing activities (verwerkingsactiviteiten) named in the Logboek dataverwerkingen. Every audit row states
 * why the data was processed, not only what happened.
 */
export const PURPOSES = {
  administration: 'beheer-organisatie',
  authentication: 'authenticatie',
  auditing: 'verantwoording-audit',
  brpLookup: 'raadplegen-brp',
  machineAccess: 'gegevensuitwisseling-partner',
  earlySignalling: 'vroegsignalering-schulden',
  // Finding households that probably miss toeslagen or local schemes, for proactive contact (issue 8).
  nonTakeUp: 'bestrijding-niet-gebruik',
  // The integrated household plan: regie, network, consent, goals and referrals (issue 7).
  householdPlan: 'regie-huishoudplan',
  // The debt-help trajectory (Wgs schuldhulpverlening): aanmelding to uitstroom, debts, DDAS SHV (issue 7).
  debtHelp: 'schuldhulpverlening',
  // Budgetmaatjes: volunteers, matching and what they log (issue 9).
  volunteers: 'inzet-vrijwilligers',
  // The maatwerkbudget: requests, the gate, decisions, payments and follow-up (issue 9).
  customBudget: 'maatwerkbudget',
  // The business case per intervention and the "wat werkt" catalogue: policy information (issue 9).
  businessCase: 'beleidsinformatie-businesscase',
} as const;
export type Purpose = (typeof PURPOSES)[keyof typeof PURPOSES];

export type AuditInput = {
  action: string;
  purpose: Purpose;
  subjectType?: string;
  subjectIds?: readonly string[];
  details?: Record<string, unknown>;
};

/** Writes one audit row; call it with the transaction that does the work, so both commit or neither. */
export async function recordAudit(tx: Orm, ctx: ServiceContext, input: AuditInput): Promise<void> {
  await insertAuditEvent(tx, {
    actorType: ctx.actor.type,
    actorId: actorId(ctx),
    municipalityId: ctx.municipalityId,
    action: input.action,
    subjectType: input.subjectType ?? null,
    subjectIds: [...(input.subjectIds ?? [])],
    purpose: input.purpose,
    requestId: ctx.requestId,
    details: input.details ?? {},
  });
}

/**
 * Audit rows for authentication events: the municipality is the user's home municipality when known, so its
 * auditors see them; attempts on unknown accounts have none.
 */
export async function recordRegionAudit(
  tx: Orm,
  e: {
    actorType: 'user' | 'machine' | 'system';
    actorId: string | null;
    requestId: string;
    municipalityId?: string | null;
  } & AuditInput,
): Promise<void> {
  await insertAuditEvent(tx, {
    actorType: e.actorType,
    actorId: e.actorId,
    municipalityId: e.municipalityId ?? null,
    action: e.action,
    subjectType: e.subjectType ?? null,
    subjectIds: [...(e.subjectIds ?? [])],
    purpose: e.purpose,
    requestId: e.requestId,
    details: e.details ?? {},
  });
}

export async function listAuditEvents(
  db: Orm,
  ctx: ServiceContext,
  filter: Omit<AuditFilter, 'municipalityId'>,
) {
  return db.transaction(async (tx) => {
    const rows = await findAuditEvents(tx, { ...filter, municipalityId: ctx.municipalityId });
    // Reading the log is itself an act worth logging (who looked at whose processing).
    await recordAudit(tx, ctx, {
      action: 'audit.list',
      purpose: PURPOSES.auditing,
      details: { filter: { ...filter, before: undefined }, count: rows.length },
    });
    return rows;
  });
}
