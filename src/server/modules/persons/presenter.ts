import { displayName } from '../../../shared/names.ts';
import type { PersonWithAddress } from './repository.ts';

type AddressRow = PersonWithAddress['address'];

export function presentAddress(a: AddressRow) {
  return {
    id: a.id,
    straat: a.straat,
    huisnummer: a.huisnummer,
    huisletter: a.huisletter,
    toevoeging: a.toevoeging,
    postcode: a.postcode,
    woonplaats: a.woonplaats,
    wijkId: a.wijkId,
  };
}

/** The BSN is only included for roles allowed to see it (never for volunteers). */
export function presentPerson({ person: p, address }: PersonWithAddress, opts: { withBsn: boolean }) {
  return {
    id: p.id,
    ...(opts.withBsn ? { bsn: p.bsn } : {}),
    naam: displayName(p),
    voornamen: p.voornamen,
    voorvoegsel: p.voorvoegsel,
    geslachtsnaam: p.geslachtsnaam,
    geslacht: p.geslacht,
    geboortedatum: p.geboortedatum,
    householdId: p.householdId,
    householdRole: p.householdRole,
    address: presentAddress(address),
  };
}
