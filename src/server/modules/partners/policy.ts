// Rules of the partners module that do not need the database.
import type { FastifyRequest } from 'fastify';
import { DDAS_SIGNAALPARTNERS, type DdasSignaalpartner } from '../../../shared/ddas.ts';
import type { Permission } from '../../../shared/roles.ts';
import { requireUser } from '../../http/guard.ts';
import { problems } from '../../http/problem.ts';

/**
 * Who may read the vroegsignalering configuration (partners, verwijzers, werkbakjes, the postcode map): those who
 * work with signals, those who manage the configuration, and auditors, who check which partners have machine
 * access. None of it is personal data; the signals themselves stay behind vroegsignalering:read alone.
 */
export const CONFIGURATION_READERS: readonly Permission[] = [
  'vroegsignalering:read',
  'vroegsignalering:manage',
  'audit:read',
];

export function mayReadConfiguration(permissions: ReadonlySet<Permission>): boolean {
  return CONFIGURATION_READERS.some((p) => permissions.has(p));
}

/** requireUser for the configuration read routes: any one of CONFIGURATION_READERS will do. */
export function requireConfigurationReader(req: FastifyRequest) {
  const guarded = requireUser(req);
  if (!mayReadConfiguration(guarded.actor.permissions)) throw problems.forbidden();
  return guarded;
}

/** `Woningcorporatie Zuid & Oost` → `woningcorporatie-zuid-oost`; at most 40 characters, never empty. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)
    .replace(/^-+|-+$/g, '');
  return slug || 'partner';
}

/** The OAuth client_id of a partner's machine client: readable in logs, unguessable by its random tail. */
export function partnerClientId(name: string, random: string): string {
  return `partner-${slugify(name)}-${random}`;
}

export function isPartnerType(value: string): value is DdasSignaalpartner {
  return (DDAS_SIGNAALPARTNERS as readonly string[]).includes(value);
}

/** The database CHECK allows only DDAS values; anything else is a broken invariant, not a user error. */
export function asPartnerType(value: string): DdasSignaalpartner {
  if (!isPartnerType(value)) throw new Error(`Unknown DDAS signaalpartner in the database: ${value}`);
  return value;
}
