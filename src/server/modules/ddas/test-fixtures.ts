// Random but valid vroegsignalering domain data for the DDAS export tests: a region with municipalities, BRP
// persons, signals as the intake stores them, meldingen in every lifecycle state and contact attempts.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  DDAS_CONTACTSOORTEN,
  DDAS_DAGDELEN,
  DDAS_EINDRESULTATEN,
  DDAS_SIGNAALPARTNERS,
  DDAS_SIGNAALSTATUSSEN,
} from '../../../shared/ddas.ts';
import type { Database } from '../../db/client.ts';

/** A BSN that passes the 11-test, from eight digits (the ninth is the check digit). */
export function bsnFrom(n: number): string {
  for (let k = n; ; k++) {
    const digits = String(100_000_00 + (k % 899_999_99)).padStart(8, '0');
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
    const check = sum % 11;
    if (check <= 9 && `${digits}${check}` !== '000000000') return `${digits}${check}`;
  }
}

const day = (offset: number) => new Date(Date.UTC(2025, 0, 1 + offset)).toISOString().slice(0, 10);

export type FixtureSignal = {
  partnerType: (typeof DDAS_SIGNAALPARTNERS)[number] | null;
  /** 'brp': matched to a BRP person; 'bsn': only the partner's BSN; 'adres': postcode + huisnummer only. */
  identity: 'brp' | 'bsn' | 'adres';
  huisletter: string | null;
  toevoeging: string | null;
  withBirthDate: boolean;
  amountCents: number;
  arrearsDays: number | null;
  dayOffset: number;
  status: (typeof DDAS_SIGNAALSTATUSSEN)[number];
  crisis: boolean;
  warmHandover: boolean;
};

export type FixtureMelding = {
  lifecycle: 'open' | 'in_behandeling' | 'afgesloten';
  continuous: boolean;
  takenUpAfter: number | null;
  eindresultaat: (typeof DDAS_EINDRESULTATEN)[number];
  attempts: {
    soort: (typeof DDAS_CONTACTSOORTEN)[number];
    dagdeel: string | null;
    bereikt: boolean;
    after: number;
  }[];
  signals: FixtureSignal[];
};

const signalArb: fc.Arbitrary<FixtureSignal> = fc.record({
  partnerType: fc.option(fc.constantFrom(...DDAS_SIGNAALPARTNERS), { freq: 8 }),
  identity: fc.constantFrom('brp' as const, 'bsn' as const, 'adres' as const),
  huisletter: fc.option(fc.constantFrom('A', 'b', 'Z')),
  toevoeging: fc.option(fc.constantFrom('1', 'bis', 'II', '3hg')),
  withBirthDate: fc.boolean(),
  amountCents: fc.integer({ min: 0, max: 5_000_000 }),
  arrearsDays: fc.option(fc.integer({ min: 0, max: 400 })),
  dayOffset: fc.integer({ min: 0, max: 330 }),
  status: fc.constantFrom(...DDAS_SIGNAALSTATUSSEN),
  crisis: fc.boolean(),
  warmHandover: fc.boolean(),
});

export const meldingArb: fc.Arbitrary<FixtureMelding> = fc.record({
  lifecycle: fc.constantFrom('open' as const, 'in_behandeling' as const, 'afgesloten' as const),
  continuous: fc.boolean(),
  takenUpAfter: fc.option(fc.integer({ min: 0, max: 40 })),
  eindresultaat: fc.constantFrom(...DDAS_EINDRESULTATEN),
  attempts: fc.array(
    fc.record({
      soort: fc.constantFrom(...DDAS_CONTACTSOORTEN),
      dagdeel: fc.option(fc.constantFrom(...DDAS_DAGDELEN)),
      bereikt: fc.boolean(),
      after: fc.integer({ min: 0, max: 60 }),
    }),
    { maxLength: 4 },
  ),
  signals: fc.array(signalArb, { minLength: 1, maxLength: 3 }),
});

export type Fixture = { meldingen: FixtureMelding[]; loose: FixtureSignal[] };

export const fixtureArb: fc.Arbitrary<Fixture> = fc.record({
  meldingen: fc.array(meldingArb, { maxLength: 6 }),
  loose: fc.array(signalArb, { maxLength: 6 }),
});

let counter = 0;

/**
 * Writes a fixture into a new region with `municipalities` new municipalities (round robin), as valid domain data:
 * an in-behandeling melding always has a pick-up date, a closed one always an eindresultaat. Returns the ids.
 */
export async function insertFixture(
  db: Database,
  fixture: Fixture,
  opts: {
    municipalities?: number;
    into?: { regionId: string; municipalities: { id: string; cbsCode: string }[] };
  } = {},
): Promise<{ regionId: string; municipalities: { id: string; cbsCode: string }[]; signalIds: string[] }> {
  const [region] = opts.into
    ? [{ id: opts.into.regionId }]
    : await db.query<{ id: string }>(`INSERT INTO regions (name) VALUES ($1) RETURNING id::text AS id`, [
        `Regio fixture ${++counter}`,
      ]);
  if (!region) throw new Error('region');
  const ms: { id: string; cbsCode: string; partners: Map<string, string> }[] = [];
  counter++;
  for (const existing of opts.into?.municipalities ?? []) {
    const partners = new Map<string, string>();
    for (const type of DDAS_SIGNAALPARTNERS) {
      const [p] = await db.query<{ id: string }>(
        `INSERT INTO signal_partners (municipality_id, name, partner_type) VALUES ($1, $2, $3)
         ON CONFLICT (municipality_id, name) DO UPDATE SET partner_type = EXCLUDED.partner_type RETURNING id::text AS id`,
        [existing.id, `Partner ${type}`, type],
      );
      partners.set(type, p?.id ?? '');
    }
    ms.push({ ...existing, partners });
  }
  for (let i = 0; i < (opts.into ? 0 : (opts.municipalities ?? 1)); i++) {
    const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
      `SELECT coalesce(max(cbs_code::int), 8000) + 1 AS n FROM municipalities WHERE cbs_code LIKE '8%'`,
    );
    const cbsCode = String(n).padStart(4, '0');
    const [m] = await db.query<{ id: string }>(
      `INSERT INTO municipalities (region_id, cbs_code, name, inhabitants) VALUES ($1, $2, $3, 10000)
       RETURNING id::text AS id`,
      [region.id, cbsCode, `Fixtureheim ${cbsCode}`],
    );
    if (!m) throw new Error('municipality');
    const partners = new Map<string, string>();
    for (const type of DDAS_SIGNAALPARTNERS) {
      const [p] = await db.query<{ id: string }>(
        `INSERT INTO signal_partners (municipality_id, name, partner_type) VALUES ($1, $2, $3) RETURNING id::text AS id`,
        [m.id, `Partner ${type}`, type],
      );
      partners.set(type, p?.id ?? '');
    }
    ms.push({ id: m.id, cbsCode, partners });
  }
  const signalIds: string[] = [];
  let seq = counter * 1000;
  const insertSignal = async (
    m: (typeof ms)[number],
    s: FixtureSignal,
    meldingId: string | null,
    startOffset: number | null,
  ) => {
    seq++;
    const postcode = `${1000 + (seq % 8999)}${s.identity === 'adres' ? ' ab' : 'AB'}`;
    let personId: string | null = null;
    if (s.identity === 'brp') {
      const [a] = await db.query<{ id: string }>(
        `INSERT INTO addresses (municipality_id, straat, huisnummer, postcode, woonplaats)
         VALUES ($1, 'Fixturestraat', $2, $3, 'Fixtureheim') RETURNING id::text AS id`,
        [m.id, (seq % 999) + 1, postcode.replace(' ab', 'AB')],
      );
      const [h] = await db.query<{ id: string }>(
        `INSERT INTO households (municipality_id, address_id) VALUES ($1, $2) RETURNING id::text AS id`,
        [m.id, a?.id],
      );
      const [p] = await db.query<{ id: string }>(
        `INSERT INTO persons (municipality_id, bsn, voornamen, geslachtsnaam, geslacht, geboortedatum, household_id,
                              address_id, household_role)
         VALUES ($1, $2, 'Fixture', 'Persoon', $3, '1980-05-05', $4, $5, 'hoofd') RETURNING id::text AS id`,
        [m.id, bsnFrom(seq * 7919), ['M', 'V', 'O'][seq % 3], h?.id, a?.id],
      );
      personId = p?.id ?? null;
    }
    const signalDate = startOffset === null ? day(s.dayOffset) : day(startOffset + (s.dayOffset % 20));
    const id = randomUUID();
    await db.query(
      `INSERT INTO signals (id, municipality_id, partner_id, source, content_hash, created_by_type, created_by, bsn,
          achternaam, geboortedatum, postcode, huisnummer, huisletter, toevoeging, amount_cents, arrears_since,
          signal_date, end_of_supply, warm_handover, match_status, person_id, ddas_status, melding_id)
       VALUES ($1, $2, $3, $4, 'fixture', 'system', 'fixture', $5, 'Persoon', $6, $7, $8, $9, $10, $11, $12, $13,
          $14, $15, $16, $17, $18, $19)`,
      [
        id,
        m.id,
        s.partnerType ? m.partners.get(s.partnerType) : null,
        s.partnerType ? 'api' : 'verwijzing',
        s.identity === 'bsn' ? bsnFrom(seq * 104729) : null,
        s.withBirthDate ? '1975-03-04' : null,
        s.identity === 'bsn' ? null : postcode,
        s.identity === 'bsn' ? null : (seq % 999) + 1,
        s.huisletter,
        s.toevoeging,
        s.amountCents,
        s.arrearsDays === null ? null : day(s.dayOffset - s.arrearsDays),
        signalDate,
        s.crisis,
        s.warmHandover,
        personId ? 'matched' : 'not_found',
        personId,
        meldingId ? (s.status === 'Opgepakt' ? 'Opgepakt' : 'Nog niet opgepakt') : s.status,
        meldingId,
      ],
    );
    signalIds.push(id);
  };
  for (const [i, f] of fixture.meldingen.entries()) {
    const m = ms[i % ms.length] as (typeof ms)[number];
    const periodStart = f.continuous
      ? day(f.signals[0]?.dayOffset ?? 0)
      : `${day(f.signals[0]?.dayOffset ?? 0).slice(0, 8)}01`;
    const startOffset = Math.round((Date.parse(periodStart) - Date.UTC(2025, 0, 1)) / 86_400_000);
    const takenUp =
      f.lifecycle === 'in_behandeling' || (f.lifecycle === 'afgesloten' && f.takenUpAfter !== null)
        ? day(startOffset + (f.takenUpAfter ?? 1))
        : null;
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO meldingen (municipality_id, address_fingerprint, period_start, period_end, status, taken_up_on,
          eindresultaat, closed_at, is_crisis)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id::text AS id`,
      [
        m.id,
        `fp-${randomUUID()}`,
        periodStart,
        f.continuous && f.lifecycle === 'afgesloten' ? day(startOffset + 60) : null,
        f.lifecycle,
        takenUp,
        f.lifecycle === 'afgesloten' ? f.eindresultaat : null,
        f.lifecycle === 'afgesloten' ? new Date().toISOString() : null,
        f.signals.some((s) => s.crisis),
      ],
    );
    for (const s of f.signals) await insertSignal(m, s, row?.id ?? null, startOffset);
    for (const a of f.attempts) {
      await db.query(
        `INSERT INTO contact_attempts (municipality_id, melding_id, soort, datum, dagdeel, bereikt)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [m.id, row?.id, a.soort, day(startOffset + a.after), a.dagdeel, a.bereikt],
      );
    }
  }
  for (const [i, s] of fixture.loose.entries())
    await insertSignal(ms[i % ms.length] as (typeof ms)[number], s, null, null);
  return { regionId: region.id, municipalities: ms.map(({ id, cbsCode }) => ({ id, cbsCode })), signalIds };
}
