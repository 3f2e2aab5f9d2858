import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type AddressRow,
  defaultPostcodeRange,
  generatePopulation,
  type HouseholdRow,
  isValidBsn,
  type PersonRow,
  type PopulationOptions,
  PopulationOptionsError,
  type PopulationRow,
} from './generator.ts';
import { splitSurname } from './names.ts';

const MUNICIPALITY = '6f1c1f1e-1c55-4e55-9a3b-0d7a0e5a0001';
const base: PopulationOptions = {
  seed: 42,
  inhabitants: 5_000,
  municipalityId: MUNICIPALITY,
  cbsCode: '0363',
  woonplaats: 'Amsterdam',
};

function collect(options: Partial<PopulationOptions> = {}) {
  const rows: PopulationRow[] = [];
  for (const row of generatePopulation({ ...base, ...options })) rows.push(row);
  const addresses = rows.filter((r): r is AddressRow => r.table === 'addresses');
  const households = rows.filter((r): r is HouseholdRow => r.table === 'households');
  const persons = rows.filter((r): r is PersonRow => r.table === 'persons');
  return { rows, addresses, households, persons };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function digest(rows: readonly PopulationRow[]): string {
  const hash = createHash('sha256');
  for (const row of rows) hash.update(JSON.stringify(row));
  return hash.digest('hex');
}

const sample = collect();
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('generatePopulation', () => {
  it('is deterministic: the same seed gives the same rows, ids included', () => {
    const again = collect();
    expect(again.rows.length).toBe(sample.rows.length);
    expect(digest(again.rows)).toBe(digest(sample.rows));
  });

  it('gives a different population for a different seed or municipality', () => {
    const other = collect({ seed: 43 });
    expect(digest(other.rows)).not.toBe(digest(sample.rows));
    const otherIds = new Set(other.persons.map((p) => p.id));
    expect(sample.persons.some((p) => otherIds.has(p.id))).toBe(false);
    const names = (ps: PersonRow[]) => ps.slice(0, 50).map((p) => `${p.voornamen} ${p.geslachtsnaam}`);
    expect(names(other.persons)).not.toEqual(names(sample.persons));
    const elsewhere = collect({ cbsCode: '0599', woonplaats: 'Rotterdam' });
    expect(digest(elsewhere.rows)).not.toBe(digest(sample.rows));
  });

  it('generates exactly the requested number of persons, in foreign-key order', () => {
    expect(sample.persons).toHaveLength(5_000);
    const seenAddresses = new Set<string>();
    const seenHouseholds = new Set<string>();
    for (const row of sample.rows) {
      if (row.table === 'addresses') seenAddresses.add(row.id);
      else if (row.table === 'households') {
        expect(seenAddresses.has(row.addressId)).toBe(true);
        seenHouseholds.add(row.id);
      } else {
        expect(seenHouseholds.has(row.householdId)).toBe(true);
        expect(seenAddresses.has(row.addressId)).toBe(true);
      }
    }
    for (const n of [1, 2, 7]) expect(collect({ inhabitants: n }).persons).toHaveLength(n);
  });

  it('gives every person a BSN that passes the elfproef, unique within the population', () => {
    for (const p of sample.persons) expect(isValidBsn(p.bsn), p.bsn).toBe(true);
    expect(new Set(sample.persons.map((p) => p.bsn)).size).toBe(sample.persons.length);
  });

  it('keeps the BSNs of municipalities with different CBS codes apart', () => {
    const pairs: [string, string][] = [
      ['0363', '0362'], // numerically adjacent
      ['0001', '0002'],
      ['9901', '9902'], // the demo region
      ['0363', '1363'],
    ];
    for (const [a, b] of pairs) {
      const first = new Set(collect({ cbsCode: a, inhabitants: 8_000 }).persons.map((p) => p.bsn));
      const second = collect({ cbsCode: b, inhabitants: 8_000, seed: 7 }).persons;
      expect(
        second.filter((p) => first.has(p.bsn)),
        `${a} vs ${b}`,
      ).toHaveLength(0);
    }
    // Neighbouring codes stay apart far beyond the guaranteed minimum: 60,000 persons each here.
    const big = new Set(collect({ cbsCode: '0363', inhabitants: 60_000 }).persons.map((p) => p.bsn));
    expect(collect({ cbsCode: '0384', inhabitants: 60_000 }).persons.some((p) => big.has(p.bsn))).toBe(false);
  });

  it('checks the elfproef correctly', () => {
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('123456782')).toBe(true);
    expect(isValidBsn('123456789')).toBe(false);
    expect(isValidBsn('12345678')).toBe(false);
    expect(isValidBsn('12345678a')).toBe(false);
  });

  it('formats ids as unique version 4 UUIDs', () => {
    const ids = sample.rows.map((r) => r.id);
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('produces valid, real-looking addresses', () => {
    const keys = new Set<string>();
    for (const a of sample.addresses) {
      expect(a.postcode).toMatch(/^[1-9][0-9]{3}[A-Z]{2}$/);
      expect(['SA', 'SD', 'SS']).not.toContain(a.postcode.slice(4));
      expect(a.huisnummer).toBeGreaterThanOrEqual(1);
      expect(a.huisnummer).toBeLessThanOrEqual(99_999);
      if (a.huisletter !== null) expect(a.huisletter).toMatch(/^[A-Za-z]$/);
      if (a.toevoeging !== null) expect(a.toevoeging.length).toBeLessThanOrEqual(4);
      expect(a.straat.length).toBeGreaterThan(3);
      expect(a.woonplaats).toBe('Amsterdam');
      expect(a.municipalityId).toBe(MUNICIPALITY);
      keys.add(`${a.postcode} ${a.huisnummer}${a.huisletter ?? ''}-${a.toevoeging ?? ''}`);
    }
    // A postcode + huisnummer + huisletter + toevoeging identifies one address, as in the BAG.
    expect(keys.size).toBe(sample.addresses.length);
    expect(sample.addresses.some((a) => a.huisletter !== null)).toBe(true);
    const toevoegingen = new Set(sample.addresses.map((a) => a.toevoeging).filter((t) => t !== null));
    expect(toevoegingen.size).toBeGreaterThanOrEqual(4);
    const range = defaultPostcodeRange('0363', 5_000);
    for (const a of sample.addresses) {
      const pc4 = Number(a.postcode.slice(0, 4));
      expect(pc4).toBeGreaterThanOrEqual(range.from);
      expect(pc4).toBeLessThanOrEqual(range.to);
    }
  });

  it('stays inside an explicit postcode range', () => {
    const { addresses } = collect({ postcodeRange: { from: 1011, to: 1019 }, inhabitants: 20_000 });
    for (const a of addresses) expect(Number(a.postcode.slice(0, 4))).toBeGreaterThanOrEqual(1011);
    for (const a of addresses) expect(Number(a.postcode.slice(0, 4))).toBeLessThanOrEqual(1019);
  });

  it('puts households at their address, sometimes several at one address', () => {
    const householdAddress = new Map(sample.households.map((h) => [h.id, h.addressId]));
    const members = new Map<string, PersonRow[]>();
    for (const p of sample.persons) {
      expect(p.addressId).toBe(householdAddress.get(p.householdId));
      members.set(p.householdId, [...(members.get(p.householdId) ?? []), p]);
    }
    for (const [, ms] of members) {
      expect(ms.length).toBeGreaterThanOrEqual(1);
      expect(ms.length).toBeLessThanOrEqual(6);
      expect(ms.filter((m) => m.householdRole === 'hoofd')).toHaveLength(1);
      expect(ms.filter((m) => m.householdRole === 'partner').length).toBeLessThanOrEqual(1);
    }
    expect(members.size).toBe(sample.households.length);
    const perAddress = new Map<string, number>();
    for (const h of sample.households) perAddress.set(h.addressId, (perAddress.get(h.addressId) ?? 0) + 1);
    expect(perAddress.size).toBe(sample.addresses.length);
    expect([...perAddress.values()].some((n) => n > 1)).toBe(true);
    const sizes = new Set([...members.values()].map((ms) => ms.length));
    for (const size of [1, 2, 3, 4, 5]) expect(sizes.has(size)).toBe(true);
  });

  it('covers the variety of Dutch names', () => {
    const ps = sample.persons;
    expect(ps.some((p) => p.voorvoegsel === 'van')).toBe(true);
    expect(ps.some((p) => p.voorvoegsel === 'de')).toBe(true);
    expect(ps.some((p) => p.voorvoegsel?.includes(' '))).toBe(true);
    for (const p of ps) {
      // Tussenvoegsels are stored apart and in lower case; the geslachtsnaam starts with a capital.
      if (p.voorvoegsel !== null) expect(p.voorvoegsel).toBe(p.voorvoegsel.toLowerCase());
      expect(p.geslachtsnaam[0]).toBe(p.geslachtsnaam[0]?.toUpperCase());
      expect(p.voornamen.trim()).toBe(p.voornamen);
    }
    const nonAscii = /[^\u0020-\u007e]/;
    expect(ps.some((p) => nonAscii.test(p.voornamen))).toBe(true);
    expect(ps.some((p) => nonAscii.test(p.geslachtsnaam))).toBe(true);
    expect(ps.some((p) => p.voornamen.includes(' '))).toBe(true);
    expect(ps.some((p) => p.geslachtsnaam.includes('IJ') || p.geslachtsnaam.includes('ij'))).toBe(true);
  });

  it('gives married partners each other’s name and varied naamgebruik', () => {
    const withPartner = sample.persons.filter((p) => p.partnerGeslachtsnaam !== null);
    expect(withPartner.length).toBeGreaterThan(500);
    expect(new Set(sample.persons.map((p) => p.naamgebruik))).toEqual(new Set(['E', 'P', 'V', 'N']));
    for (const p of sample.persons) {
      // P, V and N need a partner name to use.
      if (p.naamgebruik !== 'E') expect(p.partnerGeslachtsnaam).not.toBeNull();
      if (p.partnerGeslachtsnaam === null) expect(p.partnerVoorvoegsel).toBeNull();
    }
    const byHousehold = groupBy(sample.persons, (p) => p.householdId);
    let mutual = 0;
    for (const members of byHousehold.values()) {
      const head = members.find((m) => m.householdRole === 'hoofd');
      const partner = members.find((m) => m.householdRole === 'partner');
      if (!head || !partner || head.partnerGeslachtsnaam === null) continue;
      expect(head.partnerGeslachtsnaam).toBe(partner.geslachtsnaam);
      expect(partner.partnerGeslachtsnaam).toBe(head.geslachtsnaam);
      mutual++;
    }
    expect(mutual).toBeGreaterThan(200);
  });

  it('generates children who share one surname per household and have no income', () => {
    const children = sample.persons.filter((p) => p.householdRole === 'kind');
    expect(children.length).toBeGreaterThan(800);
    for (const [, kids] of groupBy(children, (c) => c.householdId)) {
      const names = new Set(kids.map((k) => `${k.voorvoegsel ?? ''}|${k.geslachtsnaam}`));
      expect(names.size).toBe(1);
    }
    const reference = Date.parse('2025-01-01');
    for (const c of children) {
      const age = (reference - Date.parse(c.geboortedatum)) / (365.2425 * 86_400_000);
      if (age < 18) {
        expect(c.incomeSource).toBe('geen');
        expect(c.monthlyIncomeCents).toBe(0);
      }
    }
  });

  it('spreads ages, sexes and incomes plausibly', () => {
    const reference = Date.parse('2025-01-01');
    const ages = sample.persons.map(
      (p) => (reference - Date.parse(p.geboortedatum)) / (365.2425 * 86_400_000),
    );
    for (const age of ages) {
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThan(101);
    }
    const share = (pred: (a: number) => boolean) => ages.filter(pred).length / ages.length;
    expect(share((a) => a < 18)).toBeGreaterThan(0.12);
    expect(share((a) => a < 18)).toBeLessThan(0.3);
    expect(share((a) => a >= 67)).toBeGreaterThan(0.1);
    expect(share((a) => a >= 67)).toBeLessThan(0.32);
    const sexes = groupBy(sample.persons, (p) => p.geslacht);
    expect(sexes.get('M')?.length).toBeGreaterThan(2_000);
    expect(sexes.get('V')?.length).toBeGreaterThan(2_000);
    expect(sexes.get('O')?.length ?? 0).toBeGreaterThan(0);
    expect(sexes.get('O')?.length ?? 0).toBeLessThan(50);
    for (const p of sample.persons) {
      expect(p.geboortedatum).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isInteger(p.monthlyIncomeCents)).toBe(true);
      expect(p.monthlyIncomeCents).toBeGreaterThanOrEqual(0);
      expect(p.monthlyIncomeCents).toBeLessThan(2_147_483_647);
      if (p.incomeSource === 'geen') expect(p.monthlyIncomeCents).toBe(0);
      else expect(p.monthlyIncomeCents).toBeGreaterThan(0);
    }
    const sources = new Set(sample.persons.map((p) => p.incomeSource));
    for (const s of ['loon', 'uitkering', 'pensioen', 'zelfstandig', 'studiefinanciering', 'geen']) {
      expect(sources.has(s as PersonRow['incomeSource'])).toBe(true);
    }
    const wages = sample.persons.filter((p) => p.incomeSource === 'loon').map((p) => p.monthlyIncomeCents);
    wages.sort((a, b) => a - b);
    const median = wages[Math.floor(wages.length / 2)] as number;
    expect(median).toBeGreaterThan(150_000);
    expect(median).toBeLessThan(450_000);
  });

  it('assigns every address to one of the given wijken, in contiguous blocks', () => {
    const wijken = [
      'aaaaaaaa-0000-4000-8000-000000000001',
      'aaaaaaaa-0000-4000-8000-000000000002',
      'aaaaaaaa-0000-4000-8000-000000000003',
    ];
    const { addresses } = collect({ wijkIds: wijken });
    const order = addresses.map((a) => a.wijkId);
    expect(new Set(order)).toEqual(new Set(wijken));
    // Once the generator moves on to the next wijk it does not come back.
    const changes = order.filter((w, i) => i > 0 && w !== order[i - 1]).length;
    expect(changes).toBe(2);
    expect(sample.addresses.every((a) => a.wijkId === null)).toBe(true);
  });

  it('streams: the first rows of a ten-million population arrive at once', () => {
    const started = performance.now();
    const iterator = generatePopulation({ ...base, inhabitants: 10_000_000 });
    for (let i = 0; i < 1_000; i++) expect(iterator.next().done).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('rejects bad options with a clear message', () => {
    const bad: Partial<PopulationOptions>[] = [
      { cbsCode: '363' },
      { inhabitants: 0 },
      { inhabitants: 1.5 },
      { seed: -1 },
      { municipalityId: 'not-a-uuid' },
      { postcodeRange: { from: 999, to: 1000 } },
      { postcodeRange: { from: 2000, to: 1000 } },
      { referenceDate: '2025-02-30' },
      { woonplaats: ' ' },
    ];
    for (const options of bad) {
      expect(() => generatePopulation({ ...base, ...options }).next(), JSON.stringify(options)).toThrow(
        PopulationOptionsError,
      );
    }
  });
});

describe('splitSurname', () => {
  it('splits tussenvoegsels off, longest first', () => {
    expect(splitSurname('van der Meer')).toEqual({ voorvoegsel: 'van der', geslachtsnaam: 'Meer' });
    expect(splitSurname("in 't Veld")).toEqual({ voorvoegsel: "in 't", geslachtsnaam: 'Veld' });
    expect(splitSurname("'t Hart")).toEqual({ voorvoegsel: "'t", geslachtsnaam: 'Hart' });
    expect(splitSurname('de la Cour')).toEqual({ voorvoegsel: 'de la', geslachtsnaam: 'Cour' });
    expect(splitSurname('de Savornin Lohman')).toEqual({
      voorvoegsel: 'de',
      geslachtsnaam: 'Savornin Lohman',
    });
    expect(splitSurname('El Amrani')).toEqual({ voorvoegsel: null, geslachtsnaam: 'El Amrani' });
    expect(splitSurname('Van Houten')).toEqual({ voorvoegsel: null, geslachtsnaam: 'Van Houten' });
    expect(splitSurname('Öztürk')).toEqual({ voorvoegsel: null, geslachtsnaam: 'Öztürk' });
  });
});
