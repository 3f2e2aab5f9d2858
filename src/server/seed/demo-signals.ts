import { and, eq, sql } from 'drizzle-orm';
import type { DdasSignaalpartner } from '../../shared/ddas.ts';
import type { SignalInput } from '../../shared/schemas/signals.ts';
import type { Database } from '../db/client.ts';
import { persons, signalPartners } from '../db/schema.ts';
import type { ServiceContext } from '../http/context.ts';
import type { BrpPerson } from '../modules/brp/adapter.ts';
import { EmbeddedBrpAdapter } from '../modules/brp/embedded.ts';
import { ingestSignals } from '../modules/vroegsignalering/intake/service.ts';
import {
  applicable,
  distort,
  type Population,
  type PositiveKind,
} from '../modules/vroegsignalering/matching/distort.ts';
import { intakeSignals, type PipelineDeps } from '../modules/vroegsignalering/pipeline/process.ts';
import { Prng } from './generator.ts';

/** About 4.4 signals per 1,000 inhabitants per month (national average), with the March peak after the winter. */
const SIGNALS_PER_1000_PER_MONTH = 4.4;
const MONTH_FACTOR = [1.0, 1.05, 1.45, 1.1, 0.95, 0.9, 0.8, 0.85, 1.0, 1.0, 0.95, 0.95];

const PARTNER_MIX: [DdasSignaalpartner, number, [number, number]][] = [
  ['Huur', 26, [30000, 250000]],
  ['Energie', 22, [8000, 90000]],
  ['CAK Zorgverzekeringen', 14, [60000, 300000]],
  ['Water', 12, [5000, 40000]],
  ['Zorg', 8, [10000, 80000]],
  ['Hypotheek', 4, [80000, 600000]],
  ['Belastingdienst', 4, [20000, 300000]],
  ['Dienst Toeslagen', 3, [20000, 500000]],
  ['DUO', 3, [15000, 200000]],
  ['CAK Eigen bijdrage', 2, [5000, 50000]],
  ['Overige', 2, [5000, 100000]],
];

// Spelling variants the partners' systems really produce; matching must see through them.
const DISTORTIONS: PositiveKind[] = [
  'clean',
  'clean',
  'clean',
  'case',
  'tussenvoegsel_order',
  'diacritics',
  'initials',
  'partner_name',
  'typo',
  'toevoeging',
  'ij_y',
];

function pickPartner(rng: Prng): [DdasSignaalpartner, [number, number]] {
  let u = rng.float() * PARTNER_MIX.reduce((s, p) => s + p[1], 0);
  for (const [type, weight, range] of PARTNER_MIX) {
    u -= weight;
    if (u < 0) return [type, range];
  }
  return ['Overige', [5000, 100000]];
}

function toSignal(input: ReturnType<typeof distort>, extra: Partial<SignalInput>): SignalInput {
  const s: SignalInput = {
    achternaam: input.achternaam,
    amountCents: 0,
    signalDate: '2000-01-01',
    ...extra,
  };
  for (const key of [
    'voornamen',
    'voorletters',
    'voorvoegsel',
    'geboortedatum',
    'postcode',
    'huisletter',
    'toevoeging',
  ] as const) {
    const value = input[key];
    if (value) s[key] = value;
  }
  if (input.huisnummer) s.huisnummer = input.huisnummer;
  return s;
}

/**
 * A realistic past year of signals for one demo municipality, from all partner types: spelling variants, crisis
 * signals, repeats and a few people not in the BRP. Goes through the real intake pipeline, month by month.
 */
export async function seedDemoSignals(
  database: Database,
  municipality: { id: string; inhabitants: number; seed: number },
  deps: PipelineDeps,
  today = new Date(),
): Promise<number> {
  const db = database.orm;
  const rng = new Prng(`demo-signals:${municipality.seed}`);
  const partners = new Map(
    (
      await db
        .select({ id: signalPartners.id, type: signalPartners.partnerType })
        .from(signalPartners)
        .where(eq(signalPartners.municipalityId, municipality.id))
    ).map((p) => [p.type, p.id]),
  );
  const adults = await db
    .select({ bsn: persons.bsn })
    .from(persons)
    .where(
      and(
        eq(persons.municipalityId, municipality.id),
        sql`${persons.geboortedatum} < now() - interval '18 years'`,
        eq(persons.brpStatus, 'ingeschreven'),
      ),
    );
  if (adults.length === 0 || partners.size === 0) return 0;
  const brp = new EmbeddedBrpAdapter(db);
  const sample = [
    ...new Set(Array.from({ length: Math.min(adults.length, 400) }, () => rng.pick(adults).bsn)),
  ];
  const people = [...(await brp.findByBsn(municipality.id, sample)).values()];
  const population: Population = { persons: people, byAddress: new Map(), byBirthDate: new Map() };
  for (const p of people) {
    const key = `${p.postcode}|${p.huisnummer}`;
    population.byAddress.set(key, [...(population.byAddress.get(key) ?? []), p]);
    population.byBirthDate.set(p.geboortedatum, [...(population.byBirthDate.get(p.geboortedatum) ?? []), p]);
  }
  const ctx: ServiceContext = {
    actor: { type: 'system', name: 'demo-seed' },
    municipalityId: municipality.id,
    requestId: 'demo-seed',
  };
  const previous = new Map<string, { person: BrpPerson; partner: DdasSignaalpartner; amount: number }>();
  let total = 0;
  for (let back = 11; back >= 0; back--) {
    const monthStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1));
    const lastDay =
      back === 0
        ? today.getUTCDate()
        : new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() + 1, 0)).getUTCDate();
    const count = Math.max(
      1,
      Math.round(
        (municipality.inhabitants / 1000) *
          SIGNALS_PER_1000_PER_MONTH *
          (MONTH_FACTOR[monthStart.getUTCMonth()] ?? 1) *
          (back === 0 ? lastDay / 30 : 1),
      ),
    );
    const bySource = new Map<string, { ref: number; raw: SignalInput }[]>();
    for (let i = 0; i < count; i++) {
      const date = new Date(monthStart);
      date.setUTCDate(rng.int(1, lastDay));
      const signalDate = date.toISOString().slice(0, 10);
      const repeat = previous.size > 0 && rng.chance(0.1) ? rng.pick([...previous.values()]) : null;
      const person = repeat?.person ?? rng.pick(people);
      const [partner, range] = repeat
        ? [repeat.partner, [repeat.amount, repeat.amount] as [number, number]]
        : pickPartner(rng);
      const amount = repeat && rng.chance(0.5) ? repeat.amount : rng.int(range[0], range[1]);
      const crisis = rng.chance(0.05);
      const stranger = rng.chance(0.03);
      const kind = rng.pick(DISTORTIONS.filter((k) => applicable(person, k)));
      const input = distort(person, kind ?? 'clean', rng, population);
      const raw = toSignal(
        stranger
          ? {
              ...input,
              achternaam: rng.pick(['Onbekend', 'Vreemdeling', 'Zonderbrp']),
              geboortedatum: '1975-06-15',
            }
          : input,
        {
          externalId: `${partner.slice(0, 3).toUpperCase()}-${signalDate}-${i}`,
          amountCents: amount,
          signalDate,
          arrearsSince: new Date(date.getTime() - rng.int(60, 200) * 86_400_000).toISOString().slice(0, 10),
          monthsInArrears: rng.int(2, 7),
          ...(crisis && partner === 'Energie' ? { endOfSupply: true, endOfSupplyDate: signalDate } : {}),
          ...(crisis && partner === 'Huur' ? { evictionAnnounced: true, evictionDate: signalDate } : {}),
          ...(crisis && partner === 'CAK Zorgverzekeringen' ? { insuranceTermination: true } : {}),
          ...(rng.chance(0.04)
            ? { warmHandover: true, remark: 'Klant staat open voor hulp; graag contact opnemen.' }
            : {}),
        },
      );
      previous.set(`${person.id}|${partner}`, { person, partner, amount });
      const partnerId = partners.get(partner) ?? '';
      const list = bySource.get(partnerId) ?? [];
      list.push({ ref: list.length, raw });
      bySource.set(partnerId, list);
    }
    await db.transaction(async (tx) => {
      for (const [partnerId, items] of bySource) {
        const results = await ingestSignals(tx, ctx, { partnerId, source: 'api', items }, (t, c, rows) =>
          intakeSignals(t, c, rows, deps),
        );
        total += results.filter((r) => r.outcome === 'accepted').length;
      }
    });
  }
  return total;
}
