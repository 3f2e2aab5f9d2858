import type { UserActor } from '../../http/context.ts';

/**
 * Who may look a person up. Professionals with persons:read_bsn may search the BRP. A volunteer (persons:read
 * without BSN) may only see residents they are matched to; matching arrives with the budgetmaatjes capability,
 * so until then a volunteer sees nobody.
 */
export function canSearchPersons(actor: UserActor): boolean {
  return actor.permissions.has('persons:read_bsn');
}

export function canViewPerson(
  actor: UserActor,
  matchedHouseholdIds: ReadonlySet<string>,
  householdId: string,
): boolean {
  if (actor.permissions.has('persons:read_bsn')) return true;
  return actor.permissions.has('persons:read') && matchedHouseholdIds.has(householdId);
}

export function canSeeBsn(actor: UserActor): boolean {
  return actor.permissions.has('persons:read_bsn');
}
