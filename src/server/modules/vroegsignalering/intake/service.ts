import { randomUUID } from 'node:crypto';
import {
  type SignalFieldError,
  type ValidSignal,
  validateSignal,
} from '../../../../shared/schemas/signals.ts';
import type { Orm } from '../../../db/client.ts';
import { actorId, type ServiceContext } from '../../../http/context.ts';
import { PURPOSES, recordAudit } from '../../audit/service.ts';
import { signalContentHash } from './hash.ts';
import * as repo from './repository.ts';

export type IntakeSource = 'api' | 'bestand' | 'handmatig' | 'verwijzing';

export type IntakeItem =
  | {
      /** Position in the batch (API) or line number in the file (import). */
      ref: number;
      raw: unknown;
    }
  | {
      ref: number;
      /** Already validated by the caller (file import maps and validates each line itself). */
      valid: ValidSignal;
    };

export type IntakeResult =
  | { ref: number; outcome: 'accepted'; signalId: string; version: number }
  | { ref: number; outcome: 'duplicate'; duplicateOf: string }
  | { ref: number; outcome: 'rejected'; errors: SignalFieldError[] };

export type IntakeBatch = {
  partnerId: string | null;
  source: IntakeSource;
  importId?: string;
  referralSourceId?: string;
  referrerName?: string;
  items: IntakeItem[];
};

/**
 * Stores new signals together with what happens to them: BRP matching, bundling into meldingen and
 * prioritisation (the pipeline decides before it writes, so each signal is written once).
 */
export type SignalStore = (tx: Orm, ctx: ServiceContext, rows: NewSignalRow[]) => Promise<void>;
export type NewSignalRow = repo.NewSignal & { id: string };

function toRow(
  ctx: ServiceContext,
  batch: IntakeBatch,
  s: ValidSignal,
  ref: number,
  hash: string,
  version: number,
  previousVersionId: string | null,
): repo.NewSignal {
  return {
    municipalityId: ctx.municipalityId,
    partnerId: batch.partnerId,
    source: batch.source,
    importId: batch.importId ?? null,
    importRow: batch.importId ? ref : null,
    externalId: s.externalId ?? null,
    version,
    previousVersionId,
    contentHash: hash,
    referralSourceId: batch.referralSourceId ?? null,
    referrerName: batch.referrerName ?? null,
    createdByType: ctx.actor.type,
    createdBy: actorId(ctx),
    bsn: s.bsn ?? null,
    voornamen: s.voornamen ?? null,
    voorletters: s.voorletters ?? null,
    voorvoegsel: s.voorvoegsel ?? null,
    achternaam: s.achternaam,
    geboortedatum: s.geboortedatum ?? null,
    straat: s.straat ?? null,
    huisnummer: s.huisnummer ?? null,
    huisletter: s.huisletter ?? null,
    toevoeging: s.toevoeging ?? null,
    postcode: s.postcode ?? null,
    woonplaats: s.woonplaats ?? null,
    telefoon: s.telefoon ?? null,
    email: s.email ?? null,
    isBusiness: s.isBusiness,
    customerNumber: s.customerNumber ?? null,
    amountCents: s.amountCents,
    arrearsSince: s.arrearsSince ?? null,
    signalDate: s.signalDate,
    monthsInArrears: s.monthsInArrears ?? null,
    daysInArrears: s.daysInArrears ?? null,
    endOfSupply: s.endOfSupply,
    endOfSupplyDate: s.endOfSupplyDate ?? null,
    evictionAnnounced: s.evictionAnnounced,
    evictionDate: s.evictionDate ?? null,
    insuranceTermination: s.insuranceTermination,
    warmHandover: s.warmHandover,
    remark: s.remark ?? null,
  };
}

/**
 * Validates and stores a batch of signals in the caller's transaction, then hands the new ones to the pipeline.
 * A resend with the partner's own id and the same content is a duplicate; with changed content it becomes the
 * next version. Invalid items are rejected with field errors; the valid ones in the same batch are kept.
 */
export async function ingestSignals(
  tx: Orm,
  ctx: ServiceContext,
  batch: IntakeBatch,
  storeSignals: SignalStore,
): Promise<IntakeResult[]> {
  const results: IntakeResult[] = [];
  const valid: { ref: number; signal: ValidSignal; hash: string }[] = [];
  for (const item of batch.items) {
    if ('valid' in item) {
      valid.push({ ref: item.ref, signal: item.valid, hash: signalContentHash(item.valid) });
      continue;
    }
    const v = validateSignal(item.raw);
    if (v.ok) valid.push({ ref: item.ref, signal: v.value, hash: signalContentHash(v.value) });
    else results.push({ ref: item.ref, outcome: 'rejected', errors: v.errors });
  }

  const partnerId = batch.partnerId;
  const latest = partnerId
    ? await repo.findLatestVersions(tx, partnerId, [
        ...new Set(valid.flatMap((v) => v.signal.externalId ?? [])),
      ])
    : new Map<string, { id: string; version: number; contentHash: string }>();
  const byHash = partnerId
    ? await repo.findByContentHash(
        tx,
        partnerId,
        valid.filter((v) => !v.signal.externalId).map((v) => v.hash),
      )
    : new Map<string, string>();

  // Ids are made here so that a second version in the same batch can point at the first before either is stored.
  const rows: (repo.NewSignal & { id: string })[] = [];
  const accepted: { ref: number; id: string; version: number }[] = [];
  const store = (
    ref: number,
    signal: ValidSignal,
    hash: string,
    version: number,
    previousId: string | null,
  ) => {
    const id = randomUUID();
    rows.push({ id, ...toRow(ctx, batch, signal, ref, hash, version, previousId) });
    accepted.push({ ref, id, version });
    return id;
  };
  for (const v of valid) {
    const ext = v.signal.externalId;
    if (ext) {
      const prev = latest.get(ext);
      if (prev && prev.contentHash === v.hash) {
        results.push({ ref: v.ref, outcome: 'duplicate', duplicateOf: prev.id });
        continue;
      }
      const version = (prev?.version ?? 0) + 1;
      const id = store(v.ref, v.signal, v.hash, version, prev?.id ?? null);
      latest.set(ext, { id, version, contentHash: v.hash });
    } else {
      const dup = byHash.get(v.hash);
      if (dup) {
        results.push({ ref: v.ref, outcome: 'duplicate', duplicateOf: dup });
        continue;
      }
      const id = store(v.ref, v.signal, v.hash, 1, null);
      // Referrals and manual entries have no partner; only partner deliveries are checked for resends.
      if (partnerId) byHash.set(v.hash, id);
    }
  }
  for (const a of accepted)
    results.push({ ref: a.ref, outcome: 'accepted', signalId: a.id, version: a.version });

  if (accepted.length > 0) {
    await storeSignals(tx, ctx, rows);
    await recordAudit(tx, ctx, {
      action: 'signals.ingest',
      purpose: PURPOSES.earlySignalling,
      subjectType: 'signal',
      subjectIds: accepted.map((a) => a.id),
      details: {
        source: batch.source,
        partnerId: batch.partnerId,
        importId: batch.importId ?? null,
        accepted: accepted.length,
        duplicates: results.filter((r) => r.outcome === 'duplicate').length,
        rejected: results.filter((r) => r.outcome === 'rejected').length,
      },
    });
  }
  return results.sort((a, b) => a.ref - b.ref);
}
