// Demo household plans for Voorbeeldstad: a plan in full swing (network with a budgetmaatje who logs in, consent,
// a ZRM history that improves, goals in progress and reached, referrals), a plan that has just started (with an
// external professional who logs in), and a household entered by hand that is not in the BRP. Everything goes
// through the household services, so the demo obeys the same rules as the real thing. The debt-help trajectory
// (modules/schuldhulp) adds its phases to these households in its own seed. Appointments: a home visit that took
// place and a coming talk in the first plan; in the new plan a first conversation with the preparation call and
// its letter, and a referral past its reminder date without an answer (the reminder job runs at the end).

import { sql } from 'drizzle-orm';
import { todayInNetherlands } from '../../shared/calendar.ts';
import { permissionsFor, type StaffRole } from '../../shared/roles.ts';
import { ZRM_DOMAINS, type ZrmDomain } from '../../shared/schemas/households.ts';
import type { Database, Orm } from '../db/client.ts';
import type { UserContext } from '../http/context.ts';
import { hashPassword } from '../modules/auth/crypto.ts';
import * as appointments from '../modules/households/appointments/service.ts';
import * as households from '../modules/households/service.ts';
import { DEMO_PASSWORD } from './demo.ts';

const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;

function contextOf(
  user: { id: string; name: string; email: string; regionId: string },
  municipalityId: string,
): UserContext {
  const roles: StaffRole[] = ['regisseur'];
  return {
    actor: {
      type: 'user',
      userId: user.id,
      regionId: user.regionId,
      displayName: user.name,
      email: user.email,
      preferredLanguage: 'nl',
      sessionId: 'demo-seed',
      csrfToken: '',
      mfaState: 'not_required',
      activeMunicipalityId: municipalityId,
      roles,
      permissions: permissionsFor(roles),
    },
    municipalityId,
    requestId: 'demo-seed',
  };
}

const day = (today: string, offset: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

const zrm = (base: number, over: Partial<Record<ZrmDomain, number>> = {}) =>
  Object.fromEntries(ZRM_DOMAINS.map((d) => [d, over[d] ?? base])) as Record<ZrmDomain, number>;

/** Adds a demo login with one role in the municipality; returns its id. */
async function demoUser(
  db: Orm,
  regionId: string,
  municipalityId: string,
  user: { email: string; name: string; role: StaffRole },
) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const [row] = rows<{ id: string }>(
    await db.execute(
      sql`INSERT INTO users (region_id, email, display_name, password_hash)
          VALUES (${regionId}::uuid, ${user.email}, ${user.name}, ${passwordHash}) RETURNING id`,
    ),
  );
  if (!row) throw new Error('demo user insert failed');
  await db.execute(
    sql`INSERT INTO memberships (user_id, municipality_id, role)
        VALUES (${row.id}::uuid, ${municipalityId}::uuid, ${user.role})`,
  );
  return row.id;
}

/** Returns how many household plans it opened. */
export async function seedDemoHouseholds(database: Database, today = todayInNetherlands()) {
  const [m] = await database.query<{ id: string; region_id: string }>(
    "SELECT id, region_id FROM municipalities WHERE cbs_code = '9901'",
  );
  const [r] = await database.query<{ id: string; name: string; email: string; region_id: string }>(
    "SELECT id, display_name AS name, email, region_id FROM users WHERE email = 'regisseur@voorbeeldstad.demo'",
  );
  const [volunteer] = await database.query<{ id: string }>(
    "SELECT id FROM users WHERE email = 'vrijwilliger@voorbeeldstad.demo'",
  );
  if (!m || !r || !volunteer) return 0;
  const db = database.orm;
  const ctx = contextOf({ id: r.id, name: r.name, email: r.email, regionId: r.region_id }, m.id);
  const deps: households.HouseholdDeps = { today: () => today };
  // Appointments need a moment: midday of the demo's today, so the demo is the same whenever it is seeded.
  const noon = new Date(`${today}T12:00:00Z`);
  const appointmentDeps: appointments.AppointmentDeps = { ...deps, now: () => noon };
  /**
   * A moment about `days` from the demo's today at `hour` o'clock UTC (10:00 or 09:00 in Dutch time at 8), moved
   * away from today to a working day: nobody has a conversation at the town hall on a Sunday.
   */
  const at = (days: number, hour: number) => {
    let d = days;
    while ([0, 6].includes(new Date(`${day(today, d)}T12:00:00Z`).getUTCDay())) d += days < 0 ? -1 : 1;
    return new Date(`${day(today, d)}T${String(hour).padStart(2, '0')}:00:00Z`);
  };
  const maud = await demoUser(db, m.region_id, m.id, {
    email: 'netwerkpartner@voorbeeldstad.demo',
    name: 'Maud Maatschappelijk',
    role: 'netwerkpartner',
  });

  // Households of several people and one of a single adult, registered at addresses of their own.
  const candidates = await database.query<{ household_id: string; n: number }>(
    `SELECT p.household_id, count(*)::int AS n FROM persons p
      WHERE p.municipality_id = $1 AND p.brp_status = 'ingeschreven'
        AND NOT EXISTS (SELECT 1 FROM household_cases c WHERE c.household_id = p.household_id)
      GROUP BY p.household_id
     HAVING bool_or(p.household_role = 'hoofd') AND min(p.geboortedatum) < now() - interval '25 years'
      ORDER BY count(*) DESC, p.household_id LIMIT 3`,
    [m.id],
  );
  const [family, couple] = candidates;
  let opened = 0;

  if (family) {
    let v = await households.openHousehold(db, ctx, deps, {
      householdId: family.household_id,
      members: [],
      planLanguage: 'nl',
    });
    opened++;
    const id = v.id;
    const head = v.members?.[0];
    if (!head) throw new Error('demo household without members');
    v = await households.addNetworkMember(db, ctx, deps, id, {
      kind: 'informeel',
      relation: 'budgetmaatje',
      name: 'Vincent Vrijwilliger',
      userId: volunteer.id,
    });
    v = await households.addNetworkMember(db, ctx, deps, id, {
      kind: 'informeel',
      relation: 'familie',
      name: 'Zus Ilse',
      phone: '06-11112222',
    });
    v = await households.addNetworkMember(db, ctx, deps, id, {
      kind: 'formeel',
      relation: 'wijkteam',
      name: 'Kees Wijkcoach',
      organisation: 'Wijkteam Voorbeeldstad',
    });
    const maatje = v.network?.find((n) => n.relation === 'budgetmaatje');
    if (maatje) {
      await households.giveConsent(db, ctx, deps, id, {
        networkMemberId: maatje.id,
        categories: ['plan', 'netwerk', 'tijdlijn'],
        purpose: 'Samen de administratie op orde brengen en de doelen volgen',
        givenOn: day(today, -80),
        givenByMemberId: head.id,
      });
    }
    for (const [offset, scores] of [
      [-120, zrm(3, { financien: 1, huisvesting: 2, geestelijke_gezondheid: 2, sociaal_netwerk: 2 })],
      [-60, zrm(3, { financien: 2, huisvesting: 3, geestelijke_gezondheid: 3, sociaal_netwerk: 3 })],
      [
        0,
        zrm(3, {
          financien: 3,
          huisvesting: 4,
          geestelijke_gezondheid: 3,
          sociaal_netwerk: 4,
          werk_opleiding: 2,
        }),
      ],
    ] as const) {
      await households.recordZrm(db, ctx, deps, id, { assessedOn: day(today, offset), scores });
    }
    await households.recordBridge(db, ctx, deps, id, {
      assessedOn: day(today, -120),
      levels: {
        gezinsstabiliteit: 2,
        welzijn: 2,
        financieel_beheer: 1,
        onderwijs_training: 3,
        werk_loopbaan: 2,
      },
    });
    await households.recordBridge(db, ctx, deps, id, {
      assessedOn: today,
      levels: {
        gezinsstabiliteit: 3,
        welzijn: 3,
        financieel_beheer: 2,
        onderwijs_training: 3,
        werk_loopbaan: 2,
      },
    });
    v = await households.addGoal(db, ctx, deps, id, {
      title: 'Elke week samen de post openen',
      zrmDomain: 'financien',
      pillar: 'financieel_beheer',
      chosenByMemberId: head.id,
      targetDate: day(today, 0),
    });
    v = await households.addGoal(db, ctx, deps, id, {
      title: 'Een buffer van 100 euro opbouwen',
      description: 'Voor onverwachte kosten, zodat er geen nieuwe schulden komen.',
      pillar: 'financieel_beheer',
      zrmDomain: 'financien',
      chosenByMemberId: head.id,
      targetDate: day(today, 120),
    });
    v = await households.addGoal(db, ctx, deps, id, {
      title: 'Een opleiding kiezen die bij mij past',
      pillar: 'onderwijs_training',
      zrmDomain: 'werk_opleiding',
      chosenByMemberId: head.id,
      targetDate: day(today, 180),
    });
    const [post, buffer, opleiding] = v.goals ?? [];
    const maatjeId = maatje?.id;
    if (post) {
      v = await households.addAction(db, ctx, deps, post.id, {
        description: 'Alle brieven in één map doen',
        owner: { kind: 'bewoner', memberId: head.id },
        dueDate: today,
      });
      const first = v.goals?.find((g) => g.id === post.id)?.actions[0];
      if (first) await households.updateAction(db, ctx, deps, first.id, { status: 'gedaan' });
      await households.addGoalEvent(db, ctx, deps, post.id, {
        kind: 'mijlpaal',
        note: 'Vier weken achter elkaar de post geopend',
        occurredOn: day(today, -7),
      });
      const g = (await households.getHousehold(db, ctx, deps, id)).goals?.find((x) => x.id === post.id);
      if (g) {
        await households.updateGoal(db, ctx, deps, post.id, {
          version: g.version,
          status: 'bereikt',
          recognition: 'Wat knap: de post is geen stapel meer maar een vaste gewoonte!',
        });
      }
    }
    if (buffer) {
      if (maatjeId) {
        await households.addAction(db, ctx, deps, buffer.id, {
          description: 'Samen een weekbudget maken',
          owner: { kind: 'netwerk', networkMemberId: maatjeId },
          dueDate: day(today, 7),
        });
      }
      await households.addAction(db, ctx, deps, buffer.id, {
        description: 'Elke vrijdag 5 euro op de spaarrekening zetten',
        owner: { kind: 'bewoner', memberId: head.id },
        dueDate: day(today, 14),
      });
      await households.addAction(db, ctx, deps, buffer.id, {
        description: 'Kwijtschelding van de gemeentelijke belastingen aanvragen',
        owner: { kind: 'regisseur' },
        dueDate: day(today, 10),
      });
      await households.addGoalEvent(db, ctx, deps, buffer.id, {
        kind: 'voortgang',
        note: 'De eerste 20 euro staat op de spaarrekening',
        occurredOn: day(today, -2),
      });
    }
    if (opleiding) {
      await households.addAction(db, ctx, deps, opleiding.id, {
        description: 'Naar de open dag van het ROC gaan',
        owner: { kind: 'bewoner', memberId: head.id },
        dueDate: day(today, 21),
      });
    }
    v = await households.addReferral(db, ctx, deps, id, {
      target: 'voedselbank',
      reason: 'Overbrugging tot de betalingsregeling loopt',
      remindOn: day(today, 7),
      consent: { givenOn: day(today, -30), memberId: head.id, shared: 'Naam, adres en gezinsgrootte' },
    });
    const foodbank = v.referrals?.[0];
    if (foodbank) {
      await households.updateReferral(db, ctx, deps, foodbank.id, {
        version: foodbank.version,
        status: 'geaccepteerd',
        reply: 'Welkom op donderdag bij de uitgifte in het buurthuis.',
      });
    }
    await households.addReferral(db, ctx, deps, id, {
      target: 'gemeentelijke_belastingen',
      reason: 'Kwijtschelding aanvragen',
      goalId: buffer?.id,
      consent: { givenOn: today, memberId: head.id, shared: 'Inkomen en vaste lasten' },
    });
    await appointments.addAppointment(db, ctx, appointmentDeps, id, {
      startsAt: at(-14, 13).toISOString(),
      endsAt: at(-14, 14).toISOString(),
      mode: 'locatie',
      location: 'Thuis bij de bewoner',
      purpose: 'huisbezoek',
      note: 'Samen de post doorgenomen',
      networkMemberIds: maatjeId ? [maatjeId] : [],
      status: 'gehouden',
    });
    await appointments.addAppointment(db, ctx, appointmentDeps, id, {
      startsAt: at(5, 8).toISOString(),
      endsAt: at(5, 9).toISOString(),
      mode: 'locatie',
      location: 'Stadskantoor, Markt 1, spreekkamer 3',
      purpose: 'vervolggesprek',
      note: 'Het weekbudget bespreken',
      networkMemberIds: maatjeId ? [maatjeId] : [],
      status: 'gepland',
    });
  }

  if (couple) {
    let v = await households.openHousehold(db, ctx, deps, {
      householdId: couple.household_id,
      members: [],
      planLanguage: 'nl',
    });
    opened++;
    const head = v.members?.[0];
    if (!head) throw new Error('demo household without members');
    v = await households.addNetworkMember(db, ctx, deps, v.id, {
      kind: 'formeel',
      relation: 'maatschappelijk_werk',
      name: 'Maud Maatschappelijk',
      organisation: 'Maatschappelijk Werk Voorbeeldstad',
      userId: maud,
    });
    const mw = v.network?.[0];
    if (mw) {
      await households.giveConsent(db, ctx, deps, v.id, {
        networkMemberId: mw.id,
        categories: ['plan', 'verwijzingen', 'zrm'],
        purpose: 'Begeleiding bij opvoeding en rust in huis',
        givenOn: today,
        givenByMemberId: head.id,
      });
    }
    await households.recordZrm(db, ctx, deps, v.id, {
      assessedOn: today,
      scores: zrm(3, { financien: 2, huiselijke_relaties: 2, tijdsbesteding: 2 }),
    });
    v = await households.addGoal(db, ctx, deps, v.id, {
      title: 'Een vast dagritme voor het hele gezin',
      zrmDomain: 'tijdsbesteding',
      pillar: 'gezinsstabiliteit',
      chosenByMemberId: head.id,
      targetDate: day(today, 60),
    });
    const goal = v.goals?.[0];
    if (goal && mw) {
      await households.addAction(db, ctx, deps, goal.id, {
        description: 'Een weekschema maken en op de koelkast hangen',
        owner: { kind: 'netwerk', networkMemberId: mw.id },
        dueDate: day(today, 5),
      });
    }
    // The first conversation, prepared by phone: the list of documents went out by letter.
    const planned = await appointments.addAppointment(db, ctx, appointmentDeps, v.id, {
      startsAt: at(3, 8).toISOString(),
      endsAt: at(3, 9).toISOString(),
      mode: 'locatie',
      location: 'Stadskantoor, Markt 1, spreekkamer 2',
      purpose: 'eerste_gesprek',
      networkMemberIds: mw ? [mw.id] : [],
      status: 'gepland',
    });
    const first = planned.appointments.find((a) => a.purpose === 'eerste_gesprek');
    await appointments.recordPreparation(db, null, ctx, appointmentDeps, v.id, {
      calledOn: today,
      memberId: head.id,
      ...(first ? { appointmentId: first.id } : {}),
      language: 'nl',
      channel: 'brief',
      items: [
        { kind: 'standaard', code: 'identiteitsbewijs' },
        { kind: 'standaard', code: 'inkomen' },
        { kind: 'standaard', code: 'bankafschriften' },
        { kind: 'standaard', code: 'brieven_schuldeisers' },
        { kind: 'standaard', code: 'huurcontract' },
        { kind: 'standaard', code: 'zorgpolis' },
        { kind: 'eigen', text: 'Brieven van de kinderopvang' },
      ],
      note: 'Bewoner was blij met het telefoontje; de partner komt ook mee.',
    });
    // A referral sent two weeks ago whose reminder date passed without an answer.
    await households.addReferral(db, ctx, { today: () => day(today, -14) }, v.id, {
      target: 'wmo',
      reason: 'Hulp bij het huishouden aanvragen',
      remindOn: day(today, -4),
      consent: { givenOn: day(today, -14), memberId: head.id, shared: 'Naam, adres en de hulpvraag' },
    });
  }

  // A household the BRP does not know (yet): entered by hand.
  await households.openHousehold(db, ctx, deps, {
    members: [
      { voornamen: 'Samira', geslachtsnaam: 'El Amrani', role: 'hoofd', phone: '06-33334444' },
      { voornamen: 'Yusuf', geslachtsnaam: 'El Amrani', role: 'kind', geboortedatum: '2016-09-12' },
    ],
    planLanguage: 'en',
  });
  opened++;
  // What the daily reminder job would have found this morning.
  await appointments.remindReferrals(db, today);
  return opened;
}
