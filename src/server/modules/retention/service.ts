// Retention (AVG): per municipality, a daily run deletes the personal data of signals and meldingen whose term
// has passed, in place and irreversibly, and keeps what statistics and the six-month look-back need (dates,
// codes, amounts, the address fingerprint in signal_fingerprints). A melding under a legal hold is skipped.
// Each batch of deletions and the report of the run are written to the audit log (ids and counts only).

import type { z } from 'zod';
import { todayInNetherlands } from '../../../shared/calendar.ts';
import {
  type LegalHoldBody,
  RETENTION_DEFAULTS,
  type RetentionReport,
  type RetentionSettings,
  type RetentionSettingsBody,
} from '../../../shared/schemas/retention.ts';
import type { Orm } from '../../db/client.ts';
import type { ServiceContext, UserContext } from '../../http/context.ts';
import { problems } from '../../http/problem.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import type { ImportStorage } from '../vroegsignalering/imports/storage.ts';
import * as repo from './repository.ts';

export const RETENTION_JOB = 'retention.purge';
const purpose = PURPOSES.earlySignalling;
/** Rows per transaction: bounded locks and audit rows of a readable size, also on a first run over years. */
const BATCH = 500;

/** The date `months` calendar months before `date` (the last day of a shorter month when it does not exist). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export function cutoffsFor(today: string, terms: RetentionSettings): repo.Cutoffs {
  return {
    noContact: monthsBefore(today, terms.noContactMonths),
    takenUp: monthsBefore(today, terms.takenUpMonths),
    closed: monthsBefore(today, terms.closedMonths),
  };
}

// --- Settings and legal hold ---------------------------------------------------------------------------------

export async function getRetentionSettings(db: Orm, ctx: UserContext): Promise<RetentionSettings> {
  return (await repo.findSettings(db, ctx.municipalityId)) ?? RETENTION_DEFAULTS;
}

export async function saveRetentionSettings(
  db: Orm,
  ctx: UserContext,
  body: z.output<typeof RetentionSettingsBody>,
): Promise<RetentionSettings> {
  if (body.takenUpMonths < body.noContactMonths) {
    throw problems.badRequest('A taken-up signal cannot be kept shorter than one that led to no contact.', [
      {
        name: 'body.takenUpMonths',
        code: 'below_no_contact',
        reason: 'Choose at least as many months as for a signal without contact',
      },
    ]);
  }
  return db.transaction(async (tx) => {
    await repo.upsertSettings(tx, ctx.municipalityId, body, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'retention.settings.save',
      purpose: PURPOSES.administration,
      details: { ...body },
    });
    return body;
  });
}

export async function setLegalHold(
  db: Orm,
  ctx: UserContext,
  meldingId: string,
  body: z.output<typeof LegalHoldBody>,
) {
  return db.transaction(async (tx) => {
    const row = await repo.setLegalHold(tx, ctx.municipalityId, meldingId, body.reason, ctx.actor.userId);
    if (!row) throw problems.notFound();
    await recordAudit(tx, ctx, {
      action: body.reason ? 'retention.legal_hold.set' : 'retention.legal_hold.lift',
      purpose,
      subjectType: 'melding',
      subjectIds: [meldingId],
      details: { reason: body.reason },
    });
    return { meldingId: row.id, reason: row.legal_hold_reason, setAt: row.legal_hold_set_at };
  });
}

// --- The run -----------------------------------------------------------------------------------------------------

/**
 * Deletes what has expired in one municipality. Idempotent (a rerun finds nothing more to delete), so the job
 * may retry; every batch commits with its audit row, so a crash halfway loses nothing already reported.
 */
export async function purgeExpiredData(
  db: Orm,
  ctx: ServiceContext,
  today: string,
  files?: ImportStorage,
): Promise<RetentionReport> {
  const terms = (await repo.findSettings(db, ctx.municipalityId)) ?? RETENTION_DEFAULTS;
  const cut = cutoffsFor(today, terms);
  const report: RetentionReport = {
    date: today,
    terms,
    meldingen: 0,
    signals: 0,
    contactNotes: 0,
    messages: 0,
    letterBatches: 0,
    importRows: 0,
    held: 0,
  };
  const add = (n: Partial<RetentionReport>) => {
    for (const key of [
      'meldingen',
      'signals',
      'contactNotes',
      'messages',
      'letterBatches',
      'importRows',
    ] as const)
      report[key] += n[key] ?? 0;
  };

  // 1. Whole meldingen (with all their signals).
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const ids = await repo.expiredMeldingen(tx, ctx.municipalityId, cut, BATCH);
      if (ids.length === 0) return 0;
      const counts = await repo.deleteMeldingData(tx, ctx.municipalityId, ids);
      add({ ...counts, meldingen: ids.length });
      await recordAudit(tx, ctx, {
        action: 'retention.delete.meldingen',
        purpose,
        subjectType: 'melding',
        subjectIds: ids,
        details: { ...counts, meldingen: ids.length },
      });
      return ids.length;
    });
    if (done < BATCH) break;
  }
  // 2. Signals that expire on their own (their melding lives on, or they never had one).
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const ids = await repo.expiredSignals(tx, ctx.municipalityId, cut, BATCH);
      if (ids.length === 0) return 0;
      const counts = await repo.deleteSignalData(tx, ctx.municipalityId, ids);
      add(counts);
      await recordAudit(tx, ctx, {
        action: 'retention.delete.signals',
        purpose,
        subjectType: 'signal',
        subjectIds: ids,
        details: counts,
      });
      return ids.length;
    });
    if (done < BATCH) break;
  }
  // 3. File lines that never became a signal.
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const n = await repo.deleteOldImportRows(tx, ctx.municipalityId, cut.noContact, BATCH * 10);
      if (n > 0) {
        add({ importRows: n });
        await recordAudit(tx, ctx, {
          action: 'retention.delete.import_rows',
          purpose,
          subjectType: 'signal_import',
          details: { importRows: n },
        });
      }
      return n;
    });
    if (done < BATCH * 10) break;
  }
  // 4. Uploaded files of imports that never completed (a completed import removes its file at once).
  if (files) {
    for (const id of await repo.staleImportIds(db, ctx.municipalityId, cut.noContact)) await files.remove(id);
  }
  // The deletion report of the run: counts, terms and holds, never a name.
  await db.transaction(async (tx) => {
    report.held = await repo.heldMeldingen(tx, ctx.municipalityId);
    await recordAudit(tx, ctx, { action: 'retention.report', purpose, details: { ...report } });
  });
  return report;
}

/** The daily job: every municipality, each with its own terms. */
export async function runRetention(
  db: Orm,
  files?: ImportStorage,
  today = todayInNetherlands(),
): Promise<RetentionReport[]> {
  const reports: RetentionReport[] = [];
  for (const municipalityId of await repo.municipalityIds(db)) {
    reports.push(
      await purgeExpiredData(
        db,
        {
          actor: { type: 'system', name: RETENTION_JOB },
          municipalityId,
          requestId: `job:${RETENTION_JOB}:${today}`,
        },
        today,
        files,
      ),
    );
  }
  return reports;
}

/** "Run now" by the functioneel beheerder, for the active municipality. */
export async function purgeNow(db: Orm, ctx: UserContext, files?: ImportStorage): Promise<RetentionReport> {
  return purgeExpiredData(db, ctx, todayInNetherlands(), files);
}
