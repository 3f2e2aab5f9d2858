import type { DdasSignaalpartner } from '../../../shared/ddas.ts';
import {
  DEFAULT_REFERRAL_SOURCES,
  type DeliveryChannel,
  PARTNER_SCOPE,
  type PartnerCredentials,
  type ReferralSourceCreate,
  type ReferralSourcePatch,
  type SignalPartnerCreate,
  type SignalPartnerPatch,
} from '../../../shared/schemas/partners.ts';
import type { Orm } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { NameKey } from '../../http/cursor.ts';
import { problems } from '../../http/problem.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import { hashPassword, randomToken } from '../auth/crypto.ts';
import { asPartnerType, partnerClientId } from './policy.ts';
import * as repo from './repository.ts';

export { DEFAULT_REFERRAL_SOURCES };

// Every use case works on ctx.municipalityId only. A resource of another municipality answers 404, exactly like
// one that does not exist, so ids cannot be used to probe other tenants.

type Page = { after?: NameKey; limit: number };

const duplicatePartner = () =>
  problems.conflict('A signalling partner with this name already exists in this municipality.');
const duplicateSource = () =>
  problems.conflict('A referral source with this name already exists in this municipality.');

/** Turns a unique violation that slipped past the pre-check (a concurrent request) into the same 409. */
async function mapUnique<T>(work: Promise<T>, conflict: () => Error): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict();
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------------
// For the intake pipeline

/** What the intake pipeline needs to know about a partner. */
export type PartnerForIntake = {
  id: string;
  municipalityId: string;
  partnerType: DdasSignaalpartner;
  name: string;
  isActive: boolean;
  deliveryChannel: DeliveryChannel;
  columnMapping: Record<string, unknown> | null;
};

function forIntake(row: repo.PartnerRow): PartnerForIntake {
  return {
    id: row.id,
    municipalityId: row.municipalityId,
    partnerType: asPartnerType(row.partnerType),
    name: row.name,
    isActive: row.isActive,
    deliveryChannel: row.deliveryChannel,
    columnMapping: row.columnMapping ?? null,
  };
}

/**
 * The partner a machine client (MachineActor.machineClientId) delivers for, or undefined when the client is not
 * a partner's current client (a rotated-away or a CBS client). The caller must still refuse an inactive partner.
 */
export async function findPartnerForMachineClient(
  db: Orm,
  machineClientId: string,
): Promise<PartnerForIntake | undefined> {
  const row = await repo.findPartnerByMachineClient(db, machineClientId);
  return row ? forIntake(row) : undefined;
}

/** A partner of the municipality, or undefined (also for a partner of another municipality). */
export async function findPartner(
  db: Orm,
  municipalityId: string,
  partnerId: string,
): Promise<PartnerForIntake | undefined> {
  const row = await repo.findPartner(db, municipalityId, partnerId);
  return row ? forIntake(row) : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Signal partners

export async function listPartners(db: Orm, ctx: ServiceContext, page: Page) {
  return repo.listPartners(db, ctx.municipalityId, page);
}

export async function getPartner(db: Orm, ctx: ServiceContext, id: string) {
  const row = await repo.findPartner(db, ctx.municipalityId, id);
  if (!row) throw problems.notFound();
  return row;
}

export async function createPartner(db: Orm, ctx: ServiceContext, input: SignalPartnerCreate) {
  const work = db.transaction(async (tx) => {
    if (await repo.findPartnerByName(tx, ctx.municipalityId, input.name)) throw duplicatePartner();
    const row = await repo.insertPartner(tx, {
      municipalityId: ctx.municipalityId,
      name: input.name,
      partnerType: input.partnerType,
      contactName: input.contactName ?? '',
      contactEmail: input.contactEmail ?? '',
      deliveryChannel: input.deliveryChannel ?? 'api',
      isActive: input.isActive ?? true,
    });
    await recordAudit(tx, ctx, {
      action: 'signal_partner.create',
      purpose: PURPOSES.administration,
      subjectType: 'signal_partner',
      subjectIds: [row.id],
      details: { name: row.name, partnerType: row.partnerType, deliveryChannel: row.deliveryChannel },
    });
    const created = await repo.findPartner(tx, ctx.municipalityId, row.id);
    if (!created) throw problems.notFound();
    return created;
  });
  return mapUnique(work, duplicatePartner);
}

export async function updatePartner(db: Orm, ctx: ServiceContext, id: string, patch: SignalPartnerPatch) {
  const work = db.transaction(async (tx) => {
    const current = await repo.lockPartner(tx, ctx.municipalityId, id);
    if (!current) throw problems.notFound();
    if (patch.name !== undefined && patch.name !== current.name) {
      if (await repo.findPartnerByName(tx, ctx.municipalityId, patch.name)) throw duplicatePartner();
    }
    await repo.updatePartner(tx, ctx.municipalityId, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.partnerType !== undefined ? { partnerType: patch.partnerType } : {}),
      ...(patch.contactName !== undefined ? { contactName: patch.contactName ?? '' } : {}),
      ...(patch.contactEmail !== undefined ? { contactEmail: patch.contactEmail ?? '' } : {}),
      ...(patch.deliveryChannel !== undefined ? { deliveryChannel: patch.deliveryChannel } : {}),
      ...(patch.isActive !== undefined ? { isActive: patch.isActive } : {}),
    });
    // A deactivated partner loses machine access at once (its tokens stop working); reactivation restores it.
    if (patch.isActive !== undefined && patch.isActive !== current.isActive && current.machineClientId) {
      await repo.setMachineClientActive(tx, ctx.municipalityId, current.machineClientId, patch.isActive);
    }
    await recordAudit(tx, ctx, {
      action: 'signal_partner.update',
      purpose: PURPOSES.administration,
      subjectType: 'signal_partner',
      subjectIds: [id],
      details: {
        fields: Object.keys(patch),
        ...(patch.isActive !== undefined && patch.isActive !== current.isActive
          ? { isActive: patch.isActive }
          : {}),
      },
    });
    const updated = await repo.findPartner(tx, ctx.municipalityId, id);
    if (!updated) throw problems.notFound();
    return updated;
  });
  return mapUnique(work, duplicatePartner);
}

export async function saveColumnMapping(
  db: Orm,
  ctx: ServiceContext,
  id: string,
  columnMapping: Record<string, unknown> | null,
) {
  return db.transaction(async (tx) => {
    if (!(await repo.updatePartner(tx, ctx.municipalityId, id, { columnMapping }))) throw problems.notFound();
    await recordAudit(tx, ctx, {
      action: 'signal_partner.column_mapping_replace',
      purpose: PURPOSES.administration,
      subjectType: 'signal_partner',
      subjectIds: [id],
      details: { removed: columnMapping === null },
    });
    const updated = await repo.findPartner(tx, ctx.municipalityId, id);
    if (!updated) throw problems.notFound();
    return updated;
  });
}

/**
 * Creates a machine client for the partner, or replaces the current one (rotation: the old client is switched
 * off, with all its tokens). The secret is returned here and nowhere else; only its argon2id hash is stored.
 */
export async function issueCredentials(
  db: Orm,
  ctx: ServiceContext,
  id: string,
): Promise<PartnerCredentials> {
  const clientSecret = randomToken(32);
  // Hashing is slow on purpose; do it before the transaction, so no row stays locked meanwhile.
  const secretHash = await hashPassword(clientSecret);
  const work = db.transaction(async (tx) => {
    const partner = await repo.lockPartner(tx, ctx.municipalityId, id);
    if (!partner) throw problems.notFound();
    if (!partner.isActive) throw problems.conflict('Activate the partner before issuing credentials.');
    const previous = partner.machineClientId
      ? await repo.setMachineClientActive(tx, ctx.municipalityId, partner.machineClientId, false)
      : undefined;
    const client = await repo.insertMachineClient(tx, {
      clientId: partnerClientId(partner.name, randomToken(6)),
      secretHash,
      name: partner.name,
      kind: 'signaalpartner',
      municipalityId: ctx.municipalityId,
      scopes: [PARTNER_SCOPE],
      isActive: true,
    });
    await repo.updatePartner(tx, ctx.municipalityId, id, { machineClientId: client.id });
    await recordAudit(tx, ctx, {
      action: 'signal_partner.credentials_issue',
      purpose: PURPOSES.administration,
      subjectType: 'signal_partner',
      subjectIds: [id],
      details: {
        clientId: client.clientId,
        scopes: [PARTNER_SCOPE],
        rotated: previous !== undefined,
        ...(previous ? { previousClientId: previous.clientId } : {}),
      },
    });
    return { clientId: client.clientId, clientSecret };
  });
  // A clash of the random client_id is astronomically unlikely; if it happens, the caller simply retries.
  return mapUnique(work, () => problems.conflict('Issuing credentials collided; try again.'));
}

// ---------------------------------------------------------------------------------------------------------
// Referral sources (verwijzers)

export async function listReferralSources(db: Orm, ctx: ServiceContext, page: Page) {
  return repo.listReferralSources(db, ctx.municipalityId, page);
}

export async function createReferralSource(db: Orm, ctx: ServiceContext, input: ReferralSourceCreate) {
  const work = db.transaction(async (tx) => {
    if (await repo.findReferralSourceByName(tx, ctx.municipalityId, input.name)) throw duplicateSource();
    const [row] = await repo.insertReferralSources(tx, [
      {
        municipalityId: ctx.municipalityId,
        name: input.name,
        kind: input.kind,
        isActive: input.isActive ?? true,
      },
    ]);
    if (!row) throw new Error('referral source insert returned nothing');
    await recordAudit(tx, ctx, {
      action: 'referral_source.create',
      purpose: PURPOSES.administration,
      subjectType: 'referral_source',
      subjectIds: [row.id],
      details: { name: row.name, kind: row.kind },
    });
    return row;
  });
  return mapUnique(work, duplicateSource);
}

export async function updateReferralSource(
  db: Orm,
  ctx: ServiceContext,
  id: string,
  patch: ReferralSourcePatch,
) {
  const work = db.transaction(async (tx) => {
    const current = await repo.findReferralSource(tx, ctx.municipalityId, id);
    if (!current) throw problems.notFound();
    if (patch.name !== undefined && patch.name !== current.name) {
      if (await repo.findReferralSourceByName(tx, ctx.municipalityId, patch.name)) throw duplicateSource();
    }
    const row =
      Object.keys(patch).length > 0
        ? await repo.updateReferralSource(tx, ctx.municipalityId, id, patch)
        : current;
    if (!row) throw problems.notFound();
    await recordAudit(tx, ctx, {
      action: 'referral_source.update',
      purpose: PURPOSES.administration,
      subjectType: 'referral_source',
      subjectIds: [id],
      details: { fields: Object.keys(patch) },
    });
    return row;
  });
  return mapUnique(work, duplicateSource);
}

/**
 * Gives a municipality the default verwijzers it does not have yet (by name); for seeding and for new
 * municipalities. Call it inside the caller's transaction; it writes no audit row of its own.
 */
export async function addDefaultReferralSources(tx: Orm, municipalityId: string) {
  return repo.insertReferralSources(
    tx,
    DEFAULT_REFERRAL_SOURCES.map((s) => ({ municipalityId, name: s.name, kind: s.kind, isActive: true })),
    { skipExisting: true },
  );
}
