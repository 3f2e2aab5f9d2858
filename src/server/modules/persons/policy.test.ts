import { describe, expect, it } from 'vitest';
import { permissionsFor, type StaffRole } from '../../../shared/roles.ts';
import type { UserActor } from '../../http/context.ts';
import { canSearchPersons, canSeeBsn, canViewPerson } from './policy.ts';

function actor(role: StaffRole): UserActor {
  return {
    type: 'user',
    userId: 'u',
    regionId: 'r',
    displayName: 'x',
    email: 'x@example.nl',
    preferredLanguage: 'nl',
    sessionId: 's',
    csrfToken: 'c',
    mfaState: 'verified',
    activeMunicipalityId: 'm',
    roles: [role],
    permissions: permissionsFor([role]),
  };
}

describe('persons policy per role', () => {
  it.each([
    ['vroegsignalering_medewerker', true],
    ['schuldhulpverlener', true],
    ['regisseur', true],
    ['coordinator_vrijwilligers', false],
    ['vrijwilliger', false],
    ['beleidsmedewerker', false],
    ['auditor', false],
    ['functioneel_beheerder', false],
  ] as const)('%s may search the BRP and see a BSN: %s', (role, allowed) => {
    expect(canSearchPersons(actor(role))).toBe(allowed);
    expect(canSeeBsn(actor(role))).toBe(allowed);
  });

  it('lets a volunteer see only a household they are matched to, and never a BSN', () => {
    const v = actor('vrijwilliger');
    expect(canViewPerson(v, new Set(), 'h1')).toBe(false);
    expect(canViewPerson(v, new Set(['h1']), 'h1')).toBe(true);
    expect(canViewPerson(v, new Set(['h1']), 'h2')).toBe(false);
    expect(canSeeBsn(v)).toBe(false);
  });

  it('never lets a policy adviser see a person, matched or not', () => {
    expect(canViewPerson(actor('beleidsmedewerker'), new Set(['h1']), 'h1')).toBe(false);
  });
});
