/**
 * The BRP adapter over our own persons / addresses tables (the synthetic BRP of the demo, or a municipality's
 * own copy of its residents). Every look-up is one SQL statement for the whole batch, scoped to the
 * municipality, and runs on whatever drizzle handle it is given: the caller's transaction in the pipeline.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Orm } from '../../db/client.ts';
import { surnameMatches } from '../vroegsignalering/matching/match.ts';
import {
  type BrpAdapter,
  type BrpAddressKey,
  type BrpGeslacht,
  type BrpNaamgebruik,
  type BrpPerson,
  type BrpStatus,
  brpAddressKey,
  normaliseBrpPostcode,
} from './adapter.ts';

type PersonRow = {
  id: string;
  bsn: string;
  voornamen: string;
  voorvoegsel: string | null;
  geslachtsnaam: string;
  partner_voorvoegsel: string | null;
  partner_geslachtsnaam: string | null;
  naamgebruik: string;
  geboortedatum: string;
  geslacht: string;
  household_id: string;
  address_id: string;
  postcode: string;
  huisnummer: number;
  huisletter: string | null;
  toevoeging: string | null;
  brp_status: string;
};

const COLUMNS = sql.raw(`p.id, p.bsn, p.voornamen, p.voorvoegsel, p.geslachtsnaam, p.partner_voorvoegsel,
  p.partner_geslachtsnaam, p.naamgebruik, to_char(p.geboortedatum, 'YYYY-MM-DD') AS geboortedatum, p.geslacht,
  p.household_id, p.address_id, a.postcode, a.huisnummer, a.huisletter, a.toevoeging, p.brp_status`);

const ORDER = sql.raw(
  'ORDER BY a.postcode, a.huisnummer, a.huisletter NULLS FIRST, a.toevoeging NULLS FIRST, p.household_id, p.geboortedatum, p.id',
);

/** Keys per statement: arrays of this size are still planned and sent quickly. */
const CHUNK = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const BSN = /^\d{9}$/;

function toPerson(r: PersonRow): BrpPerson {
  return {
    id: r.id,
    bsn: r.bsn,
    voornamen: r.voornamen,
    voorvoegsel: r.voorvoegsel,
    geslachtsnaam: r.geslachtsnaam,
    partnerVoorvoegsel: r.partner_voorvoegsel,
    partnerGeslachtsnaam: r.partner_geslachtsnaam,
    // The CHECK constraints of the persons table guarantee these values.
    naamgebruik: r.naamgebruik as BrpNaamgebruik,
    geboortedatum: r.geboortedatum,
    geslacht: r.geslacht as BrpGeslacht,
    householdId: r.household_id,
    addressId: r.address_id,
    postcode: r.postcode,
    huisnummer: Number(r.huisnummer),
    huisletter: r.huisletter,
    toevoeging: r.toevoeging,
    brpStatus: r.brp_status as BrpStatus,
  };
}

export class EmbeddedBrpAdapter implements BrpAdapter {
  constructor(private readonly db: Orm) {}

  private async select(query: SQL): Promise<BrpPerson[]> {
    const result = await this.db.execute(query);
    return (result as unknown as { rows: PersonRow[] }).rows.map(toPerson);
  }

  /**
   * One probe of addresses_lookup_idx per address and of persons_address_idx per address found (LATERAL …
   * OFFSET 0 keeps them nested loops; the persons' municipality is checked outside, so no other persons index
   * competes): a join let the planner hash all of the municipality's addresses for every batch, whatever its size.
   */
  async findByAddresses(municipalityId: string, keys: BrpAddressKey[]): Promise<Map<string, BrpPerson[]>> {
    const out = new Map<string, BrpPerson[]>();
    const postcodes: string[] = [];
    const numbers: number[] = [];
    for (const k of keys) {
      const key = brpAddressKey(k.postcode, k.huisnummer);
      if (out.has(key)) continue;
      out.set(key, []);
      if (!Number.isInteger(k.huisnummer)) continue;
      postcodes.push(normaliseBrpPostcode(k.postcode));
      numbers.push(k.huisnummer);
    }
    for (let i = 0; i < postcodes.length; i += CHUNK) {
      const persons = await this.select(sql`
        SELECT ${COLUMNS}
          FROM unnest(${sql.param(postcodes.slice(i, i + CHUNK))}::text[],
                      ${sql.param(numbers.slice(i, i + CHUNK))}::int[]) AS k(postcode, huisnummer)
         CROSS JOIN LATERAL (
           SELECT a.* FROM addresses a
            WHERE a.municipality_id = ${municipalityId}::uuid AND a.postcode = k.postcode AND a.huisnummer = k.huisnummer
           OFFSET 0) a
         CROSS JOIN LATERAL (SELECT p.* FROM persons p WHERE p.address_id = a.id OFFSET 0) p
         WHERE p.municipality_id = ${municipalityId}::uuid
        ${ORDER}`);
      for (const p of persons) out.get(brpAddressKey(p.postcode, p.huisnummer))?.push(p);
    }
    return out;
  }

  /**
   * Loads everyone of the municipality born on that date and keeps those whose surname fits the normalised
   * surname key of matching (own, partner or combined name, tussenvoegsels anywhere, diacritics, ij/y, typos).
   * An index look-up on persons (municipality_id, geboortedatum), migration 0009.
   */
  async findByNameAndBirthDate(
    municipalityId: string,
    q: { geslachtsnaam: string; geboortedatum: string },
  ): Promise<BrpPerson[]> {
    if (!DATE.test(q.geboortedatum) || q.geslachtsnaam.trim() === '') return [];
    const persons = await this.select(sql`
      SELECT ${COLUMNS}
        FROM persons p JOIN addresses a ON a.id = p.address_id
       WHERE p.municipality_id = ${municipalityId}::uuid AND p.geboortedatum = ${q.geboortedatum}::date
      ${ORDER}`);
    return persons.filter((p) => surnameMatches(q.geslachtsnaam, p));
  }

  async findByBsn(municipalityId: string, bsns: string[]): Promise<Map<string, BrpPerson>> {
    const wanted = [...new Set(bsns.filter((b) => BSN.test(b)))];
    const out = new Map<string, BrpPerson>();
    for (let i = 0; i < wanted.length; i += CHUNK) {
      const persons = await this.select(sql`
        SELECT ${COLUMNS}
          FROM persons p JOIN addresses a ON a.id = p.address_id
         WHERE p.municipality_id = ${municipalityId}::uuid
           AND p.bsn = ANY(${sql.param(wanted.slice(i, i + CHUNK))}::text[])
        ${ORDER}`);
      for (const p of persons) out.set(p.bsn, p);
    }
    return out;
  }

  async household(municipalityId: string, householdId: string): Promise<{ members: BrpPerson[] }> {
    if (!UUID.test(householdId)) return { members: [] };
    const members = await this.select(sql`
      SELECT ${COLUMNS}
        FROM persons p JOIN addresses a ON a.id = p.address_id
       WHERE p.municipality_id = ${municipalityId}::uuid AND p.household_id = ${householdId}::uuid
      ${ORDER}`);
    return { members };
  }
}

/** For PipelineDeps.brp: the embedded BRP on the caller's transaction. */
export function embeddedBrp(tx: Orm): BrpAdapter {
  return new EmbeddedBrpAdapter(tx);
}
