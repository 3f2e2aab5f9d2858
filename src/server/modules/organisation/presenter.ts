import type { Municipality, Team, Wijk } from '../../../shared/schemas/organisation.ts';
import { visibleSettings } from './policy.ts';
import type { MunicipalityRow, TeamWithMembers, WijkRow } from './repository.ts';

export function presentMunicipality(row: MunicipalityRow): Municipality {
  return {
    id: row.id,
    name: row.name,
    cbsCode: row.cbsCode,
    inhabitants: row.inhabitants,
    settings: visibleSettings(row.settings),
  };
}

export function presentTeam(row: TeamWithMembers): Team {
  return { id: row.id, name: row.name, description: row.description, memberIds: row.memberIds };
}

export function presentWijk(row: WijkRow): Wijk {
  return { id: row.id, code: row.code, name: row.name, teamId: row.teamId };
}
