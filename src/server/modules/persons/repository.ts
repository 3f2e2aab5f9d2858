import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Orm } from '../../db/client.ts';
import { addresses, households, persons } from '../../db/schema.ts';

export type PersonWithAddress = {
  person: typeof persons.$inferSelect;
  address: typeof addresses.$inferSelect;
};

const MAX_RESULTS = 50;

async function selectPersons(tx: Orm, where: SQL | undefined): Promise<PersonWithAddress[]> {
  return tx
    .select({ person: persons, address: addresses })
    .from(persons)
    .innerJoin(addresses, eq(addresses.id, persons.addressId))
    .where(where)
    .orderBy(asc(persons.geboortedatum), asc(persons.id))
    .limit(MAX_RESULTS);
}

export function findPersonsByBsn(tx: Orm, municipalityId: string, bsn: string) {
  return selectPersons(tx, and(eq(persons.municipalityId, municipalityId), eq(persons.bsn, bsn)));
}

export function findPersonsAtAddress(tx: Orm, municipalityId: string, postcode: string, huisnummer: number) {
  return selectPersons(
    tx,
    and(
      eq(persons.municipalityId, municipalityId),
      eq(addresses.postcode, postcode),
      eq(addresses.huisnummer, huisnummer),
    ),
  );
}

export async function findPersonById(tx: Orm, municipalityId: string, id: string) {
  const [row] = await selectPersons(tx, and(eq(persons.municipalityId, municipalityId), eq(persons.id, id)));
  return row;
}

export async function findHousehold(tx: Orm, municipalityId: string, id: string) {
  const [household] = await tx
    .select()
    .from(households)
    .where(and(eq(households.municipalityId, municipalityId), eq(households.id, id)))
    .limit(1);
  if (!household) return undefined;
  const members = await selectPersons(
    tx,
    and(eq(persons.municipalityId, municipalityId), eq(persons.householdId, household.id)),
  );
  const [address] = await tx.select().from(addresses).where(eq(addresses.id, household.addressId)).limit(1);
  return address ? { household, address, members } : undefined;
}
