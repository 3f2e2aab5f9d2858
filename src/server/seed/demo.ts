import { eq } from 'drizzle-orm';
import { DDAS_SIGNAALPARTNERS, type DdasSignaalpartner } from '../../shared/ddas.ts';
import type { StaffRole } from '../../shared/roles.ts';
import { DEFAULT_REFERRAL_SOURCES } from '../../shared/schemas/partners.ts';
import type { Database } from '../db/client.ts';
import {
  machineClients,
  memberships,
  municipalities,
  referralSources,
  regions,
  signalPartners,
  teams,
  users,
  wijken,
} from '../db/schema.ts';
import { hashPassword } from '../modules/auth/crypto.ts';
import { ensureRuleSet } from '../modules/vroegsignalering/pipeline/process.ts';
import { seedDemoBerekeningen } from './demo-berekeningen.ts';
import { seedDemoBudget } from './demo-budget.ts';
import { seedDemoHouseholds } from './demo-households.ts';
import { seedDemoOutreach } from './demo-outreach.ts';
import { seedDemoSchuldhulp } from './demo-schuldhulp.ts';

export const DEMO_PASSWORD = 'Vangnet-demo-2026';

/** Fictitious signalling partners, one per DDAS partner type. */
export const DEMO_PARTNER_NAMES: Record<DdasSignaalpartner, string> = {
  Belastingdienst: 'Belastingdienst (demo)',
  'CAK Eigen bijdrage': 'CAK Eigen bijdrage (demo)',
  'CAK Zorgverzekeringen': 'CAK Zorgverzekeringen (demo)',
  'Dienst Toeslagen': 'Dienst Toeslagen (demo)',
  DUO: 'DUO (demo)',
  Energie: 'Energie Voorbeeld',
  Huur: 'Woningcorporatie Voorbeeld',
  Hypotheek: 'Hypotheekbank Voorbeeld',
  Overige: 'Incassobureau Voorbeeld',
  Water: 'Waterbedrijf Voorbeeld',
  Zorg: 'Zorgverzekeraar Voorbeeld',
};

export type DemoLogin = { email: string; password: string; roles: string[]; municipalities: string[] };
export type DemoMachineClient = {
  clientId: string;
  clientSecret: string;
  kind: 'signaalpartner' | 'cbs';
  municipality: string;
};

/** Fictitious municipalities: the 99xx codes are not used by CBS, so the demo cannot be mistaken for real data. */
export const DEMO_MUNICIPALITIES = [
  {
    cbsCode: '9901',
    name: 'Voorbeeldstad',
    woonplaats: 'Voorbeeldstad',
    inhabitants: 3000,
    wijken: ['Centrum', 'Noord', 'Zuid'],
  },
  {
    cbsCode: '9902',
    name: 'Dorpsveld',
    woonplaats: 'Dorpsveld',
    inhabitants: 1500,
    wijken: ['Kern', 'Buitengebied'],
  },
] as const;

const ROLE_ACCOUNTS: { local: string; name: string; role: StaffRole }[] = [
  { local: 'beheer', name: 'Fenna de Beheerder', role: 'functioneel_beheerder' },
  { local: 'vroegsignalering', name: 'Vera van Vroeg', role: 'vroegsignalering_medewerker' },
  { local: 'schuldhulp', name: 'Sander Schuldhulp', role: 'schuldhulpverlener' },
  { local: 'regisseur', name: 'Rachid Regisseur', role: 'regisseur' },
  { local: 'coordinator', name: 'Corrie Coördinator', role: 'coordinator_vrijwilligers' },
  { local: 'vrijwilliger', name: 'Vincent Vrijwilliger', role: 'vrijwilliger' },
  { local: 'beleid', name: 'Bea Beleid', role: 'beleidsmedewerker' },
  { local: 'auditor', name: 'Aart Auditor', role: 'auditor' },
];

export type PopulationSeeder = (
  database: Database,
  options: {
    municipalityId: string;
    cbsCode: string;
    woonplaats: string;
    inhabitants: number;
    seed: number;
    wijkIds: string[];
  },
) => Promise<unknown>;

/** Whether the database already holds a region (then the demo is not seeded again). */
export async function hasAnyRegion(database: Database): Promise<boolean> {
  const rows = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM regions');
  return (rows[0]?.n ?? 0) > 0;
}

/**
 * Seeds "Regio Voorbeeld": two municipalities with wijken and teams, a staff account for every role, a regional
 * administrator who works in both, machine clients, and a synthetic population per municipality.
 */
export async function seedDemoRegion(
  database: Database,
  seedPopulation: PopulationSeeder,
  options: { inhabitants?: number } = {},
): Promise<{ logins: DemoLogin[]; machineClients: DemoMachineClient[] }> {
  const db = database.orm;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const logins: DemoLogin[] = [];
  const clients: DemoMachineClient[] = [];
  const created = await db.transaction(async (tx) => {
    const [region] = await tx.insert(regions).values({ name: 'Regio Voorbeeld' }).returning();
    if (!region) throw new Error('region insert failed');
    const result: {
      id: string;
      cbsCode: string;
      woonplaats: string;
      inhabitants: number;
      wijkIds: string[];
    }[] = [];
    for (const m of DEMO_MUNICIPALITIES) {
      const [row] = await tx
        .insert(municipalities)
        .values({
          regionId: region.id,
          cbsCode: m.cbsCode,
          name: m.name,
          settings: { theme: 'voorbeeld-theme' },
        })
        .returning();
      if (!row) throw new Error('municipality insert failed');
      const [team] = await tx
        .insert(teams)
        .values({
          municipalityId: row.id,
          name: `Wijkteam ${m.name}`,
          description: 'Wijkteam voor de hele gemeente',
        })
        .returning();
      await tx
        .insert(teams)
        .values({ municipalityId: row.id, name: 'Team Vroegsignalering', description: '' });
      const wijkRows = await tx
        .insert(wijken)
        .values(
          m.wijken.map((name, i) => ({
            municipalityId: row.id,
            code: `WK${m.cbsCode}${String(i + 1).padStart(2, '0')}`,
            name,
            teamId: team?.id ?? null,
          })),
        )
        .returning({ id: wijken.id });
      result.push({
        id: row.id,
        cbsCode: m.cbsCode,
        woonplaats: m.woonplaats,
        inhabitants: m.inhabitants,
        wijkIds: wijkRows.map((w) => w.id),
      });
    }
    const [first, second] = result;
    if (!first || !second) throw new Error('demo municipalities missing');
    const domain = 'voorbeeldstad.demo';
    for (const account of ROLE_ACCOUNTS) {
      const [user] = await tx
        .insert(users)
        .values({
          regionId: region.id,
          email: `${account.local}@${domain}`,
          displayName: account.name,
          passwordHash,
        })
        .returning();
      if (!user) throw new Error('user insert failed');
      await tx.insert(memberships).values({ userId: user.id, municipalityId: first.id, role: account.role });
      logins.push({
        email: user.email,
        password: DEMO_PASSWORD,
        roles: [account.role],
        municipalities: ['Voorbeeldstad'],
      });
    }
    const [regional] = await tx
      .insert(users)
      .values({ regionId: region.id, email: `regio@${domain}`, displayName: 'Robin Regio', passwordHash })
      .returning();
    if (!regional) throw new Error('user insert failed');
    await tx.insert(memberships).values([
      { userId: regional.id, municipalityId: first.id, role: 'functioneel_beheerder' },
      { userId: regional.id, municipalityId: first.id, role: 'auditor' },
      { userId: regional.id, municipalityId: second.id, role: 'functioneel_beheerder' },
      { userId: regional.id, municipalityId: second.id, role: 'auditor' },
    ]);
    logins.push({
      email: regional.email,
      password: DEMO_PASSWORD,
      roles: ['functioneel_beheerder', 'auditor'],
      municipalities: ['Voorbeeldstad', 'Dorpsveld'],
    });
    const secretHash = await hashPassword('demo-partner-secret');
    const clientRows = await tx
      .insert(machineClients)
      .values([
        {
          clientId: 'woningcorporatie-demo',
          secretHash,
          name: 'Woningcorporatie Voorbeeld (demo)',
          kind: 'signaalpartner',
          municipalityId: first.id,
          scopes: ['signalen:aanleveren'],
        },
        {
          clientId: 'cbs-demo',
          secretHash,
          name: 'CBS (demo)',
          kind: 'cbs',
          municipalityId: first.id,
          scopes: ['ddas:lezen'],
        },
      ])
      .returning({ id: machineClients.id, clientId: machineClients.clientId });
    const housingClient = clientRows.find((c) => c.clientId === 'woningcorporatie-demo');
    for (const m of result) {
      await tx.insert(signalPartners).values(
        DDAS_SIGNAALPARTNERS.map((type) => ({
          municipalityId: m.id,
          name: DEMO_PARTNER_NAMES[type],
          partnerType: type,
          contactEmail: `signalen@${DEMO_PARTNER_NAMES[type].toLowerCase().replace(/[^a-z]+/g, '-')}.demo`,
          deliveryChannel: type === 'Huur' || type === 'Energie' ? ('api' as const) : ('bestand' as const),
          machineClientId: m === first && type === 'Huur' ? (housingClient?.id ?? null) : null,
        })),
      );
      await tx
        .insert(referralSources)
        .values(DEFAULT_REFERRAL_SOURCES.map((r) => ({ municipalityId: m.id, name: r.name, kind: r.kind })));
      // Werkbakjes and the default afwegingskader exist from the start, not only after the first signal.
      await ensureRuleSet(tx, m.id);
      await seedDemoOutreach(tx, m.id, DEMO_MUNICIPALITIES[result.indexOf(m)]?.name ?? '');
    }
    clients.push(
      {
        clientId: 'woningcorporatie-demo',
        clientSecret: 'demo-partner-secret',
        kind: 'signaalpartner',
        municipality: 'Voorbeeldstad',
      },
      {
        clientId: 'cbs-demo',
        clientSecret: 'demo-partner-secret',
        kind: 'cbs',
        municipality: 'Voorbeeldstad',
      },
    );
    return result;
  });
  for (const [i, m] of created.entries()) {
    await seedPopulation(database, {
      municipalityId: m.id,
      cbsCode: m.cbsCode,
      woonplaats: m.woonplaats,
      inhabitants: options.inhabitants ?? m.inhabitants,
      seed: 42 + i,
      wijkIds: m.wijkIds,
    });
    await seedDemoBerekeningen(db, m.id, DEMO_MUNICIPALITIES[i]?.name ?? '');
    await seedDemoBudget(db, m.id);
    await seedDemoSchuldhulp(database, { id: m.id, seed: 42 + i });
  }
  await seedDemoHouseholds(database);
  return { logins, machineClients: clients };
}

export async function demoLogins(database: Database): Promise<DemoLogin[]> {
  const rows = await database.orm
    .select({ email: users.email, role: memberships.role, municipality: municipalities.name })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(municipalities, eq(municipalities.id, memberships.municipalityId))
    .orderBy(users.email);
  const byEmail = new Map<string, DemoLogin>();
  for (const r of rows) {
    if (!r.email.endsWith('.demo')) continue;
    const entry = byEmail.get(r.email) ?? {
      email: r.email,
      password: DEMO_PASSWORD,
      roles: [],
      municipalities: [],
    };
    if (!entry.roles.includes(r.role)) entry.roles.push(r.role);
    if (!entry.municipalities.includes(r.municipality)) entry.municipalities.push(r.municipality);
    byEmail.set(r.email, entry);
  }
  return [...byEmail.values()];
}
