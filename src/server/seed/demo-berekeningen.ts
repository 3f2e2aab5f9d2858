// Rules as code for the demo region: four municipal schemes per municipality, a synthetic financial profile for
// every BRP household (rent, assets, provisions received, income per member from the synthetic BRP incomes), and a
// first non-take-up scan so the outreach list has content at once. All values are derived from hashes of the ids:
// the same population always gets the same profiles. No real person or household.

import { sql } from 'drizzle-orm';
import { todayInNetherlands } from '../../shared/calendar.ts';
import type { Orm } from '../db/client.ts';
import type { ServiceContext } from '../http/context.ts';
import { knownRange } from '../modules/berekeningen/parameters.ts';
import { createScheme, runBatchScan, type Scheme } from '../modules/berekeningen/service.ts';

/**
 * A financial profile for every household of the municipality that has none yet, in two INSERT … SELECT
 * statements (fast enough for the 100,000 households of the benchmark). Incomes: the generator's gross monthly
 * amounts, as net incl. vakantiegeld (rough tax factors per source) and as belastbaar jaarinkomen.
 */
export async function seedHouseholdFinances(tx: Orm, municipalityId: string): Promise<void> {
  await tx.execute(sql`
    INSERT INTO household_finances (household_id, municipality_id, rent_cents, service_costs_cents, assets_cents,
        receives, source)
    SELECT h.id, h.municipality_id,
      CASE WHEN x % 100 < 58 THEN 42000 + (x / 100 % 53) * 1000 END,
      CASE WHEN x % 100 < 58 THEN x / 10000 % 6000 ELSE 0 END,
      CASE WHEN y % 100 < 70 THEN (y / 100 % 8000)::bigint * 100
           WHEN y % 100 < 90 THEN (8000 + y / 100 % 32000)::bigint * 100
           ELSE (40000 + y / 100 % 160000)::bigint * 100 END,
      array_remove(ARRAY[
        CASE WHEN z % 100 < 65 THEN 'zorgtoeslag' END,
        CASE WHEN x % 100 < 58 AND z / 100 % 100 < 60 THEN 'huurtoeslag' END,
        CASE WHEN z / 10000 % 100 < 85 AND EXISTS (SELECT 1 FROM persons k WHERE k.household_id = h.id
          AND k.household_role = 'kind' AND k.geboortedatum > DATE '2008-01-01') THEN 'kindgebonden-budget' END,
        CASE WHEN y / 10000 % 100 < 55 AND EXISTS (SELECT 1 FROM persons u WHERE u.household_id = h.id
          AND u.household_role = 'hoofd' AND u.income_source = 'uitkering') THEN 'bijstand' END
      ]::text[], NULL),
      'demo'
    FROM households h
    CROSS JOIN LATERAL (SELECT abs(hashtext(h.id::text || 'huur')::bigint) AS x,
                               abs(hashtext(h.id::text || 'vermogen')::bigint) AS y,
                               abs(hashtext(h.id::text || 'ontvangt')::bigint) AS z) r
    WHERE h.municipality_id = ${municipalityId}::uuid
    ON CONFLICT (household_id) DO NOTHING`);
  await tx.execute(sql`
    INSERT INTO household_member_incomes (person_id, household_id, municipality_id, net_monthly_cents,
        taxable_yearly_cents)
    SELECT p.id, p.household_id, p.municipality_id,
      round(p.monthly_income_cents * 1.08 * CASE p.income_source WHEN 'loon' THEN 0.74 WHEN 'zelfstandig' THEN 0.72
        WHEN 'pensioen' THEN 0.85 WHEN 'uitkering' THEN 0.9 ELSE 1 END)::int,
      round(p.monthly_income_cents * 12 * 1.08)::int
    FROM persons p JOIN household_finances f ON f.household_id = p.household_id
    WHERE p.municipality_id = ${municipalityId}::uuid AND p.monthly_income_cents > 0
    ON CONFLICT (person_id) DO NOTHING`);
}

/** The peildatum of the demo scan: today, kept inside the range the parameters know. */
export function demoPeildatum(): string {
  const today = todayInNetherlands();
  const { van, tot } = knownRange();
  if (today < van) return van;
  if (today > tot) return tot;
  return today;
}

/** The demo's municipal schemes (fictitious amounts in the range municipalities use). */
function demoSchemes(name: string) {
  const base = {
    geldigVanaf: '2025-01-01',
    geldigTot: null,
    actief: true,
    bedragPerKind: 0,
    minimumLeeftijd: null,
    aanvraagUrl: null,
  };
  return [
    {
      ...base,
      soort: 'kwijtschelding' as const,
      naam: 'Kwijtschelding gemeentelijke belastingen',
      inkomensgrensPercentage: 100,
      vermogensgrens: 3000,
      bedrag: 480,
      bedragPeriode: 'jaar' as const,
      hoeAanvragen: `Vraag kwijtschelding aan bij de belastingafdeling van ${name}, binnen drie maanden na de aanslag.`,
    },
    {
      ...base,
      soort: 'bijzondere-bijstand' as const,
      naam: 'Collectieve zorgverzekering (bijzondere bijstand)',
      inkomensgrensPercentage: 120,
      vermogensgrens: 7605,
      bedrag: 40,
      bedragPeriode: 'maand' as const,
      hoeAanvragen: `Meld u aan voor de collectieve zorgverzekering via het sociaal loket van ${name}.`,
    },
    {
      ...base,
      soort: 'individuele-inkomenstoeslag' as const,
      naam: 'Individuele inkomenstoeslag',
      inkomensgrensPercentage: 100,
      vermogensgrens: 7605,
      bedrag: 450,
      bedragPeriode: 'jaar' as const,
      minimumLeeftijd: 21,
      hoeAanvragen: `Vraag de toeslag aan bij het sociaal loket van ${name}. U moet drie jaar een laag inkomen hebben.`,
    },
    {
      ...base,
      soort: 'minimaregeling' as const,
      naam: `Kindpakket ${name}`,
      inkomensgrensPercentage: 120,
      vermogensgrens: null,
      bedrag: 0,
      bedragPerKind: 300,
      bedragPeriode: 'jaar' as const,
      hoeAanvragen: `Vraag het kindpakket aan met het formulier van ${name} of bij het sociaal loket.`,
    },
  ];
}

/** Called once per demo municipality, after its synthetic population is loaded. */
export async function seedDemoBerekeningen(db: Orm, municipalityId: string, name: string): Promise<void> {
  const ctx: ServiceContext = {
    actor: { type: 'system', name: 'demo-seed' },
    municipalityId,
    requestId: 'demo-seed',
  };
  const schemes: Scheme[] = [];
  for (const s of demoSchemes(name)) schemes.push(await createScheme(db, ctx, s));
  await db.transaction(async (tx) => {
    await seedHouseholdFinances(tx, municipalityId);
    // Some bijstand households already have kwijtschelding.
    const kwijtschelding = schemes.find((s) => s.soort === 'kwijtschelding');
    if (kwijtschelding) {
      await tx.execute(sql`UPDATE household_finances SET receives_schemes = ARRAY[${kwijtschelding.id}::uuid]
        WHERE municipality_id = ${municipalityId}::uuid AND 'bijstand' = ANY (receives)
          AND abs(hashtext(household_id::text || 'kwijtschelding')::bigint) % 100 < 50`);
    }
  });
  await runBatchScan(db, ctx, demoPeildatum());
}
