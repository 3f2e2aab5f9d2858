import type { ReferralSource, SignalPartner } from '../../../shared/schemas/partners.ts';
import { asPartnerType } from './policy.ts';
import type { PartnerWithClient, ReferralSourceRow } from './repository.ts';

/** A partner as its managers see it: the client_id of its machine client, never a secret or a hash. */
export function presentPartner(row: PartnerWithClient): SignalPartner {
  return {
    id: row.id,
    name: row.name,
    partnerType: asPartnerType(row.partnerType),
    contactName: row.contactName || null,
    contactEmail: row.contactEmail || null,
    deliveryChannel: row.deliveryChannel,
    isActive: row.isActive,
    columnMapping: row.columnMapping ?? null,
    clientId: row.clientId,
    credentialsIssuedAt: row.credentialsIssuedAt ? row.credentialsIssuedAt.toISOString() : null,
  };
}

export function presentReferralSource(row: ReferralSourceRow): ReferralSource {
  return { id: row.id, name: row.name, kind: row.kind, isActive: row.isActive };
}
