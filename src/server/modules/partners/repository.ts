import { and, asc, type Column, eq, sql } from 'drizzle-orm';
import type { DeliveryChannel, ReferralSourceKind } from '../../../shared/schemas/partners.ts';
import type { Orm } from '../../db/client.ts';
import { machineClients, referralSources, signalPartners } from '../../db/schema.ts';
import type { NameKey } from '../../http/cursor.ts';

// Every function takes the municipality id and filters on it: a row of another municipality is never found.
// The one exception, findPartnerByMachineClient, starts from a machine client and checks that the client and the
// partner belong to the same municipality.

export type PartnerRow = typeof signalPartners.$inferSelect;
export type PartnerWithClient = PartnerRow & { clientId: string | null; credentialsIssuedAt: Date | null };
export type ReferralSourceRow = typeof referralSources.$inferSelect;
export type MachineClientRow = typeof machineClients.$inferSelect;

type Page = { after?: NameKey; limit: number };

/** Keyset condition: rows after the cursor in (name, id) order. */
function afterName(nameColumn: Column, idColumn: Column, after?: NameKey) {
  return after ? sql`(${nameColumn}, ${idColumn}) > (${after.name}, ${after.id}::uuid)` : undefined;
}

// --- Signal partners ---------------------------------------------------------------------------------------

/** The partner columns plus the client_id and creation time of its current machine client (never the hash). */
function selectPartners(tx: Orm) {
  return tx
    .select({
      id: signalPartners.id,
      municipalityId: signalPartners.municipalityId,
      name: signalPartners.name,
      partnerType: signalPartners.partnerType,
      contactName: signalPartners.contactName,
      contactEmail: signalPartners.contactEmail,
      deliveryChannel: signalPartners.deliveryChannel,
      machineClientId: signalPartners.machineClientId,
      columnMapping: signalPartners.columnMapping,
      isActive: signalPartners.isActive,
      createdAt: signalPartners.createdAt,
      updatedAt: signalPartners.updatedAt,
      clientId: machineClients.clientId,
      credentialsIssuedAt: machineClients.createdAt,
    })
    .from(signalPartners)
    .leftJoin(
      machineClients,
      and(
        eq(machineClients.id, signalPartners.machineClientId),
        eq(machineClients.municipalityId, signalPartners.municipalityId),
      ),
    );
}

export async function listPartners(
  tx: Orm,
  municipalityId: string,
  page: Page,
): Promise<PartnerWithClient[]> {
  return selectPartners(tx)
    .where(
      and(
        eq(signalPartners.municipalityId, municipalityId),
        afterName(signalPartners.name, signalPartners.id, page.after),
      ),
    )
    .orderBy(asc(signalPartners.name), asc(signalPartners.id))
    .limit(page.limit);
}

export async function findPartner(
  tx: Orm,
  municipalityId: string,
  id: string,
): Promise<PartnerWithClient | undefined> {
  const [row] = await selectPartners(tx)
    .where(and(eq(signalPartners.municipalityId, municipalityId), eq(signalPartners.id, id)))
    .limit(1);
  return row;
}

/** The partner row, locked until the end of the transaction (credentials are issued one at a time). */
export async function lockPartner(
  tx: Orm,
  municipalityId: string,
  id: string,
): Promise<PartnerRow | undefined> {
  const [row] = await tx
    .select()
    .from(signalPartners)
    .where(and(eq(signalPartners.municipalityId, municipalityId), eq(signalPartners.id, id)))
    .limit(1)
    .for('update');
  return row;
}

export async function findPartnerByName(
  tx: Orm,
  municipalityId: string,
  name: string,
): Promise<PartnerRow | undefined> {
  const [row] = await tx
    .select()
    .from(signalPartners)
    .where(and(eq(signalPartners.municipalityId, municipalityId), eq(signalPartners.name, name)))
    .limit(1);
  return row;
}

/** The partner whose current machine client this is, in the client's own municipality. */
export async function findPartnerByMachineClient(
  tx: Orm,
  machineClientId: string,
): Promise<PartnerRow | undefined> {
  const [row] = await tx
    .select({ partner: signalPartners })
    .from(signalPartners)
    .innerJoin(
      machineClients,
      and(
        eq(machineClients.id, signalPartners.machineClientId),
        eq(machineClients.municipalityId, signalPartners.municipalityId),
      ),
    )
    .where(eq(signalPartners.machineClientId, machineClientId))
    .limit(1);
  return row?.partner;
}

export async function insertPartner(
  tx: Orm,
  values: {
    municipalityId: string;
    name: string;
    partnerType: string;
    contactName: string;
    contactEmail: string;
    deliveryChannel: DeliveryChannel;
    isActive: boolean;
  },
): Promise<PartnerRow> {
  const [row] = await tx.insert(signalPartners).values(values).returning();
  if (!row) throw new Error('signal partner insert returned nothing');
  return row;
}

export async function updatePartner(
  tx: Orm,
  municipalityId: string,
  id: string,
  patch: {
    name?: string;
    partnerType?: string;
    contactName?: string;
    contactEmail?: string;
    deliveryChannel?: DeliveryChannel;
    isActive?: boolean;
    columnMapping?: Record<string, unknown> | null;
    machineClientId?: string;
  },
): Promise<boolean> {
  const rows = await tx
    .update(signalPartners)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(signalPartners.municipalityId, municipalityId), eq(signalPartners.id, id)))
    .returning({ id: signalPartners.id });
  return rows.length > 0;
}

export async function insertMachineClient(
  tx: Orm,
  values: {
    clientId: string;
    secretHash: string;
    name: string;
    kind: 'signaalpartner';
    municipalityId: string;
    scopes: string[];
    isActive: boolean;
  },
): Promise<{ id: string; clientId: string }> {
  const [row] = await tx
    .insert(machineClients)
    .values(values)
    .returning({ id: machineClients.id, clientId: machineClients.clientId });
  if (!row) throw new Error('machine client insert returned nothing');
  return row;
}

/** Switches a machine client of the municipality on or off; tokens of an inactive client stop working at once. */
export async function setMachineClientActive(
  tx: Orm,
  municipalityId: string,
  id: string,
  isActive: boolean,
): Promise<{ clientId: string } | undefined> {
  const [row] = await tx
    .update(machineClients)
    .set({ isActive })
    .where(and(eq(machineClients.municipalityId, municipalityId), eq(machineClients.id, id)))
    .returning({ clientId: machineClients.clientId });
  return row;
}

// --- Referral sources --------------------------------------------------------------------------------------

export async function listReferralSources(
  tx: Orm,
  municipalityId: string,
  page: Page,
): Promise<ReferralSourceRow[]> {
  return tx
    .select()
    .from(referralSources)
    .where(
      and(
        eq(referralSources.municipalityId, municipalityId),
        afterName(referralSources.name, referralSources.id, page.after),
      ),
    )
    .orderBy(asc(referralSources.name), asc(referralSources.id))
    .limit(page.limit);
}

export async function findReferralSource(
  tx: Orm,
  municipalityId: string,
  id: string,
): Promise<ReferralSourceRow | undefined> {
  const [row] = await tx
    .select()
    .from(referralSources)
    .where(and(eq(referralSources.municipalityId, municipalityId), eq(referralSources.id, id)))
    .limit(1);
  return row;
}

export async function findReferralSourceByName(
  tx: Orm,
  municipalityId: string,
  name: string,
): Promise<ReferralSourceRow | undefined> {
  const [row] = await tx
    .select()
    .from(referralSources)
    .where(and(eq(referralSources.municipalityId, municipalityId), eq(referralSources.name, name)))
    .limit(1);
  return row;
}

export async function insertReferralSources(
  tx: Orm,
  rows: readonly { municipalityId: string; name: string; kind: ReferralSourceKind; isActive: boolean }[],
  opts: { skipExisting?: boolean } = {},
): Promise<ReferralSourceRow[]> {
  if (rows.length === 0) return [];
  const insert = tx.insert(referralSources).values([...rows]);
  return opts.skipExisting ? insert.onConflictDoNothing().returning() : insert.returning();
}

export async function updateReferralSource(
  tx: Orm,
  municipalityId: string,
  id: string,
  patch: { name?: string; kind?: ReferralSourceKind; isActive?: boolean },
): Promise<ReferralSourceRow | undefined> {
  const [row] = await tx
    .update(referralSources)
    .set(patch)
    .where(and(eq(referralSources.municipalityId, municipalityId), eq(referralSources.id, id)))
    .returning();
  return row;
}
