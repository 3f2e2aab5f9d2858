// Demo debt-help trajectories: one household in every phase (fresh aanmelding, crisis, an overdue first
// conversation, intake, plan with stabilisatie, schuldregeling, dwangakkoord, nazorg, uitstroom), each with debts
// per creditor. Dates are relative to today, so the clocks show every state. Deterministic per municipality.

import { sql } from 'drizzle-orm';
import { todayInNetherlands } from '../../shared/calendar.ts';
import type { DebtStatus, ShvSchuldensoort } from '../../shared/ddas-shv.ts';
import type { Database } from '../db/client.ts';
import { firstConversationDue } from '../modules/schuldhulp/clocks.ts';
import * as repo from '../modules/schuldhulp/repository.ts';
import {
  addDays,
  DEFAULT_FOLLOWUP_SETTINGS,
  WorkCalendar,
} from '../modules/vroegsignalering/followup/deadlines.ts';

type Debt = [
  creditor: string,
  soort: ShvSchuldensoort,
  euros: number,
  status?: DebtStatus,
  paidPart?: number,
];

type Plan = {
  label: string;
  requestedDaysAgo: number;
  threatening?: repo.TrajectoryRow['threatKind'];
  patch: (d: (daysAgo: number) => string) => repo.TrajectoryPatch;
  periods?: (d: (daysAgo: number) => string) => Omit<repo.PeriodRow, 'id' | 'trajectoryId'>[];
  debts: Debt[];
};

const HUUR: Debt = ['Woningcorporatie Voorbeeld', 'Overig', 2_340];
const ENERGIE: Debt = ['Energie Voorbeeld BV', 'Nuts', 860];
const WATER: Debt = ['Waterbedrijf Voorbeeld', 'Nuts', 210];
const ZORG: Debt = ['Zorgverzekeraar Voorbeeld', 'Zorg', 1_480];
const CJIB: Debt = ['CJIB', 'Publiek', 640];
const BELASTING: Debt = ['Gemeentelijke belastingen', 'Publiek', 390];
const TELECOM: Debt = ['Telecom Voorbeeld', 'Overig', 520];

const status = (d: Debt, s: DebtStatus, paidPart = 0): Debt => [d[0], d[1], d[2], s, paidPart];

const period = (
  kind: repo.PeriodRow['kind'],
  startOn: string,
  endOn: string | null,
  extra: Partial<repo.PeriodRow> = {},
): Omit<repo.PeriodRow, 'id' | 'trajectoryId'> => ({
  kind,
  startOn,
  endOn,
  requestedOn: null,
  approvedOn: null,
  begeleidingssoort: null,
  ...extra,
});

const rows = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

const PLANS: Plan[] = [
  { label: 'verse aanmelding', requestedDaysAgo: 2, patch: () => ({}), debts: [TELECOM] },
  {
    label: 'crisis: dreigende huisuitzetting',
    requestedDaysAgo: 1,
    threatening: 'huisuitzetting',
    patch: () => ({ crisis: true }),
    periods: (d) => [period('crisisinterventie', d(1), null)],
    debts: [HUUR, ENERGIE],
  },
  { label: 'eerste gesprek te laat', requestedDaysAgo: 35, patch: () => ({}), debts: [ZORG, CJIB] },
  {
    label: 'intake loopt',
    requestedDaysAgo: 30,
    patch: (d) => ({
      infoAdviesStart: d(29),
      infoAdviesEnd: d(29),
      firstConversationOn: d(20),
      aanmeldingEnd: d(20),
      status: 'in_behandeling',
    }),
    debts: [ENERGIE, BELASTING, TELECOM],
  },
  {
    label: 'plan van aanpak, stabilisatie',
    requestedDaysAgo: 90,
    patch: (d) => ({
      firstConversationOn: d(85),
      aanmeldingEnd: d(85),
      intakeEnd: d(60),
      beschikkingOn: d(60),
      beschikkingssoort: 'Toelatingsbeschikking',
      planVanAanpakOn: d(55),
      stabilisatieStart: d(55),
      status: 'in_behandeling',
    }),
    periods: (d) => [period('begeleiding', d(55), null, { begeleidingssoort: 'Budgetbeheer' })],
    debts: [HUUR, ZORG, CJIB, BELASTING, status(TELECOM, 'aanbod_verstuurd')],
  },
  {
    label: 'schuldregeling (schuldbemiddeling)',
    requestedDaysAgo: 300,
    patch: (d) => ({
      firstConversationOn: d(296),
      aanmeldingEnd: d(296),
      intakeEnd: d(270),
      beschikkingOn: d(270),
      beschikkingssoort: 'Toelatingsbeschikking',
      planVanAanpakOn: d(265),
      stabilisatieStart: d(265),
      stabilisatieEnd: d(210),
      oplossingSoort: 'Schuldbemiddeling',
      oplossingStart: d(200),
      vtlbCents: 138_500,
      schuldregelingOn: d(205),
      schuldregelingToegekend: d(200),
      status: 'in_behandeling',
    }),
    periods: (d) => [
      period('moratorium', d(280), d(220), { requestedOn: d(282), approvedOn: d(280) }),
      period('begeleiding', d(265), null, { begeleidingssoort: 'Beschermingsbewind' }),
    ],
    debts: [
      status(HUUR, 'akkoord', 0.3),
      status(ZORG, 'akkoord', 0.3),
      status(CJIB, 'akkoord', 0.3),
      status(WATER, 'akkoord', 0.3),
    ],
  },
  {
    label: 'dwangakkoord gevraagd',
    requestedDaysAgo: 160,
    patch: (d) => ({
      firstConversationOn: d(158),
      aanmeldingEnd: d(158),
      intakeEnd: d(130),
      beschikkingOn: d(130),
      beschikkingssoort: 'Toelatingsbeschikking',
      planVanAanpakOn: d(125),
      oplossingSoort: 'Saneringskrediet',
      oplossingStart: d(40),
      schuldregelingOn: d(90),
      schuldregelingAfgewezen: d(70),
      dwangakkoord: true,
      dwangakkoordVerzoekOn: d(65),
      status: 'in_behandeling',
    }),
    periods: (d) => [period('voorlopige_voorziening', d(120), d(100))],
    debts: [status(ENERGIE, 'aanbod_verstuurd'), status(BELASTING, 'akkoord')],
  },
  {
    label: 'nazorg',
    requestedDaysAgo: 420,
    patch: (d) => ({
      firstConversationOn: d(415),
      aanmeldingEnd: d(415),
      intakeEnd: d(395),
      beschikkingOn: d(395),
      beschikkingssoort: 'Toelatingsbeschikking',
      planVanAanpakOn: d(390),
      oplossingSoort: 'Betalingsregeling',
      oplossingStart: d(380),
      oplossingEnd: d(30),
      nazorgStart: d(30),
      status: 'in_behandeling',
    }),
    periods: (d) => [period('begeleiding', d(390), d(30), { begeleidingssoort: 'Budgetcoaching' })],
    debts: [status(ENERGIE, 'betaald', 1), status(TELECOM, 'betaald', 1)],
  },
  {
    label: 'uitstroom: afgerond',
    requestedDaysAgo: 700,
    patch: (d) => ({
      firstConversationOn: d(695),
      aanmeldingEnd: d(695),
      intakeEnd: d(660),
      beschikkingOn: d(660),
      beschikkingssoort: 'Toelatingsbeschikking',
      planVanAanpakOn: d(655),
      oplossingSoort: 'Saneringskrediet',
      oplossingStart: d(640),
      oplossingEnd: d(100),
      schuldregelingOn: d(645),
      schuldregelingToegekend: d(640),
      nazorgStart: d(100),
      nazorgEnd: d(60),
      uitstroomOn: d(60),
      uitstroomReden: 'Afgerond',
      status: 'afgerond',
    }),
    debts: [status(HUUR, 'betaald', 1), status(ZORG, 'betaald', 1)],
  },
  {
    label: 'uitstroom: niet verschenen',
    requestedDaysAgo: 80,
    patch: (d) => ({ uitstroomOn: d(45), uitstroomReden: 'Nietverschenen', status: 'afgerond' }),
    debts: [CJIB],
  },
  {
    label: 'afwijzing, uitstroom: voldoet niet',
    requestedDaysAgo: 120,
    patch: (d) => ({
      firstConversationOn: d(110),
      aanmeldingEnd: d(110),
      intakeEnd: d(90),
      beschikkingOn: d(90),
      beschikkingssoort: 'Afwijzingsbeschikking',
      uitstroomOn: d(88),
      uitstroomReden: 'Voldoet niet',
      beeindigingsbeschikkingOn: d(90),
      status: 'afgerond',
    }),
    debts: [TELECOM],
  },
];

/** Seeds the demo trajectories of one municipality; returns how many. */
export async function seedDemoSchuldhulp(
  database: Database,
  municipality: { id: string; seed: number },
  today = todayInNetherlands(),
): Promise<number> {
  const d = (daysAgo: number) => addDays(today, -daysAgo);
  const cal = new WorkCalendar(DEFAULT_FOLLOWUP_SETTINGS);
  return database.orm.transaction(async (tx) => {
    const [counsellor] = await repo.usersWithRoles(tx, municipality.id, ['schuldhulpverlener']);
    // Households with a head and a partner, spread over the population by the seed.
    const households = rows<{ id: string }>(
      await tx.execute(sql`
        SELECT household_id::text AS id FROM persons
         WHERE municipality_id = ${municipality.id}::uuid AND household_role IN ('hoofd', 'partner')
         GROUP BY household_id HAVING count(*) = 2
         ORDER BY md5(household_id::text || ${String(municipality.seed)}) LIMIT ${PLANS.length}`),
    );
    let n = 0;
    for (const [i, plan] of PLANS.entries()) {
      const household = households[i];
      if (!household) break;
      // The household's open case, or a new one (another seed may have opened it first).
      await tx.execute(sql`
        INSERT INTO household_cases (municipality_id, household_id)
        VALUES (${municipality.id}::uuid, ${household.id}::uuid) ON CONFLICT DO NOTHING`);
      const [hc] = rows<{ id: string }>(
        await tx.execute(sql`
          SELECT id::text FROM household_cases
           WHERE municipality_id = ${municipality.id}::uuid AND household_id = ${household.id}::uuid
             AND status = 'open'`),
      );
      if (!hc) continue;
      const requestedOn = d(plan.requestedDaysAgo);
      const id = await repo.insertTrajectory(tx, {
        municipalityId: municipality.id,
        householdCaseId: hc.id,
        requestedOn,
        isThreatening: !!plan.threatening,
        threatKind: plan.threatening ?? null,
        crisis: false,
        firstConversationDue: firstConversationDue(cal, requestedOn, !!plan.threatening),
        counsellorId: counsellor?.id ?? null,
        note: `Demo: ${plan.label}`,
        createdBy: null,
      });
      const adults = await repo.adultsOfHousehold(tx, municipality.id, household.id);
      await repo.insertClients(
        tx,
        municipality.id,
        id,
        adults.slice(0, 2).map((p) => p.id),
      );
      await repo.updateTrajectory(tx, municipality.id, id, 1, plan.patch(d));
      for (const p of plan.periods?.(d) ?? [])
        await repo.insertPeriod(tx, {
          ...p,
          municipalityId: municipality.id,
          trajectoryId: id,
          createdBy: null,
        });
      await repo.insertDebts(
        tx,
        municipality.id,
        null,
        plan.debts.map(([creditor, soort, euros, status, paidPart]) => {
          const originalCents = euros * 100 + ((i * 37) % 100);
          return {
            trajectoryId: id,
            creditorName: creditor,
            creditorKvk: null,
            creditorPostcode: null,
            creditorIsPrivate: false,
            schuldsoort: soort,
            isBusiness: false,
            originalCents,
            currentCents: Math.round(originalCents * (1 - (paidPart ?? 0))),
            status: status ?? 'in_inventarisatie',
            establishedOn: requestedOn,
            reference: null,
          };
        }),
      );
      await repo.insertTimelineEvent(tx, {
        municipalityId: municipality.id,
        householdCaseId: hc.id,
        kind: 'schuldhulp_aanmelding',
        actorUserId: null,
        subjectId: id,
        text: 'Aanmelding schuldhulpverlening',
        details: {},
      });
      n++;
    }
    return n;
  });
}
