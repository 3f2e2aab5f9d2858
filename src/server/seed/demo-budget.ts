// Issue 9 in the demo region: a volunteer organisation with budgetmaatjes and matches, a maatwerkbudget with a
// request in every state, a price list of CLEARLY MARKED EXAMPLE values (no sourced figures: is_example, and the
// source says so), and a year of interventions with outcomes so the business-case view has something to show: the
// main types on enough households to be shown to a policy adviser, budgetmaatje and maatwerkbudget on too few ("<5").
// Values are derived from a fixed seed: the same demo every time. Only for the municipality with demo staff.

import { type SQL, sql } from 'drizzle-orm';
import { todayInNetherlands } from '../../shared/calendar.ts';
import type { Orm } from '../db/client.ts';

async function all<T>(tx: Orm, q: SQL): Promise<T[]> {
  return ((await tx.execute(q)) as unknown as { rows: T[] }).rows;
}

/** A small deterministic generator (mulberry32), so the demo is the same on every start. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const EXAMPLE_SOURCE = 'Voorbeeldwaarde (demo) – geen echte bron; vervang door een bron met vindplaats';
const EXAMPLE_PRICES: [string, string, number, string, 'laag' | 'midden' | 'hoog'][] = [
  ['huisuitzetting', 'Huisuitzetting', 2_500_000, 'per_gebeurtenis', 'midden'],
  ['uithuisplaatsing', 'Uithuisplaatsing van een kind (per jaar)', 6_000_000, 'per_jaar', 'laag'],
  ['schuldhulptraject', 'Schuldhulptraject', 350_000, 'per_traject', 'midden'],
  ['bewindvoering_maand', 'Beschermingsbewind (per maand)', 13_000, 'per_maand', 'hoog'],
  ['afsluiting_energie', 'Afsluiting van energie', 150_000, 'per_gebeurtenis', 'midden'],
  ['afsluiting_water', 'Afsluiting van water', 80_000, 'per_gebeurtenis', 'laag'],
];

const VOLUNTEERS: {
  name: string;
  languages: string[];
  backgrounds: string[];
  migration: boolean;
  help: string[];
  slots: string[];
  vogDays: number;
  training: string;
}[] = [
  {
    name: 'Vincent Vrijwilliger',
    languages: ['nl', 'en'],
    backgrounds: [],
    migration: false,
    help: ['administratie', 'budgetteren', 'post_ordenen'],
    slots: ['di-avond', 'do-avond'],
    vogDays: 600,
    training: 'afgerond',
  },
  {
    name: 'Amira Haddad',
    languages: ['nl', 'ar'],
    backgrounds: ['syrisch'],
    migration: true,
    help: ['administratie', 'formulieren', 'taal'],
    slots: ['ma-ochtend', 'wo-ochtend'],
    vogDays: 400,
    training: 'afgerond',
  },
  {
    name: 'Mehmet Yilmaz',
    languages: ['nl', 'tr'],
    backgrounds: ['turks'],
    migration: true,
    help: ['budgetteren', 'schulden_overzicht'],
    slots: ['za-ochtend'],
    vogDays: 200,
    training: 'afgerond',
  },
  {
    name: 'Sanne de Wit',
    languages: ['nl'],
    backgrounds: [],
    migration: false,
    help: ['digitale_vaardigheden', 'formulieren'],
    slots: ['vr-middag'],
    vogDays: 900,
    training: 'bezig',
  },
  {
    name: 'Karim El Amrani',
    languages: ['nl', 'ar', 'fr'],
    backgrounds: ['marokkaans'],
    migration: false,
    help: ['begeleiding_instanties', 'administratie'],
    slots: ['di-middag', 'do-middag'],
    vogDays: 300,
    training: 'afgerond',
  },
  {
    name: 'Joke Bakker',
    languages: ['nl'],
    backgrounds: [],
    migration: false,
    help: ['budgetteren', 'post_ordenen'],
    slots: ['ma-middag'],
    vogDays: -10,
    training: 'afgerond',
  },
  {
    name: 'Olena Kovalenko',
    languages: ['uk', 'ru', 'en'],
    backgrounds: ['oekraiens'],
    migration: true,
    help: ['formulieren', 'taal'],
    slots: ['wo-avond'],
    vogDays: 700,
    training: 'niet_gestart',
  },
  {
    name: 'Ricardo Martis',
    languages: ['nl', 'es'],
    backgrounds: ['antilliaans'],
    migration: true,
    help: ['schulden_overzicht', 'begeleiding_instanties'],
    slots: ['zo-middag'],
    vogDays: 500,
    training: 'afgerond',
  },
];

/** Seeds issue 9's demo data for the municipality whose demo staff exist; does nothing elsewhere. */
export async function seedDemoBudget(db: Orm, municipalityId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const staff = await all<{ id: string; email: string }>(
      tx,
      sql`SELECT u.id, u.email FROM users u JOIN memberships m ON m.user_id = u.id
           WHERE m.municipality_id = ${municipalityId}::uuid AND u.email LIKE '%@voorbeeldstad.demo'`,
    );
    const user = (local: string) => staff.find((s) => s.email === `${local}@voorbeeldstad.demo`)?.id;
    const regisseur = user('regisseur');
    const coordinator = user('coordinator');
    const vrijwilliger = user('vrijwilliger');
    const schuldhulp = user('schuldhulp');
    const beheer = user('beheer');
    const beleid = user('beleid');
    if (!regisseur || !coordinator || !vrijwilliger || !schuldhulp || !beheer || !beleid) return;
    const rnd = random(9009);
    const today = todayInNetherlands();
    const year = Number(today.slice(0, 4));
    const yearStart = `${year}-01-01`;
    const wijken = (
      await all<{ id: string }>(
        tx,
        sql`SELECT id FROM wijken WHERE municipality_id = ${municipalityId}::uuid ORDER BY code`,
      )
    ).map((w) => w.id);

    // --- Households: a few open plans of the regisseur, and closed ones for the history of the business case.
    const heads = await all<{ household_id: string; naam: string }>(
      tx,
      sql`SELECT DISTINCT ON (p.household_id) p.household_id,
                 concat_ws(' ', p.voornamen, p.voorvoegsel, p.geslachtsnaam) AS naam
            FROM persons p
           WHERE p.municipality_id = ${municipalityId}::uuid AND p.household_role = 'hoofd'
             AND NOT EXISTS (SELECT 1 FROM household_cases c WHERE c.household_id = p.household_id)
           ORDER BY p.household_id`,
    );
    // At most a third of the households without a plan, so other demo data and tests still find free ones.
    heads.splice(Math.min(60, Math.floor(heads.length / 3)));
    const cases: { id: string; open: boolean; householdId: string }[] = [];
    for (const [i, h] of heads.entries()) {
      const open = i < 8;
      const [row] = await all<{ id: string }>(
        tx,
        sql`INSERT INTO household_cases (municipality_id, household_id, regisseur_id, status, label, opened_at, closed_at,
                                         closed_reason, created_by)
            VALUES (${municipalityId}::uuid, ${h.household_id}::uuid, ${regisseur}::uuid,
                    ${open ? 'open' : 'gesloten'}, ${h.naam}, now() - ${`${30 + i * 5} days`}::interval,
                    ${open ? null : sql`now() - ${`${i} days`}::interval`}, ${open ? null : 'Doelen bereikt (demo)'},
                    ${regisseur}::uuid)
            RETURNING id`,
      );
      if (row) cases.push({ id: row.id, open, householdId: h.household_id });
    }
    const openCases = cases.filter((c) => c.open);

    // --- Budgetmaatjes
    const [org] = await all<{ id: string }>(
      tx,
      sql`INSERT INTO volunteer_organisations (municipality_id, name, contact_email, phone)
          VALUES (${municipalityId}::uuid, 'SchuldHulpMaatje Voorbeeldstad (demo)', 'maatjes@voorbeeldstad.demo',
                  '0900-0000000') RETURNING id`,
    );
    if (!org) return;
    await tx.execute(
      sql`INSERT INTO volunteer_coordinators (organisation_id, user_id, municipality_id)
          VALUES (${org.id}::uuid, ${coordinator}::uuid, ${municipalityId}::uuid)`,
    );
    const volunteerIds: string[] = [];
    for (const [i, v] of VOLUNTEERS.entries()) {
      const [row] = await all<{ id: string }>(
        tx,
        sql`INSERT INTO volunteers (municipality_id, organisation_id, user_id, display_name, intake_on, training_status,
                                    vog_issued_on, vog_expires_on, availability, languages, backgrounds,
                                    migration_experience, wijk_id, help_kinds, max_matches)
            VALUES (${municipalityId}::uuid, ${org.id}::uuid, ${i === 0 ? vrijwilliger : null}::uuid, ${v.name},
                    ${addDays(today, -400 + i * 20)}::date, ${v.training}, ${addDays(today, v.vogDays - 1095)}::date,
                    ${addDays(today, v.vogDays)}::date, ${sql.param(v.slots)}::text[], ${sql.param(v.languages)}::text[],
                    ${sql.param(v.backgrounds)}::text[], ${v.migration}, ${wijken[i % Math.max(1, wijken.length)] ?? null}::uuid,
                    ${sql.param(v.help)}::text[], ${i === 0 ? 3 : 2})
            RETURNING id`,
      );
      if (row) volunteerIds.push(row.id);
    }
    const requests: { id: string; caseId: string | null }[] = [];
    const REQUESTS = [
      {
        name: 'Mevrouw J.',
        summary: 'Wil weer overzicht in de post en de vaste lasten.',
        help: ['administratie', 'post_ordenen'],
        langs: [] as string[],
      },
      {
        name: 'Fatima',
        summary: 'Zoekt hulp bij formulieren, het liefst in het Arabisch.',
        help: ['formulieren'],
        langs: ['ar'],
      },
      {
        name: 'Dhr. B.',
        summary: 'Wil leren budgetteren na een schuldregeling.',
        help: ['budgetteren'],
        langs: [],
      },
      {
        name: 'Olga',
        summary: 'Hulp bij brieven van instanties.',
        help: ['formulieren', 'taal'],
        langs: ['uk'],
      },
    ];
    for (const [i, r] of REQUESTS.entries()) {
      const c = openCases[i] ?? null;
      const [row] = await all<{ id: string }>(
        tx,
        sql`INSERT INTO volunteer_requests (municipality_id, household_case_id, organisation_id, resident_name,
                                            shared_summary, consent_given_on, help_kinds, languages, wijk_id,
                                            requested_by)
            VALUES (${municipalityId}::uuid, ${c?.id ?? null}::uuid, ${org.id}::uuid, ${r.name}, ${r.summary},
                    ${addDays(today, -20 + i)}::date, ${sql.param(r.help)}::text[], ${sql.param(r.langs)}::text[],
                    ${wijken[i % Math.max(1, wijken.length)] ?? null}::uuid, ${regisseur}::uuid)
            RETURNING id`,
      );
      if (row) requests.push({ id: row.id, caseId: c?.id ?? null });
    }
    // Three matches (Vincent with Mevrouw J., Amira with Fatima, Mehmet with Dhr. B. – ended by the resident);
    // the fourth request waits for the coordinator.
    const MATCHES: [number, number, boolean][] = [
      [0, 0, false],
      [1, 1, false],
      [2, 2, true],
    ];
    for (const [ri, vi, ended] of MATCHES) {
      const req = requests[ri];
      const vol = volunteerIds[vi];
      if (!req || !vol) continue;
      const volunteer = VOLUNTEERS[vi];
      let networkId: string | null = null;
      if (req.caseId && !ended) {
        const [n] = await all<{ id: string }>(
          tx,
          sql`INSERT INTO household_network_members (municipality_id, household_case_id, kind, relation, name,
                                                     organisation, user_id, created_by)
              VALUES (${municipalityId}::uuid, ${req.caseId}::uuid, 'informeel', 'budgetmaatje', ${volunteer?.name ?? ''},
                      'SchuldHulpMaatje Voorbeeldstad (demo)', ${vi === 0 ? vrijwilliger : null}::uuid,
                      ${coordinator}::uuid) RETURNING id`,
        );
        networkId = n?.id ?? null;
      }
      const reasons = [{ code: 'hulpsoort', values: volunteer?.help.slice(0, 1) ?? [], points: 3 }];
      const [m] = await all<{ id: string }>(
        tx,
        sql`INSERT INTO volunteer_matches (municipality_id, request_id, volunteer_id, household_case_id, network_member_id,
                                           reasons, status, matched_by, matched_at, ended_on, ended_side, end_reason,
                                           ended_by)
            VALUES (${municipalityId}::uuid, ${req.id}::uuid, ${vol}::uuid, ${req.caseId}::uuid, ${networkId}::uuid,
                    ${JSON.stringify(reasons)}::jsonb, ${ended ? 'beeindigd' : 'actief'}, ${coordinator}::uuid,
                    now() - interval '15 days', ${ended ? addDays(today, -3) : null}::date,
                    ${ended ? 'bewoner' : null}, ${ended ? 'Redt het weer zelf (demo)' : null},
                    ${ended ? coordinator : null}::uuid)
            RETURNING id`,
      );
      await tx.execute(
        sql`UPDATE volunteer_requests SET status = ${ended ? 'gesloten' : 'gekoppeld'} WHERE id = ${req.id}::uuid`,
      );
      if (m && !ended) {
        await tx.execute(
          sql`INSERT INTO volunteer_meetings (municipality_id, match_id, met_on, minutes, note, created_by)
              VALUES (${municipalityId}::uuid, ${m.id}::uuid, ${addDays(today, -7)}::date, 90,
                      'Kennismaking en samen de post gesorteerd (demo).', ${vi === 0 ? vrijwilliger : coordinator}::uuid)`,
        );
        // Within this calendar year (the view's default period), so the demo always shows this small row as "<5".
        const started = addDays(today, -15) < yearStart ? yearStart : addDays(today, -15);
        await tx.execute(
          sql`INSERT INTO interventions (municipality_id, household_case_id, intervention_type, started_on, source_kind,
                                         source_id, created_by)
              VALUES (${municipalityId}::uuid, ${req.caseId}::uuid, 'budgetmaatje', ${started}::date,
                      'budgetmaatje', ${m.id}::uuid, ${coordinator}::uuid)`,
        );
      }
    }

    // --- Maatwerkbudget: one budget for the year, a request in every state.
    const [budget] = await all<{ id: string }>(
      tx,
      sql`INSERT INTO budgets (municipality_id, year, name, total_cents, four_eyes_above_cents, limits, created_by)
          VALUES (${municipalityId}::uuid, ${year}, 'Maatwerkbudget wijkteams (demo)', 5000000, 100000,
                  ${JSON.stringify({ regisseur: 75_000, schuldhulpverlener: 200_000 })}::jsonb, ${beheer}::uuid)
          RETURNING id`,
    );
    if (!budget) return;
    const STATES: { status: string; category: string; amount: number; payee: string; problem: string }[] = [
      {
        status: 'ingediend',
        category: 'energie',
        amount: 42_000,
        payee: 'Energie Voorbeeld BV',
        problem: 'Energieachterstand; afsluiting aangekondigd.',
      },
      {
        status: 'eerste_akkoord',
        category: 'huur',
        amount: 145_000,
        payee: 'Woningcorporatie Voorbeeld',
        problem: 'Huurachterstand van drie maanden; ontruiming dreigt.',
      },
      {
        status: 'goedgekeurd',
        category: 'school',
        amount: 18_500,
        payee: 'Scholengemeenschap Voorbeeld',
        problem: 'Schoolreis en laptop voor de oudste.',
      },
      {
        status: 'afgewezen',
        category: 'inrichting',
        amount: 60_000,
        payee: 'Kringloop Voorbeeld',
        problem: 'Inrichting na verhuizing.',
      },
      {
        status: 'betaald',
        category: 'water',
        amount: 23_400,
        payee: 'Waterbedrijf Voorbeeld',
        problem: 'Waterachterstand; afsluiting dreigt.',
      },
      {
        status: 'afgerond',
        category: 'energie',
        amount: 51_000,
        payee: 'Energie Voorbeeld BV',
        problem: 'Eindafrekening energie na verhuizing.',
      },
      {
        status: 'ingetrokken',
        category: 'zorg',
        amount: 12_000,
        payee: 'Zorgverzekeraar Voorbeeld',
        problem: 'Eigen risico; inmiddels via bijzondere bijstand.',
      },
    ];
    for (const [i, s] of STATES.entries()) {
      const c = openCases[i % openCases.length];
      if (!c) continue;
      const requestedAt = addDays(today, -(i === 5 ? 120 : 10 + i * 3));
      const [r] = await all<{ id: string }>(
        tx,
        sql`INSERT INTO budget_requests (municipality_id, budget_id, household_case_id, category, problem, amount_cents,
                                         payee_name, payee_iban, payment_reference, expected_effect, network_considered,
                                         network_note, status, requested_by, requested_at, decided_at)
            VALUES (${municipalityId}::uuid, ${budget.id}::uuid, ${c.id}::uuid, ${s.category}, ${s.problem}, ${s.amount},
                    ${s.payee}, 'NL91ABNA0417164300', ${`DEMO-${i + 1}`}, 'De acute nood is weg en er is rust om aan het plan te werken.',
                    ${i !== 0}, ${i !== 0 ? 'Familie kan niet helpen (demo)' : ''}, ${s.status}, ${regisseur}::uuid,
                    ${requestedAt}::timestamptz,
                    ${['goedgekeurd', 'afgewezen', 'betaald', 'afgerond'].includes(s.status) ? sql`${requestedAt}::timestamptz + interval '1 day'` : null})
            RETURNING id`,
      );
      if (!r) continue;
      await tx.execute(
        sql`INSERT INTO budget_request_provisions (request_id, municipality_id, provision, label, likely_eligible, outcome)
            SELECT ${r.id}::uuid, ${municipalityId}::uuid, p, initcap(replace(p, '-', ' ')), p = 'zorgtoeslag' AND ${i === 0},
                   CASE WHEN ${i} = 0 THEN 'niet_gecontroleerd' WHEN p = 'zorgtoeslag' THEN 'ontvangt_al' ELSE 'niet_van_toepassing' END
              FROM unnest(ARRAY['kwijtschelding', 'huurtoeslag', 'zorgtoeslag', 'kindgebonden-budget', 'bijzondere-bijstand',
                                'bijstand', 'individuele-inkomenstoeslag', 'minimaregeling']) p`,
      );
      if (s.status !== 'ingediend' && s.status !== 'ingetrokken') {
        await tx.execute(
          sql`INSERT INTO budget_decisions (municipality_id, request_id, decision, decided_by, roles, limit_cents, reason)
              VALUES (${municipalityId}::uuid, ${r.id}::uuid, ${s.status === 'afgewezen' ? 'afgewezen' : 'akkoord'},
                      ${schuldhulp}::uuid, ARRAY['schuldhulpverlener'], 200000,
                      ${s.status === 'afgewezen' ? 'Eerst via de kringloopregeling (demo)' : ''})`,
        );
      }
      if (s.status === 'betaald' || s.status === 'afgerond') {
        const paidOn = addDays(requestedAt, 2);
        const [p] = await all<{ id: string }>(
          tx,
          sql`INSERT INTO budget_payments (municipality_id, request_id, amount_cents, paid_on, payee_name, payee_iban,
                                           reference, recorded_by)
              VALUES (${municipalityId}::uuid, ${r.id}::uuid, ${s.amount}, ${paidOn}::date, ${s.payee},
                      'NL91ABNA0417164300', ${`DEMO-${i + 1}`}, ${regisseur}::uuid) RETURNING id`,
        );
        const done = s.status === 'afgerond';
        await tx.execute(
          sql`INSERT INTO budget_followups (municipality_id, request_id, after_days, due_on, status, effect, note,
                                            assessed_by, assessed_at)
              SELECT ${municipalityId}::uuid, ${r.id}::uuid, d, ${paidOn}::date + d,
                     CASE WHEN ${done} THEN 'beoordeeld' WHEN ${paidOn}::date + d <= ${today}::date THEN 'te_beoordelen' ELSE 'gepland' END,
                     CASE WHEN ${done} THEN 'bereikt' END, CASE WHEN ${done} THEN 'Geen afsluiting (demo)' END,
                     CASE WHEN ${done} THEN ${regisseur}::uuid END, CASE WHEN ${done} THEN now() END
                FROM unnest(ARRAY[30, 90]) d`,
        );
        if (p) {
          await tx.execute(
            sql`INSERT INTO interventions (municipality_id, household_case_id, intervention_type, started_on, cost_cents,
                                           source_kind, source_id, created_by)
                VALUES (${municipalityId}::uuid, ${c.id}::uuid, 'maatwerkbudget', ${paidOn}::date, ${s.amount},
                        'maatwerkbudget', ${p.id}::uuid, ${regisseur}::uuid)`,
          );
        }
      }
    }

    // --- Business case: an example price list, assumptions, a year of interventions with outcomes.
    const [version] = await all<{ id: string }>(
      tx,
      sql`INSERT INTO price_list_versions (municipality_id, version, valid_from, index_percent, note, created_by)
          VALUES (${municipalityId}::uuid, 1, ${`${year - 1}-01-01`}::date, 3,
                  'Voorbeeldprijslijst (demo): alle bedragen zijn voorbeeldwaarden zonder bron.', ${beleid}::uuid)
          RETURNING id`,
    );
    if (version) {
      for (const [code, label, amount, unit, confidence] of EXAMPLE_PRICES) {
        await tx.execute(
          sql`INSERT INTO price_list_items (municipality_id, version_id, code, label, amount_cents, unit, price_year,
                                            source, confidence, valid_from, is_example)
              VALUES (${municipalityId}::uuid, ${version.id}::uuid, ${code}, ${label}, ${amount}, ${unit}, ${year - 1},
                      ${EXAMPLE_SOURCE}, ${confidence}, ${`${year - 1}-01-01`}::date, true)`,
        );
      }
    }
    await tx.execute(
      sql`INSERT INTO businesscase_settings (municipality_id, hourly_rate_cents, assumptions, updated_by)
          VALUES (${municipalityId}::uuid, 8500, ${JSON.stringify({
            probability: { laag: [0.1, 0.3], midden: [0.3, 0.6], hoog: [0.6, 0.9] },
            priceSpread: { laag: 0.3, midden: 0.15, hoog: 0.05 },
          })}::jsonb, ${beleid}::uuid)
          ON CONFLICT (municipality_id) DO NOTHING`,
    );
    const TYPES: [string, number, number, [string, number][]][] = [
      // type, money (cents, max), hours (max), risks with the chance an intervention records them
      [
        'vroegsignalering_contact',
        0,
        4,
        [
          ['afsluiting_energie', 0.3],
          ['huisuitzetting', 0.1],
          ['afsluiting_water', 0.15],
        ],
      ],
      [
        'schuldregeling',
        0,
        30,
        [
          ['bewindvoering_maand', 0.4],
          ['huisuitzetting', 0.15],
          ['schuldhulptraject', 0.2],
        ],
      ],
      ['energiecoaching', 15_000, 6, [['afsluiting_energie', 0.45]]],
      [
        'thuisadministratie',
        0,
        12,
        [
          ['schuldhulptraject', 0.25],
          ['bewindvoering_maand', 0.2],
        ],
      ],
    ];
    const JUDGEMENTS = [
      'Afsluiting was aangekondigd; door de regeling niet doorgegaan (demo).',
      'Achterstand liep op; met de aanpak gestabiliseerd (demo).',
      'Zonder hulp was een aanvraag voor bewind waarschijnlijk geweest (demo).',
    ];
    const confidences = ['laag', 'midden', 'hoog'] as const;
    // Half of them in this calendar year, the view's default period: also in January every main type then rests on
    // at least five households, so a policy adviser sees figures (small numbers are hidden from them as "<5").
    const daysThisYear = Math.round(
      (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${yearStart}T00:00:00Z`)) / 86_400_000,
    );
    for (let n = 0; n < 160; n++) {
      const c = cases[Math.floor(rnd() * cases.length)];
      const [type, money, hours, risks] = TYPES[Math.floor(rnd() * TYPES.length)] ??
        TYPES[0] ?? ['overig', 0, 0, []];
      const started = addDays(today, -Math.floor(rnd() * (n % 2 === 0 ? daysThisYear + 1 : 360)));
      const [row] = await all<{ id: string }>(
        tx,
        sql`INSERT INTO interventions (municipality_id, household_case_id, intervention_type, started_on, cost_cents,
                                       hours, created_by)
            VALUES (${municipalityId}::uuid, ${c?.id ?? null}::uuid, ${type}, ${started}::date,
                    ${Math.round(rnd() * money)}, ${Math.round((0.5 + rnd() * hours) * 4) / 4}, ${regisseur}::uuid)
            RETURNING id`,
      );
      if (!row) continue;
      for (const [risk, chance] of risks) {
        if (rnd() >= chance) continue;
        await tx.execute(
          sql`INSERT INTO intervention_outcomes (municipality_id, intervention_id, intervention_type, started_on,
                                                 risk_code, quantity, confidence, judgement, recorded_on, recorded_by)
              VALUES (${municipalityId}::uuid, ${row.id}::uuid, ${type}, ${started}::date, ${risk},
                      ${risk === 'bewindvoering_maand' ? 6 + Math.floor(rnd() * 18) : 1},
                      ${confidences[Math.floor(rnd() * 3)] ?? 'midden'}, ${JUDGEMENTS[Math.floor(rnd() * JUDGEMENTS.length)] ?? ''},
                      ${started}::date, ${regisseur}::uuid)`,
        );
      }
    }
    await tx.execute(
      sql`INSERT INTO whatworks_entries (municipality_id, intervention_type, title, description, evidence_source,
                                         evidence_type, contact, created_by)
          VALUES (${municipalityId}::uuid, 'energiecoaching', 'Energiecoach aan huis (demo)',
                  'Een getrainde coach helpt bij de energierekening, de meterstanden en een betalingsregeling.',
                  'Voorbeeld (demo): eigen evaluatie, geen echte publicatie', 'lokale_monitor',
                  'beleid@voorbeeldstad.demo', ${beleid}::uuid),
                 (${municipalityId}::uuid, 'budgetmaatje', 'Budgetmaatje na de schuldregeling (demo)',
                  'Een vrijwilliger helpt een jaar lang met post, budget en instanties.',
                  'Voorbeeld (demo): ervaringen van coördinatoren', 'ervaringskennis',
                  'maatjes@voorbeeldstad.demo', ${beleid}::uuid),
                 (${municipalityId}::uuid, 'vroegsignalering_contact', 'Huisbezoek binnen twee weken (demo)',
                  'Bij een signaal van huur of energie gaat iemand binnen twee weken langs.',
                  'Voorbeeld (demo): lokale monitor vroegsignalering', 'lokale_monitor',
                  'vroegsignalering@voorbeeldstad.demo', ${beleid}::uuid)`,
    );
  });
}
